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
  it('int8-dynamic quantises the Convs inside the If branches and stays within its bound on streamed audio', async () => {
    const m = await sileroModel('v5');
    const v = await forgeVariant('int8-dynamic', m.bytes, { inputShapes: m.inputShapes, runner: native });
    // the file is 2.3 MB of fp32: about 0.55 M parameters, all inside the If branches
    expect(v.report.base.params).toBeGreaterThan(500_000);
    expect(v.report.base.params).toBeLessThan(600_000);
    expect(v.report.changes[0]).toMatch(/^12 node\(s\) quantised \(12 Conv\)/);
    expect(v.report.skipped.some((s) => s.op === 'LSTM' && /DynamicQuantizeLSTM/.test(s.reason))).toBe(true);
    const [ref, out] = [await streamSilero(m, m.bytes, native, 8, 4, 4), await streamSilero(m, v.bytes, native, 8, 4, 4)];
    const c = compareOutputs(ref, out, { tolerance: toleranceFor('int8-dynamic').tolerance });
    expect(c.pass, `rel ${c.maxRelError} cos ${c.cosineSimilarity}`).toBe(true);
  });
});
