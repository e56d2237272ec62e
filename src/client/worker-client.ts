import * as Comlink from 'comlink';
import type { MeasureWorkerApi } from '../core/worker-protocol.js';
import { HintedError } from '../core/serialized-error.js';

export type WorkerFailureKind = 'timeout' | 'crashed' | 'not-ready';

/** A call to the worker that did not come back: it hung, or the worker died under it. */
export class WorkerCallError extends HintedError {
  constructor(readonly kind: WorkerFailureKind, message: string, hint: string) {
    super(message, hint);
    this.name = 'WorkerCallError';
  }
}

export interface WorkerClientOptions {
  createWorker: () => Worker;
  /** how long the worker may take to load its script and say it is ready */
  readyTimeoutMs?: number;
}

/** How a client names its worker in messages, and what it tells the user when a call fails. */
export interface WorkerLabels {
  /** e.g. "measurement worker" */
  worker: string;
  crashHint: string;
  timeoutHint: string;
}

const MEASURE_LABELS: WorkerLabels = {
  worker: 'measurement worker',
  crashHint: 'The cell was abandoned and a fresh worker takes the next one. If it repeats, the model may be too large for this device’s memory.',
  timeoutHint: 'The model may be too slow for this backend on this device; raise the suite’s timeoutMs or pick a smaller model.',
};

/**
 * Comlink leaves a call to a dead or hung worker pending forever. Every call here races a
 * timeout and the worker's `error` event; on either, the worker is terminated and the call
 * fails with a message that says what happened. A failed client is not reused.
 * The worker announces itself with `{ type: 'edgewatt-worker-ready' }` after Comlink.expose().
 */
export class ComlinkWorkerClient<Api> {
  private readonly worker: Worker;
  private readonly remote: Comlink.Remote<Api>;
  private readonly died: Promise<never>;
  private readonly ready: Promise<void>;
  private failure: WorkerCallError | null = null;

  constructor(
    private readonly options: WorkerClientOptions,
    private readonly labels: WorkerLabels,
  ) {
    this.worker = options.createWorker();
    let fail!: (e: WorkerCallError) => void;
    this.died = new Promise<never>((_, reject) => (fail = reject));
    this.died.catch(() => undefined); // observed by callers through call()
    const onDeath = (detail: string) => {
      if (this.failure) return;
      this.failure = new WorkerCallError(
        'crashed',
        `The ${labels.worker} crashed: ${detail}`,
        labels.crashHint,
      );
      this.worker.terminate();
      fail(this.failure);
    };
    this.worker.addEventListener('error', (e) => {
      e.preventDefault();
      onDeath(e.message || 'uncaught error or script load failure in the worker');
    });
    this.worker.addEventListener('messageerror', () => onDeath('a message could not be deserialised'));
    this.ready = new Promise<void>((resolve) => {
      const onMessage = (e: MessageEvent) => {
        if ((e.data as { type?: string } | null)?.type === 'edgewatt-worker-ready') {
          this.worker.removeEventListener('message', onMessage);
          resolve();
        }
      };
      this.worker.addEventListener('message', onMessage);
    });
    this.remote = Comlink.wrap<Api>(this.worker);
  }

  get failed(): WorkerCallError | null {
    return this.failure;
  }

  /** Run one worker call with a deadline. The label names the call in error messages. */
  async call<T>(label: string, timeoutMs: number, fn: (api: Comlink.Remote<Api>) => Promise<T>): Promise<T> {
    if (this.failure) throw this.failure;
    await this.withDeadline(this.ready, this.options.readyTimeoutMs ?? 30_000, 'not-ready', `The ${this.labels.worker} did not start within ${Math.round((this.options.readyTimeoutMs ?? 30_000) / 1000)} s`);
    return this.withDeadline(fn(this.remote), timeoutMs, 'timeout', `${label} did not finish within ${Math.round(timeoutMs / 1000)} s; the worker was stopped`);
  }

  private async withDeadline<T>(work: Promise<T>, ms: number, kind: WorkerFailureKind, message: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.failure ??= new WorkerCallError(kind, message, this.labels.timeoutHint);
        this.worker.terminate();
        reject(this.failure);
      }, ms);
    });
    try {
      return await Promise.race([work, deadline, this.died]);
    } finally {
      clearTimeout(timer);
    }
  }

  terminate(): void {
    this.worker.terminate();
  }
}

/** The measurement worker's client: one per cell (see run-plan.ts). */
export class MeasureWorkerClient extends ComlinkWorkerClient<MeasureWorkerApi> {
  constructor(options: WorkerClientOptions) {
    super(options, MEASURE_LABELS);
  }
}
