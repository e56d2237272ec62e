import { quantileSorted, quickselect } from 'simple-statistics';
import { seededRandom, type SeededRandom } from '../core/seeded-random.js';

/**
 * Samples of one cell, grouped by repetition (one group per worker session). Sessions differ
 * more from each other than samples within a session do (JIT, placement, thermal state), so the
 * groups are resampled as well as the samples in them.
 */
export type SampleGroups = readonly (readonly number[])[];

export interface RatioOfMediansOptions {
  seed: number;
  /** bootstrap resamples; 2000 gives p-values to ±0.005 near 0.05 */
  resamples?: number;
  /** confidence level of the interval, e.g. 0.95 */
  confidence?: number;
}

export interface RatioOfMedians {
  /** median(run) ÷ median(baseline) over the pooled samples; > 1 means the run is slower */
  ratio: number;
  ciLow: number;
  ciHigh: number;
  /** two-sided bootstrap p-value of "ratio = 1", consistent with the interval: p < 1 − confidence ⇔ 1 outside it */
  pValue: number;
  runMedianMs: number;
  baselineMedianMs: number;
  resamples: number;
  confidence: number;
}

/**
 * Percentile-bootstrap interval of the ratio of medians, run ÷ baseline, resampling each side
 * independently (two-stage when a side has several repetitions). Medians are zero-free here:
 * the caller refuses cells whose median is 0 (timer-resolution artefacts).
 */
export function bootstrapRatioOfMedians(run: SampleGroups, baseline: SampleGroups, options: RatioOfMediansOptions): RatioOfMedians {
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const runPooled = pool(run);
  const basePooled = pool(baseline);
  if (runPooled.length === 0 || basePooled.length === 0) throw new Error('bootstrapRatioOfMedians needs samples on both sides');
  const runMedianMs = medianInPlace(runPooled.slice());
  const baselineMedianMs = medianInPlace(basePooled.slice());
  const rng = seededRandom(options.seed);
  const ratios = new Float64Array(resamples);
  const runScratch: number[] = new Array<number>(runPooled.length);
  const baseScratch: number[] = new Array<number>(basePooled.length);
  let atOrBelowOne = 0;
  let atOrAboveOne = 0;
  for (let i = 0; i < resamples; i++) {
    const r = medianInPlace(resample(run, runScratch, rng)) / medianInPlace(resample(baseline, baseScratch, rng));
    ratios[i] = r;
    if (r <= 1) atOrBelowOne++;
    if (r >= 1) atOrAboveOne++;
  }
  ratios.sort();
  const sorted = Array.from(ratios);
  const tail = (1 - confidence) / 2;
  // +1 in numerator and denominator: a p-value of exactly 0 would claim more than B resamples can show
  const pValue = Math.min(1, (2 * (Math.min(atOrBelowOne, atOrAboveOne) + 1)) / (resamples + 1));
  return {
    ratio: runMedianMs / baselineMedianMs,
    ciLow: quantileSorted(sorted, tail),
    ciHigh: quantileSorted(sorted, 1 - tail),
    pValue,
    runMedianMs,
    baselineMedianMs,
    resamples,
    confidence,
  };
}

function pool(groups: SampleGroups): number[] {
  const out: number[] = [];
  for (const g of groups) for (const x of g) out.push(x);
  return out;
}

/** Fill `out` with one bootstrap resample: groups drawn with replacement, then samples within each. */
function resample(groups: SampleGroups, out: number[], rng: SeededRandom): number[] {
  const nonEmpty = groups.filter((g) => g.length > 0);
  if (nonEmpty.length === 1) {
    const g = nonEmpty[0] as readonly number[];
    for (let i = 0; i < out.length; i++) out[i] = g[rng.int(0, g.length - 1)] as number;
    return out;
  }
  // two-stage: keep the total size equal to the pooled size by drawing per chosen group its own length
  out.length = 0;
  for (let k = 0; k < nonEmpty.length; k++) {
    const g = nonEmpty[rng.int(0, nonEmpty.length - 1)] as readonly number[];
    for (let i = 0; i < g.length; i++) out.push(g[rng.int(0, g.length - 1)] as number);
  }
  return out;
}

/** Median by selection (O(n)); reorders `xs`. */
export function medianInPlace(xs: number[]): number {
  const n = xs.length;
  const mid = n >> 1;
  quickselect(xs, mid);
  const upper = xs[mid] as number;
  if (n % 2 === 1) return upper;
  // after selection everything left of mid is <= xs[mid]; the lower middle is their maximum
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if ((xs[i] as number) > lower) lower = xs[i] as number;
  return (lower + upper) / 2;
}
