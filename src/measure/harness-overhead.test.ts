import { describe, expect, it } from 'vitest';
import { protocolSchema } from '../core/cell.js';
import { compareHarnessOverhead } from './harness-overhead.js';

describe('compareHarnessOverhead', () => {
  it('finds no overhead when only the run moves the clock, and matches sample counts', async () => {
    const state = { t: 0 };
    const protocol = protocolSchema.parse({ samplesMin: 40, budgetMs: 0, minSampleMs: 0 });
    const o = await compareHarnessOverhead(() => void (state.t += 3), protocol, { now: () => state.t, rounds: 2 });
    expect(o).toMatchObject({ harnessMedianMs: 3, bareMedianMs: 3, overheadMs: 0, overheadPct: 0, n: 40, runsPerSample: 1, rounds: 2 });
    expect(o.gapOverheadMs).toBe(0);
  });

  it('reads the clock no more often per sample than the bare loop does', async () => {
    // every clock read costs 0.5 ms, so any extra read in the harness's steady loop shows as a gap
    const state = { t: 0 };
    const now = () => (state.t += 0.5);
    const protocol = protocolSchema.parse({ samplesMin: 40, budgetMs: 0, minSampleMs: 0 });
    const o = await compareHarnessOverhead(() => void (state.t += 10), protocol, { now, rounds: 1 });
    expect(o.overheadMs).toBe(0);
    expect(o.bareGapMs).toBeCloseTo(0.5, 9);
    expect(o.gapOverheadMs).toBeCloseTo(0, 9);
    expect(o.harnessMedianMs).toBe(10.5);
  });

  it('rejects a non-positive round count', async () => {
    await expect(compareHarnessOverhead(() => undefined, protocolSchema.parse({}), { rounds: 0 })).rejects.toThrow(/rounds/);
  });
});
