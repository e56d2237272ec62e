import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { compareOutputs } from '../core/compare-outputs.js';
import { ortModelRunner } from './model-runner.js';
import { sileroModel, streamSilero } from './silero-fixtures.node.js';
import { forgeVariant, toleranceFor } from './variant-registry.js';

/**
 * A real model with control flow (Silero VAD v5: an If on the sample rate, Convs and an LSTM
 * inside the branches): accounted and forged. One cheap variant here; every variant, with
 * fidelity on streamed speech-like audio, is in benchmarks/forge-silero.ts.
 */
const native = ortModelRunner(ort as never, {}, 'onnxruntime-node');

describe('Silero VAD v5 (npm @ricky0123/vad-web)', () => {
  it('int8-dynamic quantises the Convs and LSTMs inside the If branches and stays within its bound on streamed audio', async () => {
    const m = await sileroModel('v5');
    const v = await forgeVariant('int8-dynamic', m.bytes, { inputShapes: m.inputShapes, runner: native });
    // the file is 2.3 MB of fp32: about 0.55 M parameters, all inside the If branches
    expect(v.report.base.params).toBeGreaterThan(500_000);
    expect(v.report.base.params).toBeLessThan(600_000);
    expect(v.report.changes[0]).toMatch(/^12 node\(s\) quantised \(12 Conv\)/);
    // the LSTM weights are assembled from a Constant at run time (gate reordering): folded, then int8
    expect(v.report.changes.join('\n')).toMatch(/4 LSTM\(s\) → com\.microsoft DynamicQuantizeLSTM/);
    expect(v.report.accounting.params).toBeGreaterThanOrEqual(v.report.base.params);
    expect(v.report.accounting.precisionMix[0]).toMatchObject({ dtype: 'INT8' });
    expect(v.bytes.length).toBeLessThan(m.bytes.length * 0.35);
    // the benchmark's protocol: 4 warm-up windows, then 16 compared (rel is relative to the largest output seen)
    const [ref, out] = [await streamSilero(m, m.bytes, native, 8, 16, 4), await streamSilero(m, v.bytes, native, 8, 16, 4)];
    const c = compareOutputs(ref, out, { tolerance: toleranceFor('int8-dynamic').tolerance });
    expect(c.pass, `rel ${c.maxRelError} cos ${c.cosineSimilarity}`).toBe(true);
  });
});
