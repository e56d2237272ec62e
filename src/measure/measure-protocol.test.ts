import { describe, expect, it } from 'vitest';
import { type ProtocolInput, protocolSchema } from '../core/cell.js';
import { phasesSchema } from '../core/result-schema.js';
import { effectiveMinSampleMs, type MeasureProgress, measureSteadyState, MIN_SAMPLE_TICKS, WARMUP_GIVE_UP_MS, WARMUP_MIN_MS, WARMUP_WINDOW } from './measure-protocol.js';

/** A clock that only moves when a scripted run says so; `resolutionMs` mimics a coarse timer. */
function scripted(durationMs: (runIndex: number) => number, resolutionMs = 0) {
  const state = { t: 0, runs: 0 };
  const now = () => (resolutionMs > 0 ? Math.floor(state.t / resolutionMs) * resolutionMs : state.t);
  const run = async () => {
    state.t += durationMs(state.runs++);
  };
  return { state, now, run, durationMs };
}

const protocol = (p: ProtocolInput = {}) => protocolSchema.parse({ budgetMs: 0, ...p });

describe('measureSteadyState', () => {
  it('times the first run alone and keeps every steady sample, in order', async () => {
    const d = (i: number) => (i === 0 ? 800 : 10 + (i % 7) * 0.125); // binary fractions keep the fake clock exact
    const c = scripted(d);
    const r = await measureSteadyState(c.run, protocol({ samplesMin: 40 }), { now: c.now });
    expect(r.firstRunMs).toBe(800);
    expect(r.warmup.samplesMs).not.toContain(800);
    const firstSteady = 1 + r.warmup.runs;
    expect(r.steady.samplesMs).toEqual(Array.from({ length: 40 }, (_, k) => d(firstSteady + k)));
    expect(r.steady.runsPerSample).toBe(1);
    expect(c.state.runs).toBe(1 + r.warmup.runs + 40);
    expect(r.steady.stats.n).toBe(40);
    expect(phasesSchema.safeParse({ fetchMs: null, loadMs: 5, ...r }).success).toBe(true);
  });

  it('keeps warming up while the running median still falls, then settles', async () => {
    const c = scripted((i) => (i === 0 ? 500 : 10 + 200 * 0.6 ** i));
    const r = await measureSteadyState(c.run, protocol({ samplesMin: 20, warmupSettle: 0.05 }), { now: c.now });
    expect(r.warmup.settled).toBe(true);
    expect(r.warmup.runs).toBeGreaterThan(WARMUP_WINDOW + 1);
    expect(r.warmup.runs).toBeLessThan(50);
    // the transient is inside warm-up: steady samples are at the settled level
    expect(r.steady.samplesMs[0]).toBeLessThan(10 * 1.05);
  });

  it('needs at least warmupMin samples even when runs are steady from the start', async () => {
    const c = scripted(() => 5);
    const r = await measureSteadyState(c.run, protocol({ warmupMin: 20, samplesMin: 5 }), { now: c.now, warmupMinMs: 0 });
    expect(r.warmup).toMatchObject({ runs: 20, settled: true });
    const q = scripted(() => 5);
    const quick = await measureSteadyState(q.run, protocol({ warmupMin: 3, samplesMin: 5 }), { now: q.now, warmupMinMs: 0 });
    // two non-overlapping windows are the least that can show a settled median
    expect(quick.warmup.runs).toBe(2 * WARMUP_WINDOW);
  });

  it('stops warm-up at warmupMax and says it never settled while runs keep getting faster', async () => {
    const c = scripted((i) => 10 + 400 / (i + 1));
    const r = await measureSteadyState(c.run, protocol({ warmupMax: 17, samplesMin: 5 }), { now: c.now, warmupMinMs: 0, warmupGiveUpMs: 0 });
    expect(r.warmup).toMatchObject({ runs: 17, settled: false });
    expect(r.warmup.samplesMs).toHaveLength(17);
  });

  it('gives an unsettled fast warm-up until WARMUP_GIVE_UP_MS, past warmupMax, then says it never settled', async () => {
    const state = { t: 0 };
    const endTimes: number[] = [];
    // 2 ms runs that keep getting 2 % faster every 10 ms of running: never settles
    const run = () => void endTimes.push((state.t += 2 * 0.98 ** Math.floor(state.t / 10)));
    const r = await measureSteadyState(run, protocol({ warmupMax: 5, samplesMin: 5 }), { now: () => state.t });
    expect(r.warmup.settled).toBe(false);
    const warmMs = endTimes[r.warmup.runs]! - endTimes[0]!;
    expect(warmMs).toBeGreaterThanOrEqual(WARMUP_GIVE_UP_MS);
    expect(warmMs).toBeLessThan(WARMUP_GIVE_UP_MS + 10);
  });

  it('warms up for at least WARMUP_MIN_MS of wall time, past warmupMax, however few runs that needs', async () => {
    const c = scripted(() => 10);
    const r = await measureSteadyState(c.run, protocol({ warmupMax: 5, samplesMin: 5 }), { now: c.now });
    expect(r.warmup.runs * 10).toBeGreaterThanOrEqual(WARMUP_MIN_MS);
    expect(r.warmup.runs * 10).toBeLessThan(WARMUP_MIN_MS + 50);
    const slow = scripted(() => 400);
    const s = await measureSteadyState(slow.run, protocol({ warmupMin: 3, samplesMin: 5 }), { now: slow.now });
    // slow runs: the run count, not the wall-time floor, decides
    expect(s.warmup.runs).toBe(2 * WARMUP_WINDOW);
  });

  it('keeps a JIT tier-up step out of the steady samples of a sub-millisecond model', async () => {
    // 0.06 ms per run for the first 300 ms of running, then 0.02 ms (a compiled tier arriving):
    // a warm-up of a handful of runs would put the step inside the timed samples
    const state = { t: 0 };
    const run = () => void (state.t += state.t < 300 ? 0.0625 : 0.015625);
    const r = await measureSteadyState(run, protocol({ samplesMin: 50, budgetMs: 200, minSampleMs: 1 }), { now: () => state.t });
    expect(r.warmup.settled).toBe(true);
    expect(Math.max(...r.steady.samplesMs)).toBeCloseTo(0.015625, 9);
    expect(r.steady.stats.unstable).toBe(false);
  });

  it('times warm-up in batches too, so sub-resolution runs are never judged from single ticks', async () => {
    const c = scripted(() => 0.03, 0.1);
    const r = await measureSteadyState(c.run, protocol({ minSampleMs: 2, samplesMin: 10 }), { now: c.now });
    expect(r.warmup.runs).toBeGreaterThan(r.warmup.samplesMs.length * 10);
    const last = r.warmup.samplesMs.slice(-10);
    for (const s of last) expect(Math.abs(s - 0.03)).toBeLessThan(0.03 * 0.1);
  });

  it('times sub-minSampleMs runs in batches and reports per-run time', async () => {
    const c = scripted(() => 0.25);
    const r = await measureSteadyState(c.run, protocol({ minSampleMs: 1, samplesMin: 30 }), { now: c.now });
    expect(r.steady.runsPerSample).toBeGreaterThanOrEqual(4);
    expect(r.steady.samplesMs.every((s) => Math.abs(s - 0.25) < 1e-9)).toBe(true);
    expect(r.steady.stats.medianMs).toBeCloseTo(0.25, 9);
    const steadyRuns = c.state.runs - 1 - r.warmup.runs - r.calibrationRuns;
    expect(steadyRuns).toBe(30 * r.steady.runsPerSample);
  });

  it('batches runs shorter than a coarse timer tick until each batch spans minSampleMs', async () => {
    // 30 µs runs on a 100 µs clock: single runs mostly read 0 ms
    const c = scripted(() => 0.03, 0.1);
    const r = await measureSteadyState(c.run, protocol({ minSampleMs: 2, samplesMin: 50 }), { now: c.now });
    expect(r.steady.runsPerSample * 0.03).toBeGreaterThanOrEqual(2 - 0.1);
    expect(r.steady.stats.medianMs).toBeGreaterThan(0.03 * 0.9);
    expect(r.steady.stats.medianMs).toBeLessThan(0.03 * 1.1);
  });

  it('makes each sample span MIN_SAMPLE_TICKS ticks of a coarse clock, beyond minSampleMs', async () => {
    expect(effectiveMinSampleMs(1, 0.1)).toBeCloseTo(MIN_SAMPLE_TICKS * 0.1, 12);
    expect(effectiveMinSampleMs(1, 0.005)).toBe(1);
    expect(effectiveMinSampleMs(1, null)).toBe(1);
    expect(effectiveMinSampleMs(0, 0.1)).toBe(0);
    const c = scripted(() => 0.03, 0.1);
    const r = await measureSteadyState(c.run, protocol({ minSampleMs: 1, samplesMin: 20 }), { now: c.now, timerResolutionMs: 0.1 });
    expect(r.steady.runsPerSample * 0.03).toBeGreaterThanOrEqual(MIN_SAMPLE_TICKS * 0.1 - 0.1);
    // ±1 tick on a 10 ms batch: every sample within ~1 % of the true 0.03 ms
    for (const s of r.steady.samplesMs) expect(Math.abs(s - 0.03) / 0.03).toBeLessThan(0.012);
  });

  it('does not batch when minSampleMs is 0', async () => {
    const c = scripted(() => 0.01);
    const r = await measureSteadyState(c.run, protocol({ minSampleMs: 0, samplesMin: 10 }), { now: c.now });
    expect(r.steady.runsPerSample).toBe(1);
  });

  it('samples until both samplesMin and the time budget are met, capped by samplesMax', async () => {
    const ten = () => scripted((i) => (i === 0 ? 100 : 10));
    const a = ten();
    const byCount = await measureSteadyState(a.run, protocol({ samplesMin: 50, budgetMs: 100 }), { now: a.now });
    expect(byCount.steady.samplesMs).toHaveLength(50);
    const b = ten();
    const byBudget = await measureSteadyState(b.run, protocol({ samplesMin: 50, budgetMs: 2000 }), { now: b.now });
    expect(byBudget.steady.samplesMs).toHaveLength(200);
    expect(byBudget.steady.wallMs).toBeGreaterThanOrEqual(2000);
    const c = ten();
    const capped = await measureSteadyState(c.run, protocol({ samplesMin: 50, samplesMax: 120, budgetMs: 2000 }), { now: c.now });
    expect(capped.steady.samplesMs).toHaveLength(120);
    expect(capped.steady.wallMs).toBeCloseTo(1200, 6);
  });

  it('rejects with an AbortError when aborted mid-way and runs no further sample', async () => {
    const controller = new AbortController();
    const c = scripted(() => 1);
    const run = async () => {
      await c.run();
      if (c.state.runs === 30) controller.abort();
    };
    await expect(measureSteadyState(run, protocol({ samplesMin: 1000 }), { now: c.now, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(c.state.runs).toBe(30);

    const pre = new AbortController();
    pre.abort();
    const d = scripted(() => 1);
    await expect(measureSteadyState(d.run, protocol(), { now: d.now, signal: pre.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(d.state.runs).toBe(0);
  });

  it('throttles progress to about one report per 100 ms and ends each phase with a final one', async () => {
    const c = scripted(() => 1);
    const reports: MeasureProgress[] = [];
    let yields = 0;
    const r = await measureSteadyState(c.run, protocol({ samplesMin: 2000, samplesMax: 2000 }), {
      now: c.now,
      onProgress: (p) => reports.push(p),
      yieldToEventLoop: async () => void yields++,
    });
    const steady = reports.filter((p) => p.phase === 'steady');
    expect(steady.length).toBeLessThanOrEqual(2000 / 100 + 3);
    expect(steady.length).toBeGreaterThan(10);
    expect(steady.at(-1)).toEqual({ phase: 'steady', done: 2000, target: 2000 });
    expect(reports.map((p) => p.phase).filter((p, i, a) => p !== a[i - 1])).toEqual(['first-run', 'warmup', 'steady']);
    expect(yields).toBe(reports.length);
    expect(r.steady.samplesMs).toHaveLength(2000);
  });

  it('works with a run that returns synchronously', async () => {
    const state = { t: 0 };
    const r = await measureSteadyState(() => void (state.t += 2), protocol({ samplesMin: 10 }), { now: () => state.t });
    expect(r.steady.stats.medianMs).toBe(2);
  });

  it('refuses an inconsistent protocol with a clear error', async () => {
    const c = scripted(() => 1);
    await expect(measureSteadyState(c.run, protocol({ warmupMin: 10, warmupMax: 5 }), { now: c.now })).rejects.toThrow(/warmupMax 5 below warmupMin 10/);
    await expect(measureSteadyState(c.run, protocol({ samplesMin: 10, samplesMax: 5 }), { now: c.now })).rejects.toThrow(/samplesMax/);
    expect(c.state.runs).toBe(0);
  });
});
