import { float, int, ints } from '../onnx/attributes.js';
import { encodeModel } from '../onnx/codec.js';
import { GraphBuilder, makeModel } from '../onnx/graph-builder.js';
import { DataType } from '../onnx/proto.js';
import { float32Tensor, int64Tensor } from '../onnx/tensor.js';
import { ONNX_INPUT, ONNX_OUTPUT, type OnnxEmitOptions } from './emit-onnx.js';
import { inputShape, outputShape, type TransformerSpec } from './spec.js';
import type { DenseWeights, LayerNormWeights, TransformerWeights } from './weights.js';

/** LayerNorm epsilon of both emitters (tfjs' default would be 1e-3). */
export const LAYER_NORM_EPSILON = 1e-5;

/**
 * The encoder in opset-17 ONNX: Q/K/V/O as MatMul + Add on [1, T, d]; heads split with
 * Reshape [1, T, h, d/h] + Transpose; scores = Q·Kᵀ (the scale is folded into Q's weights),
 * Softmax over the last axis, context = A·V merged back; LayerNormalization (axis −1);
 * ReduceMean over the sequence; Gemm classifier.
 */
export function emitOnnxTransformer(spec: TransformerSpec, weights: TransformerWeights, opts: OnnxEmitOptions): Uint8Array {
  const g = new GraphBuilder(opts.graphName);
  const { seqLen: T, dModel: d, heads: h } = spec;
  const dh = d / h;
  let x = g.addInput(ONNX_INPUT, DataType.FLOAT, inputShape(spec));
  const splitShape = g.addInitializer(int64Tensor('shape/split_heads', [4], [1, T, h, dh]));
  const mergeShape = g.addInitializer(int64Tensor('shape/merge_heads', [3], [1, T, d]));
  const linear = (inp: string, w: DenseWeights): string => {
    const W = g.addInitializer(float32Tensor(`${w.name}/kernel`, [w.inSize, w.outSize], w.kernel));
    const B = g.addInitializer(float32Tensor(`${w.name}/bias`, [w.outSize], w.bias));
    const [mm] = g.addNode({ opType: 'MatMul', name: `${w.name}/matmul`, inputs: [inp, W], outputs: [`${w.name}/matmul`] });
    const [y] = g.addNode({ opType: 'Add', name: `${w.name}/bias_add`, inputs: [mm, B], outputs: [`${w.name}/out`] });
    return w.relu ? g.addNode({ opType: 'Relu', name: `${w.name}/relu`, inputs: [y], outputs: [`${w.name}/relu`] })[0] : y;
  };
  const heads = (inp: string, name: string, perm: number[]): string => {
    const [r] = g.addNode({ opType: 'Reshape', name: `${name}/split`, inputs: [inp, splitShape], outputs: [`${name}/split`] });
    return g.addNode({ opType: 'Transpose', name: `${name}/heads`, inputs: [r], outputs: [`${name}/heads`], attributes: { perm: ints(perm) } })[0];
  };
  const norm = (inp: string, w: LayerNormWeights): string => {
    const G = g.addInitializer(float32Tensor(`${w.name}/gamma`, [d], w.gamma));
    const B = g.addInitializer(float32Tensor(`${w.name}/beta`, [d], w.beta));
    return g.addNode({ opType: 'LayerNormalization', name: w.name, inputs: [inp, G, B], outputs: [`${w.name}/out`], attributes: { axis: int(-1), epsilon: float(LAYER_NORM_EPSILON) } })[0];
  };
  weights.layers.forEach((l, i) => {
    const q = heads(linear(x, l.q), `l${i}_q`, [0, 2, 1, 3]);
    const kT = heads(linear(x, l.k), `l${i}_k`, [0, 2, 3, 1]);
    const v = heads(linear(x, l.v), `l${i}_v`, [0, 2, 1, 3]);
    const [scores] = g.addNode({ opType: 'MatMul', name: `l${i}_scores`, inputs: [q, kT], outputs: [`l${i}_scores`] });
    const [attn] = g.addNode({ opType: 'Softmax', name: `l${i}_softmax`, inputs: [scores], outputs: [`l${i}_attn`], attributes: { axis: int(-1) } });
    const [ctx] = g.addNode({ opType: 'MatMul', name: `l${i}_context`, inputs: [attn, v], outputs: [`l${i}_context`] });
    const [ctxT] = g.addNode({ opType: 'Transpose', name: `l${i}_merge`, inputs: [ctx], outputs: [`l${i}_merge`], attributes: { perm: ints([0, 2, 1, 3]) } });
    const [merged] = g.addNode({ opType: 'Reshape', name: `l${i}_merged`, inputs: [ctxT, mergeShape], outputs: [`l${i}_merged`] });
    const [res1] = g.addNode({ opType: 'Add', name: `l${i}_res1`, inputs: [x, linear(merged, l.o)], outputs: [`l${i}_res1`] });
    const x1 = norm(res1, l.ln1);
    const [res2] = g.addNode({ opType: 'Add', name: `l${i}_res2`, inputs: [x1, linear(linear(x1, l.ff1), l.ff2)], outputs: [`l${i}_res2`] });
    x = norm(res2, l.ln2);
  });
  const [pooled] = g.addNode({ opType: 'ReduceMean', name: 'pool', inputs: [x], outputs: ['pooled'], attributes: { axes: ints([1]), keepdims: int(0) } });
  const W = g.addInitializer(float32Tensor(`${weights.head.name}/kernel`, [d, spec.classes], weights.head.kernel));
  const B = g.addInitializer(float32Tensor(`${weights.head.name}/bias`, [spec.classes], weights.head.bias));
  g.addNode({ opType: 'Gemm', name: weights.head.name, inputs: [pooled, W, B], outputs: [ONNX_OUTPUT] });
  g.addOutput(ONNX_OUTPUT, DataType.FLOAT, outputShape(spec));
  return encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-modelgen', producerVersion: opts.producerVersion, metadata: opts.metadata }));
}
