import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { QueuedUpload, UploadStorage } from './upload-queue.js';

interface UploadDb extends DBSchema {
  uploads: { key: string; value: QueuedUpload };
}

export const UPLOAD_DB_NAME = 'edgewatt-uploads';

/** The app's UploadStorage: one IndexedDB object store keyed by submission id. */
export class IdbUploadStorage implements UploadStorage {
  private constructor(private readonly db: IDBPDatabase<UploadDb>) {}

  static async open(name: string = UPLOAD_DB_NAME): Promise<IdbUploadStorage> {
    const db = await openDB<UploadDb>(name, 1, {
      upgrade(d) {
        d.createObjectStore('uploads', { keyPath: 'submissionId' });
      },
    });
    return new IdbUploadStorage(db);
  }

  async put(item: QueuedUpload): Promise<void> {
    await this.db.put('uploads', item);
  }

  get(submissionId: string): Promise<QueuedUpload | undefined> {
    return this.db.get('uploads', submissionId);
  }

  list(): Promise<QueuedUpload[]> {
    return this.db.getAll('uploads');
  }

  async delete(submissionId: string): Promise<void> {
    await this.db.delete('uploads', submissionId);
  }

  close(): void {
    this.db.close();
  }
}
