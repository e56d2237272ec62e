import { describe, expect, it } from 'vitest';
import { estimateClockResolutionMs } from './clock-resolution.js';

describe('estimateClockResolutionMs', () => {
  it('finds the tick of a coarse clock', () => {
    let reads = 0;
    // a 100 µs clock read every 3 µs
    const now = () => Math.floor((reads++ * 0.003) / 0.1) * 0.1;
    expect(estimateClockResolutionMs(now)).toBeCloseTo(0.1, 9);
  });

  it('returns null for a clock that never moves by itself, instead of spinning forever', () => {
    expect(estimateClockResolutionMs(() => 42)).toBeNull();
  });

  it('reads a fine real clock as finer than 0.1 ms', () => {
    const r = estimateClockResolutionMs(() => performance.now());
    expect(r).not.toBeNull();
    expect(r!).toBeLessThan(0.1);
  });
});
