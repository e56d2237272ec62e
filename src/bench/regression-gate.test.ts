import { describe, expect, it } from 'vitest';
import { bootstrapRatioOfMedians } from './bootstrap-ratio.js';
import { cell, completed, errored, latencySamples, runReport, seededRandom } from './fixtures/run-report-fixture.js';
import { compareWithBaseline } from './regression-gate.js';

const mlpWasm = cell('mlp-s', 'ort', 'wasm');

function pair(seed: number, n: number, shift: number, sigma = 0.1) {
  const rng = seededRandom(seed);
  const baseline = runReport([completed(mlpWasm, latencySamples(rng, n, 2.0, sigma))]);
  const run = runReport([completed(mlpWasm, latencySamples(rng, n, 2.0 * (1 + shift), sigma))]);
  return { run, baseline };
}

describe('regression gate: statistics on synthetic samples of known shift', () => {
  it('raises no false alarm on two sets drawn from the same distribution (rate near alpha)', () => {
    const trials = 300;
    let significant = 0;
    let failures = 0;
    for (let s = 0; s < trials; s++) {
      const { run, baseline } = pair(1000 + s, 50, 0);
      const gate = compareWithBaseline(run, baseline, { seed: s, resamples: 1000 });
      const c = gate.cells[0]!;
      if (c.verdict !== 'unchanged') significant++;
      if (!gate.pass) failures++;
    }
    const rate = significant / trials;
    // nominal 5 %; binomial sd at 300 trials is 1.3 %, the percentile bootstrap of a median runs a little hot
    expect(rate).toBeGreaterThan(0.01);
    expect(rate).toBeLessThan(0.1);
    expect(failures).toBe(0);
  });

  it('detects a 20 % slow-down at n = 50 and fails the gate at a 10 % threshold', () => {
    const trials = 100;
    let detected = 0;
    let covered = 0;
    let failed = 0;
    for (let s = 0; s < trials; s++) {
      const { run, baseline } = pair(5000 + s, 50, 0.2);
      const gate = compareWithBaseline(run, baseline, { seed: s, thresholdPct: 10, resamples: 1000 });
      const c = gate.cells[0]!;
      if (c.verdict === 'slower') detected++;
      if (c.ratioCI && c.ratioCI.low <= 1.2 && 1.2 <= c.ratioCI.high) covered++;
      if (!gate.pass) failed++;
    }
    expect(detected / trials).toBeGreaterThanOrEqual(0.95);
    // the interval is meant to hold the true ratio about 95 % of the time
    expect(covered / trials).toBeGreaterThanOrEqual(0.85);
    expect(failed / trials).toBeGreaterThanOrEqual(0.9);
  });

  it('calls a 20 % speed-up faster and never a regression', () => {
    const { run, baseline } = pair(77, 50, -0.2);
    const gate = compareWithBaseline(run, baseline, { seed: 3 });
    const c = gate.cells[0]!;
    expect(c.verdict).toBe('faster');
    expect(c.ratio!).toBeLessThan(1);
    expect(c.ratioCI!.high).toBeLessThan(1);
    expect(c.regression).toBe(false);
    expect(gate.pass).toBe(true);
  });

  it('respects the threshold: a significant 5 % slow-down passes at 10 % and fails at 3 %', () => {
    const { run, baseline } = pair(11, 1000, 0.05, 0.05);
    const lenient = compareWithBaseline(run, baseline, { thresholdPct: 10 });
    const strict = compareWithBaseline(run, baseline, { thresholdPct: 3 });
    expect(lenient.cells[0]!.verdict).toBe('slower');
    expect(lenient.cells[0]!.regression).toBe(false);
    expect(lenient.pass).toBe(true);
    expect(strict.cells[0]!.regression).toBe(true);
    expect(strict.pass).toBe(false);
    expect(strict.regressions).toBe(1);
  });

  it('does not fail on a large ratio that is not significant', () => {
    // 3 samples a side with huge noise: the point ratio may be far from 1, the interval spans it
    const rng = seededRandom(5);
    const baseline = runReport([completed(mlpWasm, latencySamples(rng, 12, 2, 0.8, 0))]);
    const run = runReport([completed(mlpWasm, latencySamples(rng, 12, 2.6, 0.8, 0))]);
    const gate = compareWithBaseline(run, baseline, { thresholdPct: 10 });
    const c = gate.cells[0]!;
    expect(c.ratioCI!.low).toBeLessThan(1);
    expect(c.verdict).toBe('unchanged');
    expect(c.regression).toBe(false);
  });

  it('is deterministic for a seed and independent of cell order', () => {
    const rng = seededRandom(9);
    const a = completed(mlpWasm, latencySamples(rng, 60, 1));
    const b = completed(cell('cnn-s', 'tfjs', 'webgl'), latencySamples(rng, 60, 5));
    const a2 = completed(mlpWasm, latencySamples(rng, 60, 1.03));
    const b2 = completed(cell('cnn-s', 'tfjs', 'webgl'), latencySamples(rng, 60, 5.1));
    const base = runReport([a, b]);
    const g1 = compareWithBaseline(runReport([a2, b2]), base, { seed: 42 });
    const g2 = compareWithBaseline(runReport([b2, a2]), base, { seed: 42 });
    const byKey = (g: typeof g1) => Object.fromEntries(g.cells.map((c) => [c.key, c.ratioCI]));
    expect(byKey(g1)).toEqual(byKey(g2));
  });

  it('resamples repetitions as groups, so session-to-session variation widens the interval', () => {
    const rng = seededRandom(21);
    const sessions = (centre: number) => [0.9, 1.0, 1.12].map((f) => latencySamples(rng, 200, centre * f, 0.05, 0));
    const run = sessions(1.02);
    const base = sessions(1.0);
    const grouped = bootstrapRatioOfMedians(run, base, { seed: 1 });
    const pooled = bootstrapRatioOfMedians([run.flat()], [base.flat()], { seed: 1 });
    expect(grouped.ratio).toBeCloseTo(pooled.ratio, 12);
    expect(grouped.ciHigh - grouped.ciLow).toBeGreaterThan(2 * (pooled.ciHigh - pooled.ciLow));
  });

  it('reports a p-value consistent with the interval', () => {
    for (const shift of [0, 0.03, 0.2]) {
      const { run, baseline } = pair(300, 80, shift);
      const c = compareWithBaseline(run, baseline).cells[0]!;
      const excludesOne = c.ratioCI!.low > 1 || c.ratioCI!.high < 1;
      // equality at the edge is possible only within 1/(B+1); these shifts are far from it
      expect(c.pValue! < 0.05).toBe(excludesOne);
    }
  });
});

