import type * as Comlink from 'comlink';
import { HintedError, serializeError } from '../core/serialized-error.js';
import type { AccountOutcome, ForgeOptions, ForgeProgress, ForgeWorkerApi, OpenOutcome, VariantOutcome } from './forge-protocol.js';
import { ComlinkWorkerClient, type WorkerClientOptions, type WorkerLabels } from './worker-client.js';

const FORGE_LABELS: WorkerLabels = {
  worker: 'forge worker',
  crashHint: 'That step was abandoned and a fresh forge worker takes the next one. If it repeats, the model may be too large for this device’s memory: forge fewer variants at a time, or a smaller model.',
  timeoutHint: 'The model may be too large to forge on this device in that time: forge fewer variants at a time (int8-qdq runs the model for calibration), or use `npx edgewatt forge` on a desktop.',
};

/** The forge worker's client: same deadlines and crash handling as the measurement worker's. */
export class ForgeWorkerClient extends ComlinkWorkerClient<ForgeWorkerApi> {
  constructor(options: WorkerClientOptions) {
    super(options, FORGE_LABELS);
  }
}

/** Per-call deadlines. Generous: the forge is linear in the file (≈ 1 s per 10 MB in Node), calibration in model runs. */
export interface ForgeTimeouts {
  openMs: number;
  accountMs: number;
  variantMs: number;
}

export function timeoutsFor(fileBytes: number): ForgeTimeouts {
  const perMb = fileBytes / 1e6;
  return { openMs: 30_000 + perMb * 3_000, accountMs: 30_000 + perMb * 3_000, variantMs: 120_000 + perMb * 12_000 };
}

export interface ForgeRun {
  base: AccountOutcome;
  variants: VariantOutcome[];
}

/**
 * One dropped file and the worker that forges it. A variant that crashes or hangs the worker
 * becomes an errored row; a fresh worker is started (and the file re-opened in it) for the next.
 */
export class ForgeSession {
  private client: ForgeWorkerClient | null = null;
  private closed = false;

  constructor(
    private readonly createWorker: () => Worker,
    private readonly bytes: ArrayBuffer,
    private readonly fileName: string,
    private readonly timeouts: ForgeTimeouts = timeoutsFor(bytes.byteLength),
  ) {}

  /** Decode the file in the worker and read its signature. */
  async open(): Promise<OpenOutcome> {
    this.client?.terminate();
    this.client = new ForgeWorkerClient({ createWorker: this.createWorker });
    try {
      // the page keeps its copy of the bytes: the fp32 model is profiled from them later
      return await this.client.call<OpenOutcome>('Opening the model', this.timeouts.openMs, (api) => api.open(this.bytes, this.fileName));
    } catch (err) {
      return { state: 'errored', error: serializeError(err, 'worker') };
    }
  }

  /** The base model's accounting, then each variant in turn; every failure is a row, never a throw. */
  async forge(variants: readonly string[], options: ForgeOptions, onProgress: (p: ForgeProgress) => void = () => undefined): Promise<ForgeRun> {
    onProgress({ step: 'account' });
    const base = await this.step<AccountOutcome>('Accounting of the model', this.timeouts.accountMs, (api) => api.account(options), (error) => ({ state: 'errored', error }));
    const out: VariantOutcome[] = [];
    for (const [index, variant] of variants.entries()) {
      if (this.closed) break;
      onProgress({ step: 'variant', variant, index, total: variants.length });
      const t0 = performance.now();
      out.push(await this.step<VariantOutcome>(`Forging ${variant}`, this.timeouts.variantMs, (api) => api.forge(variant, options), (error) => ({ state: 'errored', variant, error, ms: performance.now() - t0 })));
    }
    onProgress({ step: 'done' });
    return { base, variants: out };
  }

  close(): void {
    this.closed = true;
    this.client?.terminate();
    this.client = null;
  }

  private async step<T>(label: string, timeoutMs: number, fn: (api: Comlink.Remote<ForgeWorkerApi>) => Promise<T>, failed: (e: ReturnType<typeof serializeError>) => T): Promise<T> {
    try {
      const client = await this.liveClient();
      return await client.call(label, timeoutMs, fn);
    } catch (err) {
      return failed(serializeError(err, 'worker'));
    }
  }

  /** The current client, or a fresh worker with the file opened again after a crash or hang. */
  private async liveClient(): Promise<ForgeWorkerClient> {
    if (this.client && !this.client.failed) return this.client;
    const reopened = await this.open();
    if (reopened.state !== 'opened') throw new HintedError(`the forge worker was restarted but could not open the file again: ${reopened.error.message}`, reopened.error.hint ?? 'reload the page and pick the file again');
    return this.client!;
  }
}
