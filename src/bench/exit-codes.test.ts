import { describe, expect, it } from 'vitest';
import { decideExitCode, EXIT_CODES } from './exit-codes.js';
import { cell, completed, errored, latencySamples, runReport, seededRandom, skipped } from './fixtures/run-report-fixture.js';
import { compareWithBaseline } from './regression-gate.js';

const rng = seededRandom(3);
const c1 = cell('mlp-s', 'ort', 'wasm');
const c2 = cell('cnn-s', 'tfjs', 'webgpu');

const base = runReport([completed(c1, latencySamples(rng, 60, 1, 0.05)), completed(c2, latencySamples(rng, 60, 5, 0.05))]);
const same = runReport([completed(c1, latencySamples(rng, 60, 1, 0.05)), completed(c2, latencySamples(rng, 60, 5, 0.05))]);
const slower = runReport([completed(c1, latencySamples(rng, 60, 1.5, 0.05)), completed(c2, latencySamples(rng, 60, 5, 0.05))]);

describe('decideExitCode', () => {
  it('documents the five codes', () => {
    expect(EXIT_CODES).toEqual({ ok: 0, regression: 1, usage: 2, cellsErrored: 3, internal: 4 });
  });

  it('is 0 for a clean run, with or without a baseline', () => {
    expect(decideExitCode(same)).toEqual({ code: 0, reasons: [] });
    expect(decideExitCode(same, compareWithBaseline(same, base)).code).toBe(0);
  });

  it('is 0 when cells were skipped for a backend the device lacks', () => {
    const run = runReport([...same.results, skipped(cell('mlp-s', 'ort', 'webgpu'), 'no WebGPU adapter')]);
    expect(decideExitCode(run).code).toBe(0);
  });

  it('is 1 for a regression and names the cell and the change', () => {
    const d = decideExitCode(slower, compareWithBaseline(slower, base, { thresholdPct: 10 }));
    expect(d.code).toBe(EXIT_CODES.regression);
    expect(d.reasons).toHaveLength(1);
    expect(d.reasons[0]).toMatch(/^mlp-s\/fp32\/ort\/wasm is 5\d\.\d % slower .*threshold \+10 %/);
  });

  it('is 0 when the same slow-down stays under the threshold', () => {
    expect(decideExitCode(slower, compareWithBaseline(slower, base, { thresholdPct: 60 })).code).toBe(0);
  });

  it('is 3 when a cell errored, even with a regression, and says both', () => {
    const run = runReport([...slower.results, errored(cell('cnn-s', 'ort', 'webgpu'), 'device lost')]);
    const d = decideExitCode(run, compareWithBaseline(run, base));
    expect(d.code).toBe(EXIT_CODES.cellsErrored);
    expect(d.reasons.join('\n')).toContain('cnn-s/fp32/ort/webgpu errored: device lost');
    expect(d.reasons.join('\n')).toContain('1 regression(s)');
  });

  it('is 3 when a run was interrupted before some cells', () => {
    const run = runReport(same.results, [{ cell: c2, reason: 'browser crashed' }]);
    const d = decideExitCode(run);
    expect(d.code).toBe(3);
    expect(d.reasons).toEqual(['cnn-s/fp32/tfjs/webgpu did not run: browser crashed']);
  });

  it('treats wrong outputs as errored unless told otherwise', () => {
    const wrong = completed(c1, latencySamples(rng, 60, 1), {
      fidelity: {
        state: 'compared',
        reference: { runtime: 'ort', backend: 'wasm', variant: 'fp32' },
        inputs: 3,
        maxAbsError: 3,
        maxRelError: 0.9,
        cosineSimilarity: 0.2,
        top1Agreement: 0,
        tolerance: { maxRelError: 1e-3, minCosine: 0.999 },
        pass: false,
      },
    });
    const run = runReport([wrong]);
    expect(decideExitCode(run).code).toBe(3);
    expect(decideExitCode(run).reasons[0]).toContain('wrong outputs');
    expect(decideExitCode(run, undefined, { fidelityFailureIsError: false }).code).toBe(0);
  });

  it('treats a pruned variant whose backend disagrees with the reference backend as wrong outputs, though its drift from fp32 is not judged', () => {
    const pruned = cell('cnn-s', 'ort', 'webgpu', 'prune-struct-25');
    const comparison = { inputs: 3, maxAbsError: 2, top1Agreement: 0.33, tolerance: { maxRelError: 1e-3, minCosine: 0.9999 } };
    const drift = { state: 'compared' as const, reference: { runtime: 'ort' as const, backend: 'wasm' as const, variant: 'fp32' }, ...comparison, maxRelError: 0.9, cosineSimilarity: 0.8, judged: false, pass: false };
    const agreeing = completed(pruned, latencySamples(rng, 60, 1), { fidelity: drift, backendAgreement: { state: 'compared', reference: { runtime: 'ort', backend: 'wasm', variant: 'prune-struct-25' }, ...comparison, maxRelError: 1e-6, cosineSimilarity: 1, pass: true } });
    expect(decideExitCode(runReport([agreeing])).code).toBe(0);
    const disagreeing = completed(pruned, latencySamples(rng, 60, 1), { fidelity: drift, backendAgreement: { state: 'compared', reference: { runtime: 'ort', backend: 'wasm', variant: 'prune-struct-25' }, ...comparison, maxRelError: 0.86, cosineSimilarity: 0.795, pass: false } });
    const d = decideExitCode(runReport([disagreeing]));
    expect(d.code).toBe(3);
    expect(d.reasons[0]).toMatch(/prune-struct-25 model on ort\/wasm .*one of the two backends computes wrong numbers/);
  });
});
