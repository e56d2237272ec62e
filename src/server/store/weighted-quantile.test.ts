import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { weightedQuantile } from './weighted-quantile.js';

describe('weightedQuantile', () => {
  it('is the type-7 quantile when weights are equal', () => {
    const values = [30, 10, 12];
    for (const p of [0.25, 0.5, 0.75]) {
      expect(weightedQuantile(values.map((value) => ({ value, weight: 0.4 })), p)).toBeCloseTo(quantileSorted([10, 12, 30], p), 12);
    }
  });

  it('lets many light values weigh as little as their total', () => {
    // six values of weight 1 near 20, twenty of weight 0.1 at 1: the median stays among the twenties
    const items = [18, 19, 20, 21, 22, 23].map((value) => ({ value, weight: 1 }));
    for (let i = 0; i < 20; i++) items.push({ value: 1, weight: 0.1 });
    const median = weightedQuantile(items, 0.5);
    expect(median).toBeGreaterThan(18);
    expect(median).toBeLessThan(21);
    expect(() => weightedQuantile([], 0.5)).toThrow();
  });
});
