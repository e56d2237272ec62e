import { quantile } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { computeLatencyStats } from './compute-latency-stats.js';
import { latencyStatsSchema, UNSTABLE_SPREAD } from './latency-stats.js';
import { seededRandom } from './seeded-random.js';

function noisySamples(n: number, seed: number, centreMs: number, jitter: number): number[] {
  const rng = seededRandom(seed);
  return Array.from({ length: n }, () => centreMs * (1 + jitter * rng.normal()) ** 2);
}

describe('computeLatencyStats', () => {
  it('reports order statistics of the samples whatever their order', () => {
    const samples = [9, 1, 5, 3, 7, 2, 8, 4, 6, 10];
    const stats = computeLatencyStats(samples);
    expect(latencyStatsSchema.parse(stats)).toEqual(stats);
    expect(stats.n).toBe(10);
    expect(stats.minMs).toBe(1);
    expect(stats.maxMs).toBe(10);
    expect(stats.medianMs).toBe(5.5);
    // numpy percentile (linear) of 1..10: p10 = 1.9, p90 = 9.1
    expect(stats.p10Ms).toBeCloseTo(1.9, 12);
    expect(stats.p90Ms).toBeCloseTo(9.1, 12);
    expect(stats.p99Ms).toBeCloseTo(9.91, 12);
    // |x − 5.5| for 1..10 is 0.5,0.5,1.5,1.5,…,4.5,4.5 → median 2.5
    expect(stats.madMs).toBe(2.5);
    expect(stats.spread).toBeCloseTo((9.1 - 1.9) / 5.5, 12);
  });

  it('does not change the caller’s array', () => {
    const samples = [3, 1, 2];
    computeLatencyStats(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('gives a CI that contains the median and narrows with more samples', () => {
    const small = computeLatencyStats(noisySamples(50, 7, 10, 0.1));
    const large = computeLatencyStats(noisySamples(5000, 7, 10, 0.1));
    for (const s of [small, large]) {
      expect(s.ciLowMs).toBeLessThanOrEqual(s.medianMs);
      expect(s.ciHighMs).toBeGreaterThanOrEqual(s.medianMs);
      expect(s.ciLowMs).toBeGreaterThanOrEqual(s.minMs);
    }
    expect(large.ciHighMs - large.ciLowMs).toBeLessThan((small.ciHighMs - small.ciLowMs) / 3);
  });

  it('covers the true median about 95 % of the time', () => {
    // samples drawn from a distribution whose median is known: |N(0,1)| has median 0.6745
    const trueMedian = 0.6744897501960817;
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const rng = seededRandom(1000 + t);
      const xs = Array.from({ length: 101 }, () => Math.abs(rng.normal()));
      const s = computeLatencyStats(xs, { seed: t, resamples: 500 });
      if (s.ciLowMs <= trueMedian && trueMedian <= s.ciHighMs) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThan(0.995);
  });

  it('is reproducible for a seed and differs across seeds', () => {
    const xs = noisySamples(300, 3, 5, 0.2);
    const a = computeLatencyStats(xs, { seed: 42 });
    expect(computeLatencyStats(xs, { seed: 42 })).toEqual(a);
    const b = computeLatencyStats(xs, { seed: 43 });
    expect([b.ciLowMs, b.ciHighMs]).not.toEqual([a.ciLowMs, a.ciHighMs]);
  });

  it('bootstrap medians agree with a straightforward resample-and-sort', () => {
    // the counting walk must find the same median a sort of the resample would
    const xs = noisySamples(11, 5, 1, 0.3);
    const s = computeLatencyStats(xs, { seed: 9, resamples: 400 });
    const sorted = [...xs].sort((a, b) => a - b);
    const rng = seededRandom(9);
    const medians: number[] = [];
    for (let r = 0; r < 400; r++) {
      const idx = Array.from({ length: xs.length }, () => rng.int(0, xs.length - 1)).sort((a, b) => a - b);
      medians.push(sorted[idx[5] as number] as number);
    }
    medians.sort((a, b) => a - b);
    expect(s.ciLowMs).toBeCloseTo(quantile(medians, 0.025), 12);
    expect(s.ciHighMs).toBeCloseTo(quantile(medians, 0.975), 12);
  });

  it('flags a cell unstable only when the p10–p90 spread exceeds the threshold', () => {
    const tight = computeLatencyStats(noisySamples(500, 1, 10, 0.02));
    expect(tight.unstable).toBe(false);
    const bimodal = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 10 : 14));
    const loose = computeLatencyStats(bimodal);
    expect(loose.spread).toBeGreaterThan(UNSTABLE_SPREAD);
    expect(loose.unstable).toBe(true);
  });

  it('handles one sample and constant samples', () => {
    const one = computeLatencyStats([2.5]);
    expect([one.medianMs, one.ciLowMs, one.ciHighMs, one.madMs, one.spread]).toEqual([2.5, 2.5, 2.5, 0, 0]);
    const flat = computeLatencyStats([0, 0, 0]);
    expect(flat.spread).toBe(0);
  });

  it('rejects empty, negative and non-finite samples with a clear message', () => {
    expect(() => computeLatencyStats([])).toThrow(/no latency samples/);
    expect(() => computeLatencyStats([1, Number.NaN])).toThrow(/#1 is NaN/);
    expect(() => computeLatencyStats([1, -2])).toThrow(/non-negative/);
    expect(() => computeLatencyStats([1, 2], { resamples: 0 })).toThrow(/resamples/);
  });

  it('refuses a zero median with spread instead of inventing a ratio', () => {
    expect(() => computeLatencyStats([0, 0, 0, 0.1, 0.1])).toThrow(/timer resolution/);
  });
});
