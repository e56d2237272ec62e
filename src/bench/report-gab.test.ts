import { describe, expect, it } from 'vitest';
import type { Estimate } from '../core/estimate.js';
import { cell, completed, errored, latencySamples, runReport, seededRandom } from './fixtures/run-report-fixture.js';
import { gabReportSchema, renderGab } from './report-gab.js';

const rng = seededRandom(12);
const energy: Estimate = { value: 0.02, low: 0.01, high: 0.05, unit: 'J', method: 'modelled', reasons: ['Teads curve'], sources: [] };
const mlp = cell('mlp-s', 'ort', 'wasm');
const gpu = cell('cnn-s', 'ort', 'webgpu');

describe('renderGab (github-action-benchmark customSmallerIsBetter)', () => {
  const run = runReport([
    completed(mlp, latencySamples(rng, 60, 0.5), { estimates: { energyJ: energy } }),
    completed(gpu, latencySamples(rng, 60, 40)),
    completed(gpu, latencySamples(rng, 60, 44)),
    completed(gpu, latencySamples(rng, 60, 42)),
    errored(cell('cnn-s', 'tfjs', 'webgl'), 'context lost'),
  ]);
  const entries = renderGab(run);

  it('is a valid customSmallerIsBetter array with unique names, and survives a JSON round trip', () => {
    const back = JSON.parse(JSON.stringify(entries)) as unknown;
    expect(gabReportSchema.safeParse(back).success).toBe(true);
    expect(entries.map((e) => e.name)).toEqual(['mlp-s/fp32/ort/wasm latency median', 'mlp-s/fp32/ort/wasm energyJ', 'cnn-s/fp32/ort/webgpu latency median']);
  });

  it('reports the median latency in ms with a "± x" range the action can read', () => {
    const e = entries[0]!;
    const stats = (run.results[0] as Extract<(typeof run.results)[0], { state: 'completed' }>).phases.steady.stats;
    expect(e.unit).toBe('ms');
    expect(e.value).toBe(stats.medianMs);
    const half = Number(e.range!.replace('± ', ''));
    expect(half).toBeCloseTo(Math.max(stats.ciHighMs - stats.medianMs, stats.medianMs - stats.ciLowMs), 2);
    expect(e.extra).toContain('n 60');
  });

  it('combines repetitions into one entry: median of their medians', () => {
    const e = entries[2]!;
    const medians = run.results.slice(1, 4).map((r) => (r.state === 'completed' ? r.phases.steady.stats.medianMs : NaN));
    expect(e.value).toBe([...medians].sort((a, b) => a - b)[1]);
    expect(e.extra).toContain('median of 3 repetitions');
  });

  it('carries each estimate with its own unit, range and method', () => {
    const e = entries[1]!;
    expect(e).toMatchObject({ unit: 'J', value: 0.02, range: '± 0.0300' });
    expect(e.extra).toContain('range 0.0100–0.0500 J');
    expect(e.extra).toContain('method modelled');
  });

  it('leaves out cells without figures and flags fallbacks', () => {
    const fallback = renderGab(runReport([completed(gpu, latencySamples(rng, 20, 3), { effectiveBackend: 'wasm' })]));
    expect(fallback[0]!.extra).toContain('backend webgpu (ran on wasm)');
    expect(renderGab(runReport([errored(mlp, 'x')]))).toEqual([]);
  });

  it('the schema rejects what the action could not use', () => {
    expect(gabReportSchema.safeParse([{ name: 'a', unit: 'ms', value: Number.NaN }]).success).toBe(false);
    expect(gabReportSchema.safeParse([{ name: 'a', value: 1 }]).success).toBe(false);
    expect(
      gabReportSchema.safeParse([
        { name: 'a', unit: 'ms', value: 1 },
        { name: 'a', unit: 'ms', value: 2 },
      ]).success,
    ).toBe(false);
  });
});
