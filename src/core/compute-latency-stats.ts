import { medianAbsoluteDeviation, medianSorted, quantileSorted } from 'simple-statistics';
import { type LatencyStats, UNSTABLE_SPREAD } from './latency-stats.js';
import { seededRandom } from './seeded-random.js';
import { type SortedSamples, sortSamples } from './sorted-samples.js';

export const DEFAULT_BOOTSTRAP_RESAMPLES = 2000;
/** used when no seed is given, so two calls on the same samples always report the same CI */
export const DEFAULT_BOOTSTRAP_SEED = 1234;

export interface LatencyStatsOptions {
  seed?: number;
  resamples?: number;
}

/**
 * The latency summary of DESIGN §3: order statistics, MAD and a bootstrap CI of the median,
 * never a mean. Quantiles are R/numpy type 7 (simple-statistics' `quantileSorted`).
 */
export function computeLatencyStats(samplesMs: readonly number[], opts: LatencyStatsOptions = {}): LatencyStats {
  const resamples = opts.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new Error(`bootstrap resamples must be a positive integer, got ${resamples}`);
  }
  const sorted = sortSamples(samplesMs);
  const xs = asArray(sorted);
  const medianMs = medianSorted(xs);
  const p10Ms = quantileSorted(xs, 0.1);
  const p90Ms = quantileSorted(xs, 0.9);
  const [ciLowMs, ciHighMs] = bootstrapMedianCi(sorted, resamples, opts.seed ?? DEFAULT_BOOTSTRAP_SEED);
  const spread = relativeSpread(p10Ms, p90Ms, medianMs);
  return {
    n: xs.length,
    medianMs,
    p10Ms,
    p90Ms,
    p99Ms: quantileSorted(xs, 0.99),
    minMs: xs[0] as number,
    maxMs: xs[xs.length - 1] as number,
    madMs: medianAbsoluteDeviation(xs),
    ciLowMs,
    ciHighMs,
    spread,
    unstable: spread > UNSTABLE_SPREAD,
  };
}

function relativeSpread(p10Ms: number, p90Ms: number, medianMs: number): number {
  if (medianMs > 0) return (p90Ms - p10Ms) / medianMs;
  if (p90Ms === p10Ms) return 0;
  // a zero median with a non-zero spread has no finite relative spread; inventing one would lie
  throw new Error(
    'median latency is 0 ms while samples vary: the runs are shorter than the timer resolution. ' +
      'Set protocol.minSampleMs above the timer resolution so runs are timed in batches.',
  );
}

/**
 * Percentile bootstrap 95 % CI of the median. Resampling indices into the sorted samples and
 * counting them finds each resample's median by a cumulative walk: no sort and no allocation
 * per resample, so 2000 × 5000 stays well under a second.
 */
export function bootstrapMedianCi(sorted: SortedSamples, resamples: number, seed: number): [number, number] {
  const n = sorted.length;
  const first = sorted[0] as number;
  if (n === 1) return [first, first];
  const rng = seededRandom(seed);
  const counts = new Int32Array(n);
  const medians = new Float64Array(resamples);
  const lowRank = (n - 1) >> 1;
  const highRank = n >> 1;
  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[rng.int(0, n - 1)]!++;
    let below = 0;
    let j = 0;
    while (below + (counts[j] as number) <= lowRank) below += counts[j++] as number;
    const low = sorted[j] as number;
    while (below + (counts[j] as number) <= highRank) below += counts[j++] as number;
    medians[r] = (low + (sorted[j] as number)) / 2;
  }
  medians.sort();
  const ms = medians as unknown as number[];
  return [quantileSorted(ms, 0.025), quantileSorted(ms, 0.975)];
}

// simple-statistics types want a mutable number[]; these functions only read, so the cast is safe
function asArray(sorted: SortedSamples): number[] {
  return sorted as unknown as number[];
}
