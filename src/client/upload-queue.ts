import { HintedError } from '../core/serialized-error.js';
import {
  submissionBundleSchema,
  type SubmissionAck,
  type SubmissionBundle,
} from '../core/submission-schema.js';

/**
 * The app's outbox for leaderboard uploads. Every bundle is written to storage before the first
 * attempt and stays there until the server acknowledges it, so going offline, a server that is
 * down, or a reload only delay an upload. The server stores each submission id once, so a retry
 * after a lost ack is harmless.
 */

export type UploadState = 'pending' | 'acked' | 'rejected';

export interface QueuedUpload {
  submissionId: string;
  bundle: SubmissionBundle;
  state: UploadState;
  enqueuedAtMs: number;
  attempts: number;
  /** attempts the server answered with a 5xx (or an answer that was not our ack); bounded */
  serverFailures?: number;
  /** when a pending upload may be tried next (epoch ms) */
  nextAttemptAtMs: number;
  ack?: SubmissionAck;
  /** the last reason it did not go through, for the Share view */
  lastError?: string;
}

/** Where queued uploads live: IndexedDB in the app (upload-queue-idb.ts), memory in tests. */
export interface UploadStorage {
  put(item: QueuedUpload): Promise<void>;
  get(submissionId: string): Promise<QueuedUpload | undefined>;
  list(): Promise<QueuedUpload[]>;
  delete(submissionId: string): Promise<void>;
}

export type SendOutcome =
  | { kind: 'acked'; ack: SubmissionAck }
  /**
   * worth trying again later: offline, server down, rate-limited. `serverFault`: the server
   * answered and failed (5xx); those tries are bounded, while being offline or rate-limited only
   * delays an upload.
   */
  | { kind: 'retry'; reason: string; retryAfterMs?: number; serverFault?: boolean }
  /** the server refused the content; sending it again cannot help */
  | { kind: 'rejected'; reason: string };

export interface UploadTransport {
  send(bundle: SubmissionBundle): Promise<SendOutcome>;
}

export interface UploadQueueOptions {
  storage: UploadStorage;
  transport: UploadTransport;
  nowMs?: () => number;
  random?: () => number;
  /** schedules a wake-up; returns a cancel function */
  schedule?: (fn: () => void, delayMs: number) => () => void;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** server failures (5xx) after which an upload is given up, its reason kept (default 10, ≈ 25 min of back-off) */
  maxServerFailures?: number;
  /** called after every change, with all queued uploads (for the Share view) */
  onChange?: (items: QueuedUpload[]) => void;
}

export const DEFAULT_MAX_SERVER_FAILURES = 10;

