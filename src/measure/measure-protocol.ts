import type { Protocol } from '../core/cell.js';
import { computeLatencyStats } from '../core/compute-latency-stats.js';
import type { Phases } from '../core/result-schema.js';
import { HintedError } from '../core/serialized-error.js';

/** runs in the moving window whose median decides when warm-up has settled */
export const WARMUP_WINDOW = 5;
/** progress (and event-loop yields) at most this often: over Comlink each report is a postMessage */
export const PROGRESS_INTERVAL_MS = 100;
/** a run so fast that a million of them stay under minSampleMs is timed as a million-run batch */
export const MAX_RUNS_PER_SAMPLE = 1_000_000;

export type MeasurePhase = 'first-run' | 'warmup' | 'steady';
export interface MeasureProgress {
  phase: MeasurePhase;
  done: number;
  /** expected total for the phase; steady state's is an estimate from the warm-up speed */
  target: number;
}

export interface MeasureOptions {
  /** ms clock; performance.now by default */
  now?: () => number;
  onProgress?: (p: MeasureProgress) => void;
  signal?: AbortSignal;
  /**
   * Awaited at the throttled progress points, outside any timed window. A worker passes a
   * macrotask yield here so an abort message can be handled while a run that resolves in a
   * microtask keeps the loop busy.
   */
  yieldToEventLoop?: () => Promise<void>;
}

export type SteadyStateResult = Omit<Phases, 'fetchMs' | 'loadMs'> & {
  /** runs spent finding the batch size for sub-minSampleMs runs; no samples are kept for them */
  calibrationRuns: number;
};

type Run = () => Promise<void> | void;

/**
 * DESIGN §3 from the first inference on: first run timed alone, warm-up until the running
 * median settles, then steady-state samples until both samplesMin and budgetMs are reached.
 * Bookkeeping happens outside the timed window; the loop allocates nothing per sample.
 * Aborting rejects with the signal's reason (an AbortError DOMException by default).
 */
export async function measureSteadyState(run: Run, protocol: Protocol, opts: MeasureOptions = {}): Promise<SteadyStateResult> {
  checkProtocol(protocol);
  const now = opts.now ?? (() => performance.now());
  const { signal, onProgress, yieldToEventLoop } = opts;
  const throttled = onProgress !== undefined || yieldToEventLoop !== undefined;
  const checkpoint = async (phase: MeasurePhase, done: number, target: number): Promise<void> => {
    onProgress?.({ phase, done, target });
    if (yieldToEventLoop) await yieldToEventLoop();
  };

  signal?.throwIfAborted();
  await checkpoint('first-run', 0, 1);
  const firstStart = now();
  await run();
  const firstRunMs = now() - firstStart;
  await checkpoint('first-run', 1, 1);

  // warm-up
  const { warmupMax, warmupMin, warmupSettle } = protocol;
  const warm = new Float64Array(warmupMax);
  const scratch = new Float64Array(WARMUP_WINDOW);
  let runs = 0;
  let settled = false;
  let previousMedian = Number.NaN;
  let windowMedian = 0;
  await checkpoint('warmup', 0, warmupMax);
  let nextReportAt = throttled ? now() + PROGRESS_INTERVAL_MS : Number.POSITIVE_INFINITY;
  while (runs < warmupMax) {
    signal?.throwIfAborted();
    const t0 = now();
    await run();
    const t1 = now();
    warm[runs++] = t1 - t0;
    windowMedian = medianOfLast(warm, runs, scratch);
    if (runs > WARMUP_WINDOW && runs >= warmupMin && relativeChange(windowMedian, previousMedian) < warmupSettle) {
      settled = true;
      break;
    }
    previousMedian = windowMedian;
    if (t1 >= nextReportAt) {
      await checkpoint('warmup', runs, warmupMax);
      nextReportAt = now() + PROGRESS_INTERVAL_MS;
    }
  }
  await checkpoint('warmup', runs, runs);

  // batch size: sub-resolution runs are timed in batches of at least minSampleMs
  let runsPerSample = 1;
  let calibrationRuns = 0;
  let perSampleMs = windowMedian;
  if (windowMedian < protocol.minSampleMs) {
    let k = windowMedian > 0 ? Math.ceil(protocol.minSampleMs / windowMedian) : 2;
    for (;;) {
      k = Math.min(k, MAX_RUNS_PER_SAMPLE);
      signal?.throwIfAborted();
      const t0 = now();
      for (let i = 0; i < k; i++) await run();
      perSampleMs = now() - t0;
      calibrationRuns += k;
      // the warm-up median can be a whole timer tick off, so the batch is checked, not trusted
      if (perSampleMs >= protocol.minSampleMs || k === MAX_RUNS_PER_SAMPLE) break;
      k *= 2;
    }
    runsPerSample = k;
  }

  // steady state
  const { samplesMin, samplesMax, budgetMs } = protocol;
  const target = perSampleMs > 0 ? clamp(Math.ceil(budgetMs / perSampleMs), samplesMin, samplesMax) : samplesMax;
  const samples = new Float64Array(samplesMax);
  let n = 0;
  await checkpoint('steady', 0, target);
  const start = now();
  let end = start;
  nextReportAt = throttled ? start + PROGRESS_INTERVAL_MS : Number.POSITIVE_INFINITY;
  while (n < samplesMax) {
    if (signal?.aborted) signal.throwIfAborted();
    const t0 = now();
    for (let i = 0; i < runsPerSample; i++) await run();
    end = now();
    samples[n++] = (end - t0) / runsPerSample;
    if (n >= samplesMin && end - start >= budgetMs) break;
    if (end >= nextReportAt) {
      await checkpoint('steady', n, Math.max(target, n));
      nextReportAt = now() + PROGRESS_INTERVAL_MS;
    }
  }
  const wallMs = end - start;
  await checkpoint('steady', n, n);

  const samplesMs = Array.from(samples.subarray(0, n));
  return {
    firstRunMs,
    warmup: { runs, samplesMs: Array.from(warm.subarray(0, runs)), settled },
    steady: { samplesMs, runsPerSample, calibrationRuns, wallMs, stats: computeLatencyStats(samplesMs, { seed: protocol.seed }) },
    calibrationRuns,
  };
}

function checkProtocol(p: Protocol): void {
  if (p.warmupMax < p.warmupMin) {
    throw new HintedError(`protocol has warmupMax ${p.warmupMax} below warmupMin ${p.warmupMin}`, 'Set warmupMax ≥ warmupMin in the suite.');
  }
  if (p.samplesMax < p.samplesMin) {
    throw new HintedError(`protocol has samplesMax ${p.samplesMax} below samplesMin ${p.samplesMin}`, 'Set samplesMax ≥ samplesMin in the suite.');
  }
}

/** median of the last min(WARMUP_WINDOW, count) values, via a reused scratch buffer */
function medianOfLast(values: Float64Array, count: number, scratch: Float64Array): number {
  const w = Math.min(WARMUP_WINDOW, count);
  for (let i = 0; i < w; i++) scratch[i] = values[count - w + i] as number;
  const s = scratch.subarray(0, w).sort();
  const mid = w >> 1;
  return w % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function relativeChange(current: number, previous: number): number {
  if (Number.isNaN(previous)) return Number.POSITIVE_INFINITY;
  if (previous === 0) return current === 0 ? 0 : Number.POSITIVE_INFINITY;
  return Math.abs(current - previous) / previous;
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}
