import type { Estimate } from '../core/estimate.js';

/** A latency median with its bootstrap 95 % CI, as in `LatencyStats`. */
export interface LatencyCI {
  medianMs: number;
  ciLowMs: number;
  ciHighMs: number;
}

/**
 * `a` relative to `b`. Only disjoint confidence intervals count as a difference: two medians
 * whose CIs overlap are not called faster or slower, whatever their point values say.
 */
export type Order = 'higher' | 'lower' | 'overlap';

export function compareLatency(a: LatencyCI, b: LatencyCI): Order {
  if (a.ciLowMs > b.ciHighMs) return 'higher';
  if (a.ciHighMs < b.ciLowMs) return 'lower';
  return 'overlap';
}

export function compareEstimates(a: Estimate, b: Estimate): Order {
  if (a.low > b.high) return 'higher';
  if (a.high < b.low) return 'lower';
  return 'overlap';
}

export function latencyProblems(name: string, l: LatencyCI | undefined): string[] {
  if (!l) return [`${name} has no latency: a cell needs its median and 95 % CI.`];
  const nums = [l.medianMs, l.ciLowMs, l.ciHighMs];
  if (nums.some((x) => typeof x !== 'number' || !Number.isFinite(x) || x < 0)) {
    return [`${name} latency must be finite, non-negative numbers (got ${nums.join(' / ')} ms).`];
  }
  if (!(l.ciLowMs <= l.medianMs && l.medianMs <= l.ciHighMs)) {
    return [`${name} latency CI must contain the median (got ${l.ciLowMs} ≤ ${l.medianMs} ≤ ${l.ciHighMs} ms).`];
  }
  if (l.medianMs === 0) return [`${name} latency median is 0 ms: no inference takes no time; re-time it as a batch of runs.`];
  return [];
}
