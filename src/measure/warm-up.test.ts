import { describe, expect, it } from 'vitest';
import { settleCheck, WARMUP_WINDOW } from './warm-up.js';

describe('settleCheck', () => {
  it('needs two full windows before it can call anything settled', () => {
    expect(settleCheck(Array(2 * WARMUP_WINDOW - 1).fill(1), 0.05).settled).toBe(false);
    expect(settleCheck(Array(2 * WARMUP_WINDOW).fill(1), 0.05).settled).toBe(true);
  });

  it('does not mistake a slow, steady speed-up for settling', () => {
    // 1 % faster per sample: windows sharing all but one sample would differ by ~1 %, under the
    // 5 % threshold; non-overlapping quarter windows see the drift
    const falling = Array.from({ length: 40 }, (_, i) => 100 * 0.99 ** i);
    expect(settleCheck(falling, 0.05).settled).toBe(false);
  });

  it('settles on a stationary noisy series, even one alternating between two values', () => {
    const alternating = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 10 : 12));
    const r = settleCheck(alternating, 0.05);
    expect(r.settled).toBe(true);
    expect(r.recentMedianMs).toBe(11);
  });

  it('reports the median of the newest window', () => {
    const xs = [...Array(20).fill(5), ...Array(20).fill(2)];
    const r = settleCheck(xs, 0.05);
    expect(r.recentMedianMs).toBe(2);
    expect(r.settled).toBe(true);
    expect(settleCheck([...Array(30).fill(5), ...Array(10).fill(2)], 0.05).settled).toBe(false);
  });
});
