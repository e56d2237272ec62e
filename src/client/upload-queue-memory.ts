import type { QueuedUpload, UploadStorage } from './upload-queue.js';

/**
 * UploadStorage in memory. Copies on the way in and out, as IndexedDB's structured clone does, so
 * code that passes tests here does not rely on sharing objects with its storage.
 */
export class MemoryUploadStorage implements UploadStorage {
  private readonly items = new Map<string, QueuedUpload>();

  async put(item: QueuedUpload): Promise<void> {
    this.items.set(item.submissionId, structuredClone(item));
  }

  async get(submissionId: string): Promise<QueuedUpload | undefined> {
    const item = this.items.get(submissionId);
    return item ? structuredClone(item) : undefined;
  }

  async list(): Promise<QueuedUpload[]> {
    return [...this.items.values()].map((i) => structuredClone(i));
  }

  async delete(submissionId: string): Promise<void> {
    this.items.delete(submissionId);
  }
}
