import { describe, expect, it } from 'vitest';
import { inferencesRun, profilingFootprint } from './making-costs.js';
import { completed, energy } from './test-support/records.js';

describe('profilingFootprint', () => {
  it('counts every inference a run executed: first run, warm-up and timed samples', () => {
    const r = completed({ samplesMs: [1, 1, 1, 1] });
    // 1 first run + 3 warm-up runs + 4 samples × 1 run each
    expect(inferencesRun(r)).toBe(8);
  });

  it('multiplies energy per inference by the inferences run, interval included, and adds results up', () => {
    const a = completed({ samplesMs: [1, 1, 1, 1], estimates: { energyAttributableJ: energy(0.5, 0.25, 1) } });
    const b = completed({ samplesMs: [1, 1, 1, 1], runtime: 'tfjs', backend: 'cpu', estimates: { energyAttributableJ: energy(1, 0.5, 2) } });
    const f = profilingFootprint([a, b]);
    // 8 inferences each: 8 × 0.5 + 8 × 1 = 12 J; low 8 × 0.25 + 8 × 0.5 = 6; high 8 + 16 = 24
    expect(f.cost?.energy).toMatchObject({ value: 12, low: 6, high: 24, unit: 'J' });
    expect(f.inferences).toBe(16);
  });

  it('leaves results without energy out of the tally and counts them, never guessing', () => {
    const f = profilingFootprint([completed({})]);
    expect(f.cost).toBeNull();
    expect(f.notCounted).toBe(1);
  });
});
