import { medianSorted, quantileSorted } from 'simple-statistics';
import type { LatencyStats } from '../core/latency-stats.js';
import { UNSTABLE_SPREAD } from '../core/latency-stats.js';

export type SpreadCause = 'drift' | 'interruptions' | 'wide';

export interface SpreadDiagnosis {
  cause: SpreadCause;
  /** one sentence for the user: what the samples show and what usually causes it */
  summary: string;
}

/** consecutive blocks compared to find a drift or a level shift during the run */
const BLOCKS = 5;
/**
 * χ²(4) at p = 0.001: Kruskal–Wallis H above it says the blocks differ in level. A rank test,
 * not block medians alone, because a random mix of two speeds moves each block's median a lot
 * while every block has the same distribution.
 */
const KRUSKAL_WALLIS_CRITICAL = 18.47;

/**
 * Why an unstable cell is unstable, from its samples in the order taken (null when it is not):
 * - drift: the level moved during the run (block medians differ beyond noise and by more than
 *   half the allowed spread) — warm-up not over, or other load starting or stopping;
 * - interruptions: the central half is tight and the spread comes from a tail — pauses (GC,
 *   other threads or processes taking the core) hitting more than a tenth of the samples;
 * - wide: the central half itself is wide — steady contention, or runs alternating between
 *   two speeds (two code paths).
 */
export function diagnoseSpread(samplesMs: readonly number[], stats: LatencyStats): SpreadDiagnosis | null {
  if (!stats.unstable || stats.medianMs <= 0) return null;
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqrRel = (q3 - q1) / stats.medianMs;
  const pct = (x: number) => `${Math.round(100 * x)} %`;

  const shift = blockShift(samplesMs, stats.medianMs);
  if (shift && shift.rangeRel > UNSTABLE_SPREAD / 2) {
    return {
      cause: 'drift',
      summary: `the level moved during the run: block medians from ${shift.lowRel.toFixed(2)}× to ${shift.highRel.toFixed(2)}× the overall median (warm-up not over, or other load starting or stopping)`,
    };
  }
  if (iqrRel <= UNSTABLE_SPREAD / 2) {
    const fence = q3 + 1.5 * (q3 - q1);
    const share = sorted.filter((x) => x > fence).length / sorted.length;
    return {
      cause: 'interruptions',
      summary: `the middle half is tight (IQR ${pct(iqrRel)} of the median) but ${pct(share)} of samples are far slower: pauses such as garbage collection or other threads and processes taking the core`,
    };
  }
  return {
    cause: 'wide',
    summary: `the middle half itself spans ${pct(iqrRel)} of the median: steady contention for the CPU, or runs alternating between two speeds`,
  };
}

/** block medians relative to the overall median, when a rank test says the blocks differ in level */
function blockShift(samplesMs: readonly number[], medianMs: number): { rangeRel: number; lowRel: number; highRel: number } | null {
  const n = samplesMs.length;
  if (n < 4 * BLOCKS) return null;
  const ranks = averageRanks(samplesMs);
  const bounds = Array.from({ length: BLOCKS + 1 }, (_, b) => Math.floor((b * n) / BLOCKS));
  let h = 0;
  const medians: number[] = [];
  for (let b = 0; b < BLOCKS; b++) {
    const from = bounds[b] as number;
    const to = bounds[b + 1] as number;
    let rankSum = 0;
    for (let i = from; i < to; i++) rankSum += ranks[i] as number;
    const m = to - from;
    h += m * (rankSum / m - (n + 1) / 2) ** 2;
    medians.push(medianSorted(samplesMs.slice(from, to).sort((x, y) => x - y)));
  }
  h *= 12 / (n * (n + 1));
  if (h <= KRUSKAL_WALLIS_CRITICAL) return null;
  const low = Math.min(...medians);
  const high = Math.max(...medians);
  return { rangeRel: (high - low) / medianMs, lowRel: low / medianMs, highRel: high / medianMs };
}

/** 1-based ranks, ties sharing their average rank */
function averageRanks(xs: readonly number[]): Float64Array {
  const order = Array.from(xs.keys()).sort((a, b) => (xs[a] as number) - (xs[b] as number));
  const ranks = new Float64Array(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && xs[order[j + 1] as number] === xs[order[i] as number]) j++;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}
