import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelAccountingSchema } from '../core/model-manifest.js';
import { HintedError } from '../core/serialized-error.js';
import { sha256Hex } from '../forge/sha256.js';
import { accountTfjsGraphModel } from './account-graph-model.js';
import { quantizeTfjsWeights } from './quantize-weights.js';
import { tinyGraphModel } from './tiny-graph-fixture.js';
import { concatBytes, serializeTfjsModel, type TfjsModelFiles } from './tfjs-model-files.js';
import { tfjsOpCost } from './tfjs-op-costs.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * The hand-written model (tiny-graph-fixture.ts), counted by hand, batch 1:
 *   _FusedConv2D 3×3×2→4, SAME, stride 1: out 6·6·4 = 144; MACs 144·(3·3·2) = 2592;
 *     FLOPs 2·2592 + 144 (bias) + 144 (Relu) = 5472
 *   DepthwiseConv2dNative 3×3×4×1, VALID: out 4·4·4 = 64; MACs 64·9 = 576; FLOPs 1152
 *   MaxPool 2×2 stride 2: out 2·2·4 = 16; FLOPs 16·4 = 64
 *   Conv2D 1×1×4→3: out 2·2·3 = 12; MACs 12·4 = 48; FLOPs 96
 *   BiasAdd 12, Relu 12 FLOPs; Reshape and Identity 0
 *   MatMul [1,12]×[12,5]: out 5; MACs 5·12 = 60; FLOPs 120
 *   total MACs 2592 + 576 + 48 + 60 = 3276; FLOPs 5472 + 1152 + 64 + 96 + 12 + 12 + 120 = 6928
 *   params 72 + 4 + 36 + 12 + 3 + 60 = 187 (the int32 reshape target [1, 12] is not a param)
 */
const HAND = { macs: 3276, flops: 6928, params: 187 };

describe('accountTfjsGraphModel (hand-written model)', () => {
  it('counts MACs, FLOPs and params as computed by hand', async () => {
    const a = modelAccountingSchema.parse(await accountTfjsGraphModel(tinyGraphModel(), { inputShapes: {} }));
    expect({ macs: a.macs, flops: a.flops, params: a.params }).toEqual(HAND);
    expect(a.complete).toBe(true);
    expect(a.unknownOps).toEqual([]);
    const row = (op: string) => a.opsCounted!.find((r) => r.opType === op);
    expect(row('_FusedConv2D')).toEqual({ opType: '_FusedConv2D', nodes: 1, macs: 2592, flops: 5472 });
    expect(row('DepthwiseConv2dNative')).toEqual({ opType: 'DepthwiseConv2dNative', nodes: 1, macs: 576, flops: 1152 });
    expect(row('MaxPool')?.flops).toBe(64);
    expect(row('Reshape')).toEqual({ opType: 'Reshape', nodes: 1, macs: 0, flops: 0 });
    expect(a.nonZeroParams).toBe(187);
    expect(a.precisionMix).toEqual([{ dtype: 'float32', params: 187, bytes: 187 * 4, share: 1 }]);
    expect(a.notes!.join('\n')).toMatch(/int32 constants .* not counted/);
    expect(a.notes!.join('\n')).toMatch(/batch dimension −1 taken as 1/);
  });

  it('scales the count with the input shape it is given', async () => {
    // batch 2 doubles every per-element and per-output count
    const a = await accountTfjsGraphModel(withBatchReshape(tinyGraphModel(), 2), { inputShapes: { 'x:0': [2, 6, 6, 2] } });
    expect({ macs: a.macs, flops: a.flops }).toEqual({ macs: 2 * HAND.macs, flops: 2 * HAND.flops });
  });

  it('reports bytes and sha256 of model.json followed by weights.bin, and the stored precision', async () => {
    const { files } = quantizeTfjsWeights(tinyGraphModel(), { dtype: 'uint8' });
    const a = await accountTfjsGraphModel(files, { inputShapes: {} });
    const { json, weights } = serializeTfjsModel(files);
    expect(a.bytes.tfjs).toBe(json.byteLength + weights.byteLength);
    expect(a.sha256.tfjs).toBe(await sha256Hex(concatBytes([json, weights])));
    expect({ macs: a.macs, flops: a.flops, params: a.params }).toEqual(HAND);
    expect(a.precisionMix).toEqual([{ dtype: 'uint8', params: 187, bytes: 187, share: 1 }]);
    expect(a.quantizationParams).toBe(2 * 6);
  });

  it('marks the count incomplete and names ops it has no rule for', async () => {
    // Atan runs in TF.js but has no counting rule: its 12 FLOPs go missing and the count says so
    const tiny = tinyGraphModel();
    const node = tiny.modelJson.modelTopology.node.map((n) => (n.name === 'relu2' ? { ...n, op: 'Atan' } : n));
    const a = await accountTfjsGraphModel({ ...tiny, modelJson: { ...tiny.modelJson, modelTopology: { ...tiny.modelJson.modelTopology, node } } }, { inputShapes: {} });
    expect(a.complete).toBe(false);
    expect(a.unknownOps).toEqual(['Atan']);
    expect({ macs: a.macs, flops: a.flops }).toEqual({ macs: HAND.macs, flops: HAND.flops - 12 });
    expect(a.notes!.join('\n')).toMatch(/no counting rule for Atan/);
  });

  it('treats a fused op with an unknown fused part as unknown', () => {
    const node = { name: 'n', op: '_FusedConv2D', attr: { fused_ops: { list: { s: [btoa('BiasAdd'), btoa('Gelu')] } } } };
    expect(tfjsOpCost(node, [[1, 6, 6, 2], [3, 3, 2, 4]], [1, 6, 6, 4])).toEqual({ state: 'no-rule', op: '_FusedConv2D+gelu' });
  });

  it('rejects input shapes for inputs the graph does not have', async () => {
    await expect(accountTfjsGraphModel(tinyGraphModel(), { inputShapes: { image: [1, 6, 6, 2] } })).rejects.toThrow(HintedError);
  });
});

/** The tiny model with its Reshape target set for another batch size. */
function withBatchReshape(files: TfjsModelFiles, batch: number): TfjsModelFiles {
  const data = files.weightData.slice();
  // flat_shape sits after w1, b1, dw, w2, b2 (72 + 4 + 36 + 12 + 3 floats)
  new DataView(data.buffer).setInt32(4 * 127, batch, true);
  return { ...files, weightData: data };
}
