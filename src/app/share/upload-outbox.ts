import { createFetchTransport } from '../../client/upload-queue-fetch.js';
import { IdbUploadStorage } from '../../client/upload-queue-idb.js';
import { MemoryUploadStorage } from '../../client/upload-queue-memory.js';
import { UploadQueue, type QueuedUpload, type UploadStorage, type UploadTransport } from '../../client/upload-queue.js';

export interface OutboxSnapshot {
  items: readonly QueuedUpload[];
  /** submission ids whose request is in flight right now */
  sending: ReadonlySet<string>;
}

/**
 * The app's one upload queue, opened at boot so uploads left by an earlier page load go out
 * without the person opening Share. Adds what the queue does not track: which upload is being
 * sent right now, for the "sending" status.
 */
export class UploadOutbox {
  readonly queue: UploadQueue;
  private items: readonly QueuedUpload[] = [];
  private readonly sending = new Set<string>();
  private readonly listeners = new Set<(s: OutboxSnapshot) => void>();

  constructor(
    storage: UploadStorage,
    transport: UploadTransport,
    /** false: IndexedDB was not available, uploads live only as long as the page */
    readonly persistent: boolean,
  ) {
    const tracked: UploadTransport = {
      send: async (bundle) => {
        this.sending.add(bundle.submissionId);
        this.emit();
        try {
          return await transport.send(bundle);
        } finally {
          this.sending.delete(bundle.submissionId);
          this.emit();
        }
      },
    };
    this.queue = new UploadQueue({
      storage,
      transport: tracked,
      onChange: (items) => {
        this.items = items;
        this.emit();
      },
    });
  }

  snapshot(): OutboxSnapshot {
    return { items: this.items, sending: new Set(this.sending) };
  }

  /** Calls `fn` now and after every change. */
  subscribe(fn: (s: OutboxSnapshot) => void): () => void {
    this.listeners.add(fn);
    fn(this.snapshot());
    return () => this.listeners.delete(fn);
  }

  /** Reads the stored uploads (the queue reports changes only after its first write). */
  async refresh(): Promise<void> {
    this.items = await this.queue.list();
    this.emit();
  }

  private emit(): void {
    const s = this.snapshot();
    for (const fn of this.listeners) fn(s);
  }
}

export async function openUploadOutbox(endpoint?: string): Promise<UploadOutbox> {
  const transport = createFetchTransport(endpoint ? { endpoint } : {});
  try {
    return new UploadOutbox(await IdbUploadStorage.open(), transport, true);
  } catch {
    // private browsing or storage blocked: sharing still works while the page stays open, and the Share view says so
    return new UploadOutbox(new MemoryUploadStorage(), transport, false);
  }
}