describe('regression gate: cells that cannot be compared', () => {
  const rng = seededRandom(1);
  const s = () => latencySamples(rng, 50, 2);
  const cnnWebgpu = cell('cnn-s', 'ort', 'webgpu');
  const tfjsCpu = cell('mlp-s', 'tfjs', 'cpu');
  const tfjsWebgl = cell('mlp-s', 'tfjs', 'webgl');

  it('names cells missing on either side, errored cells, backend fallbacks and thin samples', () => {
    const baseline = runReport([
      completed(mlpWasm, s()),
      completed(cnnWebgpu, s()),
      completed(tfjsWebgl, s(), { effectiveBackend: 'webgl' }),
      completed(cell('gone', 'ort', 'wasm'), s()),
      completed(cell('notrun', 'ort', 'wasm'), s()),
      completed(cell('thin', 'ort', 'wasm'), s()),
    ]);
    const run = runReport(
      [
        errored(mlpWasm, 'session create failed'),
        completed(cnnWebgpu, s()),
        completed(tfjsWebgl, s(), { effectiveBackend: 'cpu' }),
        completed(tfjsCpu, s()),
        completed(cell('thin', 'ort', 'wasm'), s().slice(0, 4)),
      ],
      [{ cell: cell('notrun', 'ort', 'wasm'), reason: 'interrupted (SIGINT)' }],
    );
    const gate = compareWithBaseline(run, baseline);
    const v = Object.fromEntries(gate.cells.map((c) => [c.key, c]));
    expect(v['mlp-s/fp32/ort/wasm']!.verdict).toBe('not-comparable');
    expect(v['mlp-s/fp32/ort/wasm']!.notes.join()).toContain('session create failed');
    expect(v['cnn-s/fp32/ort/webgpu']!.verdict).toBe('unchanged');
    expect(v['mlp-s/fp32/tfjs/webgl']!.verdict).toBe('not-comparable');
    expect(v['mlp-s/fp32/tfjs/webgl']!.notes.join()).toMatch(/effective backend differs.*webgl.*cpu/);
    expect(v['mlp-s/fp32/tfjs/cpu']!.verdict).toBe('missing-in-baseline');
    expect(v['gone/fp32/ort/wasm']!.verdict).toBe('missing-in-run');
    expect(v['notrun/fp32/ort/wasm']!.verdict).toBe('missing-in-run');
    expect(v['notrun/fp32/ort/wasm']!.notes.join()).toContain('interrupted');
    expect(v['thin/fp32/ort/wasm']!.verdict).toBe('not-comparable');
    expect(v['thin/fp32/ort/wasm']!.notes.join()).toContain('too few');
    expect(gate.pass).toBe(true);
    expect(gate.cells.filter((c) => c.ratio !== undefined).map((c) => c.key)).toEqual(['cnn-s/fp32/ort/webgpu']);
  });

  it('refuses medians of 0 ms instead of dividing by zero', () => {
    const zeros = new Array<number>(50).fill(0);
    const gate = compareWithBaseline(runReport([completed(mlpWasm, zeros)]), runReport([completed(mlpWasm, zeros)]));
    expect(gate.cells[0]!.verdict).toBe('not-comparable');
    expect(gate.cells[0]!.notes.join()).toContain('timer resolution');
  });

  it('warns when the two runs come from different environments', () => {
    const baseline = runReport([completed(mlpWasm, s())]);
    const run = runReport([completed(mlpWasm, s())]);
    run.environment = { ...run.environment, hardwareConcurrency: 8, crossOriginIsolated: false };
    const gate = compareWithBaseline(run, baseline);
    expect(gate.warnings.join('\n')).toMatch(/logical cores differ: 2 → 8/);
    expect(gate.warnings.join('\n')).toMatch(/cross-origin isolation/);
  });

  it('rejects a negative threshold', () => {
    const r = runReport([completed(mlpWasm, s())]);
    expect(() => compareWithBaseline(r, r, { thresholdPct: -1 })).toThrow(/thresholdPct/);
  });
});
