declare const sortedBrand: unique symbol;

/**
 * Samples in ascending order. The brand lets order statistics demand sorted input in their
 * signature (tinybench's idea), so nobody sorts twice or, worse, forgets to sort.
 */
export type SortedSamples = readonly number[] & { readonly [sortedBrand]: true };

/**
 * Copy, check and sort latency samples once. Every sample must be a finite, non-negative
 * number of milliseconds: a NaN would sort unpredictably and poison every statistic after it.
 */
export function sortSamples(samplesMs: readonly number[]): SortedSamples {
  if (samplesMs.length === 0) {
    throw new Error('no latency samples: statistics need at least one timed sample (was the steady-state phase skipped?)');
  }
  for (let i = 0; i < samplesMs.length; i++) {
    const x = samplesMs[i] as number;
    if (!Number.isFinite(x) || x < 0) {
      throw new Error(`latency sample #${i} is ${x}: samples must be finite, non-negative milliseconds`);
    }
  }
  return [...samplesMs].sort((a, b) => a - b) as unknown as SortedSamples;
}
