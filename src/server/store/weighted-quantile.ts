import { quantileSorted } from 'simple-statistics';

export interface Weighted {
  value: number;
  weight: number;
}

/**
 * Quantile of weighted values. With equal weights it is exactly the type-7 quantile every other
 * statistic here uses; with unequal weights, each value sits at the middle of its share of the
 * cumulative weight and the quantile interpolates between neighbours (a weighted Hazen quantile).
 */
export function weightedQuantile(items: readonly Weighted[], p: number): number {
  if (items.length === 0) throw new Error('weightedQuantile of nothing');
  const sorted = [...items].sort((a, b) => a.value - b.value);
  const first = sorted[0]!.weight;
  if (sorted.every((i) => i.weight === first)) return quantileSorted(sorted.map((i) => i.value), p);
  const total = sorted.reduce((sum, i) => sum + i.weight, 0);
  let cumulative = 0;
  const positions = sorted.map((i) => {
    const mid = (cumulative + i.weight / 2) / total;
    cumulative += i.weight;
    return mid;
  });
  if (p <= positions[0]!) return sorted[0]!.value;
  for (let k = 1; k < sorted.length; k++) {
    if (p <= positions[k]!) {
      const t = (p - positions[k - 1]!) / (positions[k]! - positions[k - 1]!);
      return sorted[k - 1]!.value + t * (sorted[k]!.value - sorted[k - 1]!.value);
    }
  }
  return sorted.at(-1)!.value;
}

export function medianOf(values: readonly number[]): number {
  return quantileSorted([...values].sort((a, b) => a - b), 0.5);
}
