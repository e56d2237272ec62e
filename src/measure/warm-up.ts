/** smallest settle window, in warm-up samples: settling needs at least two such windows */
export const WARMUP_WINDOW = 3;
/**
 * Warm-up lasts at least this long (ms of wall time, first run excluded). JIT tier-up is a
 * matter of time, not of run count: in headless Chromium 156 on this 2-core VM, timed from
 * the first run, onnxruntime-web WASM ran 1.4–1.6× its final per-run time at 100–200 ms,
 * 1.2–1.3× at 200–300 ms and up to 1.13× at 300–500 ms; tfjs wasm 1.1–1.2× at 100–300 ms;
 * tfjs cpu (cnn-s) ~1.1× until ~1 s. A warm-up of six sub-ms runs (what "settled" before)
 * left that transient in the timed samples. Past this floor the settle test takes over.
 */
export const WARMUP_MIN_MS = 500;
/** once warmupMax samples are taken, a warm-up that has not settled gives up at this wall time */
export const WARMUP_GIVE_UP_MS = 2 * WARMUP_MIN_MS;
/** a run so fast that a million of them stay under minSampleMs is timed as a million-run batch */
export const MAX_RUNS_PER_SAMPLE = 1_000_000;
/** bounds the stored warm-up samples when batching is switched off and runs take microseconds */
export const WARMUP_SAMPLES_CAP = 10_000;

export interface WarmupConfig {
  warmupMin: number;
  warmupMax: number;
  warmupSettle: number;
  /** each warm-up sample is a batch spanning at least this long, as steady samples are */
  minSampleMs: number;
  minWallMs: number;
  /** past warmupMax samples, an unsettled warm-up stops at this wall time (≥ minWallMs) */
  giveUpWallMs: number;
}

export interface WarmupResult {
  runs: number;
  /** per-run time of each warm-up sample (batch time ÷ its runs), in order */
  samplesMs: number[];
  settled: boolean;
  /** runs per sample reached: batches grow while runs get faster */
  runsPerSample: number;
  /** whether the last warm-up batch, at runsPerSample runs, spanned minSampleMs */
  batchVerified: boolean;
  /** median per-run time of the newest settle window, ms */
  recentMedianMs: number;
}

export interface WarmupContext {
  now: () => number;
  signal?: AbortSignal;
  /** called at most every progressIntervalMs (and never inside a timed batch) */
  checkpoint?: (done: number, target: number) => Promise<void>;
  progressIntervalMs: number;
}

/**
 * Warm up in timed batches sized like steady samples, until the runtime's speed settles and at
 * least minWallMs have passed. An unsettled warm-up ends once it has both warmupMax samples and
 * giveUpWallMs of wall time: warmupMax alone bounds slow runs, the wall time fast ones.
 */
export async function warmUp(run: () => Promise<void> | void, cfg: WarmupConfig, ctx: WarmupContext): Promise<WarmupResult> {
  const { now, signal, checkpoint } = ctx;
  const samplesMs: number[] = [];
  let runs = 0;
  let k = 1;
  let batchVerified = false;
  let settled = false;
  const start = now();
  let nextReportAt = checkpoint ? start + ctx.progressIntervalMs : Number.POSITIVE_INFINITY;
  for (;;) {
    signal?.throwIfAborted();
    const t0 = now();
    for (let i = 0; i < k; i++) await run();
    const t1 = now();
    const batchMs = t1 - t0;
    samplesMs.push(batchMs / k);
    runs += k;
    batchVerified = batchMs >= cfg.minSampleMs;
    const n = samplesMs.length;
    const elapsedMs = t1 - start;
    if (n >= cfg.warmupMin && elapsedMs >= cfg.minWallMs && settleCheck(samplesMs, cfg.warmupSettle).settled) {
      settled = true;
      break;
    }
    if ((n >= cfg.warmupMax && elapsedMs >= Math.max(cfg.minWallMs, cfg.giveUpWallMs)) || n >= WARMUP_SAMPLES_CAP) break;
    if (!batchVerified && k < MAX_RUNS_PER_SAMPLE) {
      // a zero reading says only "shorter than a tick": double rather than divide by zero
      k = Math.min(MAX_RUNS_PER_SAMPLE, batchMs > 0 ? Math.ceil((k * cfg.minSampleMs) / batchMs) : k * 2);
    }
    if (t1 >= nextReportAt && checkpoint) {
      await checkpoint(n, Math.max(cfg.warmupMax, n + 1));
      nextReportAt = now() + ctx.progressIntervalMs;
    }
  }
  return { runs, samplesMs, settled, runsPerSample: k, batchVerified, recentMedianMs: settleCheck(samplesMs, cfg.warmupSettle).recentMedianMs };
}

/**
 * Compare the median of the newest window of samples with the window just before it. The
 * windows do not overlap (overlapping windows share most values, so their medians agree by
 * construction) and each is a quarter of the warm-up so far (at least WARMUP_WINDOW samples),
 * so a slow drift is judged over a span that grows with the warm-up instead of a few runs.
 */
export function settleCheck(samplesMs: readonly number[], settle: number): { settled: boolean; recentMedianMs: number } {
  const n = samplesMs.length;
  const w = Math.max(WARMUP_WINDOW, Math.floor(n / 4));
  const recentMedianMs = medianOf(samplesMs, Math.max(0, n - w), n);
  if (n < 2 * w) return { settled: false, recentMedianMs };
  const previous = medianOf(samplesMs, n - 2 * w, n - w);
  if (previous === 0) return { settled: recentMedianMs === 0, recentMedianMs };
  return { settled: Math.abs(recentMedianMs - previous) / previous < settle, recentMedianMs };
}

function medianOf(xs: readonly number[], from: number, to: number): number {
  if (to <= from) return Number.NaN;
  const s = Float64Array.from(xs.slice(from, to)).sort();
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
