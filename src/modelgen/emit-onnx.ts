import { int, ints } from '../onnx/attributes.js';
import { encodeModel } from '../onnx/codec.js';
import { GraphBuilder, makeModel } from '../onnx/graph-builder.js';
import { DataType } from '../onnx/proto.js';
import { float32Tensor } from '../onnx/tensor.js';
import { type ArchSpec, inputShape, outputShape, type TransformerSpec } from './spec.js';
import { depthwiseToOnnx, hwioToOihw, type LayerWeights, samePadding } from './weights.js';

export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'logits';

export interface OnnxEmitOptions {
  graphName: string;
  producerVersion: string;
  /** deterministic key/values stored as metadata_props (no timestamps) */
  metadata?: Record<string, string>;
}

/**
 * MLP: input [1, n] → (Gemm → Relu)* → Gemm → logits.
 * CNN: input NHWC → Transpose to NCHW → (Conv3×3 pad 1 → Relu → MaxPool 2×2/2)* → GlobalAveragePool
 * → Flatten → Gemm → logits. NHWC input means ORT and TF.js are fed the identical tensor.
 * DW-CNN: as CNN with a stem Conv3×3 then (depthwise Conv3×3 group=C → Relu → Conv1×1 → Relu)*,
 * pads written out as TF's "same" computes them (asymmetric for stride 2).
 */
export function emitOnnx(spec: Exclude<ArchSpec, TransformerSpec>, layers: readonly LayerWeights[], opts: OnnxEmitOptions): Uint8Array {
  const g = new GraphBuilder(opts.graphName);
  let x = g.addInput(ONNX_INPUT, DataType.FLOAT, inputShape(spec));
  let [h, w] = spec.kind === 'mlp' ? [0, 0] : [spec.height, spec.width];
  if (spec.kind !== 'mlp') {
    [x] = g.addNode({ opType: 'Transpose', name: 'to_nchw', inputs: [x], outputs: ['input_nchw'], attributes: { perm: ints([0, 3, 1, 2]) } });
  }
  let sawDense = false;
  for (const [i, l] of layers.entries()) {
    const last = i === layers.length - 1;
    if (l.kind === 'conv' || l.kind === 'depthwise') {
      const k = l.kernelSize;
      const W = g.addInitializer(l.kind === 'conv' ? float32Tensor(`${l.name}/kernel`, [l.outChannels, l.inChannels, k, k], hwioToOihw(l)) : float32Tensor(`${l.name}/depthwise_kernel`, [l.channels, 1, k, k], depthwiseToOnnx(l)));
      const B = g.addInitializer(float32Tensor(`${l.name}/bias`, [l.bias.length], l.bias));
      const [pt, pb] = samePadding(h, k, l.stride);
      const [pl, pr] = samePadding(w, k, l.stride);
      const [c] = g.addNode({
        opType: 'Conv',
        name: l.name,
        inputs: [x, W, B],
        outputs: [`${l.name}/conv`],
        attributes: { kernel_shape: ints([k, k]), pads: ints([pt, pl, pb, pr]), strides: ints([l.stride, l.stride]), ...(l.kind === 'depthwise' ? { group: int(l.channels) } : {}) },
      });
      [h, w] = [Math.ceil(h / l.stride), Math.ceil(w / l.stride)];
      const [r] = g.addNode({ opType: 'Relu', name: `${l.name}/relu`, inputs: [c], outputs: [`${l.name}/relu`] });
      x = r;
      if (l.kind === 'conv' && l.pool) {
        [x] = g.addNode({ opType: 'MaxPool', name: `pool_${i}`, inputs: [r], outputs: [`pool_${i}`], attributes: { kernel_shape: ints([2, 2]), strides: ints([2, 2]) } });
        [h, w] = [Math.floor(h / 2), Math.floor(w / 2)];
      }
      continue;
    }
    const W = g.addInitializer(float32Tensor(`${l.name}/kernel`, [l.inSize, l.outSize], l.kernel));
    const B = g.addInitializer(float32Tensor(`${l.name}/bias`, [l.bias.length], l.bias));
    if (!sawDense && spec.kind !== 'mlp') {
      const [gap] = g.addNode({ opType: 'GlobalAveragePool', name: 'gap', inputs: [x], outputs: ['gap'] });
      [x] = g.addNode({ opType: 'Flatten', name: 'flatten', inputs: [gap], outputs: ['flatten'], attributes: { axis: int(1) } });
    }
    sawDense = true;
    const out = last ? ONNX_OUTPUT : `${l.name}/gemm`;
    [x] = g.addNode({ opType: 'Gemm', name: l.name, inputs: [x, W, B], outputs: [out] });
    if (l.relu) [x] = g.addNode({ opType: 'Relu', name: `${l.name}/relu`, inputs: [x], outputs: [`${l.name}/relu`] });
  }
  g.addOutput(ONNX_OUTPUT, DataType.FLOAT, outputShape(spec));
  return encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-modelgen', producerVersion: opts.producerVersion, metadata: opts.metadata }));
}
