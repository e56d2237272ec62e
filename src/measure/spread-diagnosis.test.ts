import { describe, expect, it } from 'vitest';
import { computeLatencyStats } from '../core/compute-latency-stats.js';
import { seededRandom } from '../core/seeded-random.js';
import { diagnoseSpread } from './spread-diagnosis.js';

/** n samples around centreMs with relative gaussian jitter, then reshaped by `shape(i, x)` */
function series(n: number, seed: number, centreMs: number, jitter: number, shape: (i: number, x: number, rnd: number) => number = (_, x) => x): number[] {
  const rng = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => shape(i, centreMs * (1 + jitter * rng.normal()), rng.next()));
}

function judge(samples: number[]) {
  const stats = computeLatencyStats(samples);
  return { stats, diagnosis: diagnoseSpread(samples, stats) };
}

describe('the unstable flag and its diagnosis', () => {
  it('calls a steady cell with rare GC pauses stable', () => {
    // 3 % of samples hit by a pause three times the run's length
    const { stats, diagnosis } = judge(series(300, 1, 0.02, 0.02, (_, x, r) => (r < 0.03 ? x + 0.06 : x)));
    expect(stats.maxMs).toBeGreaterThan(3 * stats.medianMs);
    expect(stats.unstable).toBe(false);
    expect(diagnosis).toBeNull();
  });

  it('flags a cell that drifts during the run, and says it drifted', () => {
    const { stats, diagnosis } = judge(series(300, 2, 1, 0.02, (i, x) => x * (1 + (0.4 * i) / 300)));
    expect(stats.unstable).toBe(true);
    expect(diagnosis?.cause).toBe('drift');
  });

  it('flags a level shift part-way (other load starting), as drift', () => {
    const { stats, diagnosis } = judge(series(250, 3, 1, 0.02, (i, x) => (i < 80 ? 0.65 * x : x)));
    expect(stats.unstable).toBe(true);
    expect(diagnosis?.cause).toBe('drift');
    expect(diagnosis?.summary).toMatch(/0\.6\d× to 1\.0\d×/);
  });

  it('flags runs that alternate between two code paths, as wide, not as drift', () => {
    for (const share of [0.3, 0.5]) {
      const { stats, diagnosis } = judge(series(300, 4, 10, 0.01, (_, x, r) => (r < share ? x * 1.4 : x)));
      expect(stats.unstable).toBe(true);
      expect(diagnosis?.cause).toBe('wide');
    }
  });

  it('flags pauses hitting more than a tenth of the samples, as interruptions', () => {
    const { stats, diagnosis } = judge(series(300, 5, 1, 0.02, (_, x, r) => (r < 0.15 ? x * 1.8 : x)));
    expect(stats.unstable).toBe(true);
    expect(diagnosis?.cause).toBe('interruptions');
    expect(diagnosis?.summary).toMatch(/1\d % of samples are far slower/);
  });

  it('says nothing about a stable cell', () => {
    const { stats, diagnosis } = judge(series(100, 6, 5, 0.03));
    expect(stats.unstable).toBe(false);
    expect(diagnosis).toBeNull();
  });
});
