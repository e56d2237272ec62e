import type { Protocol } from '../core/cell.js';
import { computeLatencyStats } from '../core/compute-latency-stats.js';
import type { Phases } from '../core/result-schema.js';
import { HintedError } from '../core/serialized-error.js';
import { estimateClockResolutionMs } from './clock-resolution.js';
import { MAX_RUNS_PER_SAMPLE, WARMUP_GIVE_UP_MS, WARMUP_MIN_MS, warmUp } from './warm-up.js';

export { MAX_RUNS_PER_SAMPLE, WARMUP_GIVE_UP_MS, WARMUP_MIN_MS, WARMUP_WINDOW } from './warm-up.js';
/** progress (and event-loop yields) at most this often: over Comlink each report is a postMessage */
export const PROGRESS_INTERVAL_MS = 100;
/**
 * A sample spans at least this many clock ticks, whatever minSampleMs says: reading a start and
 * an end tick misplaces a sample by up to one tick, so 1 ms batches on a 100 µs clock (no
 * cross-origin isolation) would spread ±10 % from rounding alone; 100 ticks keep it to ±1 %.
 */
export const MIN_SAMPLE_TICKS = 100;

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
  /**
   * Resolution of `now` in ms; null when unknown. Measured from `now` when absent (≤ a few ms);
   * samples then span at least MIN_SAMPLE_TICKS ticks.
   */
  timerResolutionMs?: number | null;
  /** minimum warm-up wall time, ms; WARMUP_MIN_MS by default */
  warmupMinMs?: number;
  /** wall time after which an unsettled warm-up past warmupMax samples stops; WARMUP_GIVE_UP_MS by default */
  warmupGiveUpMs?: number;
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

  // warm-up, in batches sized like the steady samples
  const minSampleMs = effectiveMinSampleMs(protocol.minSampleMs, opts.timerResolutionMs === undefined ? estimateClockResolutionMs(now) : opts.timerResolutionMs);
  await checkpoint('warmup', 0, protocol.warmupMax);
  const warm = await warmUp(
    run,
    { ...protocol, minSampleMs, minWallMs: opts.warmupMinMs ?? WARMUP_MIN_MS, giveUpWallMs: opts.warmupGiveUpMs ?? WARMUP_GIVE_UP_MS },
    { now, signal, progressIntervalMs: PROGRESS_INTERVAL_MS, ...(throttled ? { checkpoint: (done: number, target: number) => checkpoint('warmup', done, target) } : {}) },
  );
  await checkpoint('warmup', warm.samplesMs.length, warm.samplesMs.length);

  // batch size: the warm-up's last batch size, checked (not trusted) when it was not yet timed
  let runsPerSample = warm.runsPerSample;
  let calibrationRuns = 0;
  let perSampleMs = warm.recentMedianMs * runsPerSample;
  if (!warm.batchVerified) {
    let k = runsPerSample;
    for (;;) {
      k = Math.min(k, MAX_RUNS_PER_SAMPLE);
      signal?.throwIfAborted();
      const t0 = now();
      for (let i = 0; i < k; i++) await run();
      perSampleMs = now() - t0;
      calibrationRuns += k;
      if (perSampleMs >= minSampleMs || k === MAX_RUNS_PER_SAMPLE) break;
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
  let nextReportAt = throttled ? start + PROGRESS_INTERVAL_MS : Number.POSITIVE_INFINITY;
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
    warmup: { runs: warm.runs, samplesMs: warm.samplesMs, settled: warm.settled },
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

/** 0 keeps batching off, as the protocol asked; otherwise the timer's resolution sets a floor */
export function effectiveMinSampleMs(minSampleMs: number, resolutionMs: number | null): number {
  if (minSampleMs <= 0 || resolutionMs === null || !(resolutionMs > 0)) return minSampleMs;
  return Math.max(minSampleMs, MIN_SAMPLE_TICKS * resolutionMs);
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}
