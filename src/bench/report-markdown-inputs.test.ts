import { describe, expect, it } from 'vitest';
import { SYNTHETIC_INPUTS_CAVEAT } from '../core/inputs/input-source.js';
import type { CompletedResult } from '../core/result-schema.js';
import { decideExitCode } from './exit-codes.js';
import { cell, completed, latencySamples, runReport, seededRandom } from './fixtures/run-report-fixture.js';
import { renderMarkdown } from './report-markdown.js';

const rng = seededRandom(3);
const compared = { state: 'compared' as const, reference: { runtime: 'ort' as const, backend: 'wasm' as const, variant: 'fp32' }, inputs: 3, maxAbsError: 0, maxRelError: 0, cosineSimilarity: 1, top1Agreement: null, tolerance: { maxRelError: 1e-2, minCosine: 0.999 } };

describe('Markdown summary and exit code: inputs and non-finite outputs', () => {
  it('names NaN outputs in the fidelity column and in Wrong outputs, exits 3, and says the inputs were the user’s', () => {
    const nan = { nan: 12, posInf: 0, negInf: 0, values: 12 };
    const r: CompletedResult = { ...completed(cell('mel', 'ort', 'wasm', 'fp16'), latencySamples(rng, 50, 1)), nonFiniteOutputs: nan, fidelity: { ...compared, pass: false, nonFinite: nan, nonFiniteValues: 12, inputSource: 'user-ranges' } };
    const run = runReport([r]);
    const md = renderMarkdown(run);
    expect(md).toMatch(/✗ \*\*NaN in 100 % of output values \(12 of 12\)\*\*/);
    expect(md).toMatch(/## Wrong outputs[\s\S]*mel\/fp16\/ort\/wasm.*non-finite outputs: NaN in 100 %/);
    expect(md).not.toMatch(/synthetic inputs/);
    expect(decideExitCode(run).code).toBe(3);
  });

  it('a cell whose outputs were not compared still fails on NaN', () => {
    const r: CompletedResult = { ...completed(cell('m', 'ort', 'webgpu', 'prune-50'), latencySamples(rng, 50, 1)), nonFiniteOutputs: { nan: 0, posInf: 2, negInf: 1, values: 40 }, fidelity: { state: 'not-compared', reason: 'the reference run failed' } };
    expect(decideExitCode(runReport([r]))).toMatchObject({ code: 3, reasons: [expect.stringMatching(/\+Inf in 5 % of output values \(2 of 40\), −Inf in 3 % of output values \(1 of 40\)/)] });
  });

  it('says once, under the table, that verdicts on synthetic inputs may not hold on real data', () => {
    const a = completed(cell('a', 'ort', 'wasm'), latencySamples(rng, 50, 1), { fidelity: { ...compared, pass: true, inputSource: 'synthetic' }, warnings: [SYNTHETIC_INPUTS_CAVEAT] });
    const b = completed(cell('b', 'ort', 'wasm'), latencySamples(rng, 50, 1), { fidelity: { ...compared, pass: true, inputSource: 'synthetic' }, warnings: [SYNTHETIC_INPUTS_CAVEAT] });
    const md = renderMarkdown(runReport([a, b]));
    expect(md).toMatch(/✓ cos 1\.0000, max rel err 0, \*synthetic inputs\*/);
    expect(md.match(/may not hold on real data/g)).toHaveLength(1);
    expect(md).toMatch(/the fidelity verdicts of 2 cells \(marked \*synthetic inputs\*\)/);
    expect(md).not.toMatch(/## Warnings/);
  });
});