export class UploadQueue {
  private readonly nowMs: () => number;
  private readonly random: () => number;
  private readonly schedule: (fn: () => void, delayMs: number) => () => void;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxServerFailures: number;
  private flushing: Promise<void> | null = null;
  private forceAgain = false;
  private cancelWake: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly options: UploadQueueOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    this.random = options.random ?? Math.random;
    this.schedule =
      options.schedule ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      });
    this.baseDelayMs = options.baseDelayMs ?? 2_000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
    this.maxServerFailures = options.maxServerFailures ?? DEFAULT_MAX_SERVER_FAILURES;
  }

  /** Stores the bundle (once per submission id) and tries to send it. */
  async enqueue(bundle: SubmissionBundle): Promise<QueuedUpload> {
    const parsed = submissionBundleSchema.safeParse(bundle);
    if (!parsed.success) {
      throw new HintedError(
        `This result bundle cannot be shared: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim(),
        'Only completed results with a coarse device descriptor can be shared; run the profile again or report a bug.',
      );
    }
    const existing = await this.options.storage.get(parsed.data.submissionId);
    if (existing) return existing;
    const item: QueuedUpload = {
      submissionId: parsed.data.submissionId,
      bundle: parsed.data,
      state: 'pending',
      enqueuedAtMs: this.nowMs(),
      attempts: 0,
      nextAttemptAtMs: this.nowMs(),
    };
    await this.options.storage.put(item);
    await this.changed();
    void this.flush();
    return item;
  }

  /** Picks up uploads left by an earlier page load and keeps retrying them. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.flush();
  }

  stop(): void {
    this.stopped = true;
    this.cancelWake?.();
    this.cancelWake = null;
  }

  /** Tries every due pending upload now; `force` ignores back-off (e.g. the browser came online). */
  flush(force = false): Promise<void> {
    if (this.flushing) {
      // a forced retry that arrives mid-flush runs right after it instead of being lost
      this.forceAgain ||= force;
      return this.flushing;
    }
    this.flushing = (async () => {
      try {
        await this.flushOnce(force);
        while (this.forceAgain) {
          this.forceAgain = false;
          await this.flushOnce(true);
        }
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  list(): Promise<QueuedUpload[]> {
    return this.options.storage.list();
  }

  /** Removes an upload the user no longer wants to see (acked or rejected), or to cancel a pending one. */
  async forget(submissionId: string): Promise<void> {
    await this.options.storage.delete(submissionId);
    await this.changed();
  }

  private async flushOnce(force: boolean): Promise<void> {
    if (this.stopped) return;
    const items = (await this.options.storage.list()).filter((i) => i.state === 'pending');
    for (const item of items.sort((a, b) => a.enqueuedAtMs - b.enqueuedAtMs)) {
      if (this.stopped) return;
      if (!force && item.nextAttemptAtMs > this.nowMs()) continue;
      await this.attempt(item);
    }
    await this.scheduleNext();
  }

  private async attempt(item: QueuedUpload): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await this.options.transport.send(item.bundle);
    } catch (err) {
      outcome = { kind: 'retry', reason: err instanceof Error ? err.message : String(err) };
    }
    const attempts = item.attempts + 1;
    const serverFailures = (item.serverFailures ?? 0) + (outcome.kind === 'retry' && outcome.serverFault ? 1 : 0);
    const updated: QueuedUpload =
      outcome.kind === 'acked'
        ? { ...item, attempts, state: 'acked', ack: outcome.ack, lastError: undefined }
        : outcome.kind === 'rejected'
          ? { ...item, attempts, state: 'rejected', lastError: outcome.reason }
          : serverFailures >= this.maxServerFailures
            ? // a server that keeps failing on this bundle will not be fixed by retrying forever
              { ...item, attempts, serverFailures, state: 'rejected', lastError: `The server failed ${serverFailures} times; gave up (last answer: ${outcome.reason}). Share again later to retry.` }
            : { ...item, attempts, serverFailures, lastError: outcome.reason, nextAttemptAtMs: this.nowMs() + this.delayMs(attempts, outcome.retryAfterMs) };
    await this.options.storage.put(updated);
    await this.changed();
  }

  /** Exponential back-off with jitter, so many devices coming back online do not retry in step. */
  private delayMs(attempts: number, retryAfterMs?: number): number {
    const exp = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(30, attempts - 1));
    const jittered = exp * (0.5 + 0.5 * this.random());
    return Math.max(jittered, retryAfterMs ?? 0);
  }

  private async scheduleNext(): Promise<void> {
    this.cancelWake?.();
    this.cancelWake = null;
    if (this.stopped) return;
    const pending = (await this.options.storage.list()).filter((i) => i.state === 'pending');
    if (pending.length === 0) return;
    const next = Math.min(...pending.map((i) => i.nextAttemptAtMs));
    this.cancelWake = this.schedule(() => void this.flush(), Math.max(0, next - this.nowMs()));
  }

  private async changed(): Promise<void> {
    if (this.options.onChange) this.options.onChange(await this.options.storage.list());
  }
}

/** Retries at once when the browser says it is back online or the page becomes visible. */
export function retryOnReconnect(queue: UploadQueue, target: Pick<Window, 'addEventListener'> & { document?: Document }): void {
  target.addEventListener('online', () => void queue.flush(true));
  target.document?.addEventListener('visibilitychange', () => {
    if (target.document?.visibilityState === 'visible') void queue.flush();
  });
}
