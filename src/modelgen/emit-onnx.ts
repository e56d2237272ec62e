import { int, ints } from '../onnx/attributes.js';
import { encodeModel } from '../onnx/codec.js';
import { GraphBuilder, makeModel } from '../onnx/graph-builder.js';
import { DataType } from '../onnx/proto.js';
import { float32Tensor } from '../onnx/tensor.js';
import { type ArchSpec, inputShape, outputShape } from './spec.js';
import { hwioToOihw, type LayerWeights } from './weights.js';

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
 */
export function emitOnnx(spec: ArchSpec, layers: readonly LayerWeights[], opts: OnnxEmitOptions): Uint8Array {
  const g = new GraphBuilder(opts.graphName);
  let x = g.addInput(ONNX_INPUT, DataType.FLOAT, inputShape(spec));
  if (spec.kind === 'cnn') {
    [x] = g.addNode({ opType: 'Transpose', name: 'to_nchw', inputs: [x], outputs: ['input_nchw'], attributes: { perm: ints([0, 3, 1, 2]) } });
  }
  let sawDense = false;
  for (const [i, l] of layers.entries()) {
    const last = i === layers.length - 1;
    const W = g.addInitializer(l.kind === 'conv' ? float32Tensor(`${l.name}/kernel`, [l.outChannels, l.inChannels, 3, 3], hwioToOihw(l)) : float32Tensor(`${l.name}/kernel`, [l.inSize, l.outSize], l.kernel));
    const B = g.addInitializer(float32Tensor(`${l.name}/bias`, [l.bias.length], l.bias));
    if (l.kind === 'conv') {
      const [c] = g.addNode({
        opType: 'Conv',
        name: l.name,
        inputs: [x, W, B],
        outputs: [`${l.name}/conv`],
        attributes: { kernel_shape: ints([3, 3]), pads: ints([1, 1, 1, 1]), strides: ints([1, 1]) },
      });
      const [r] = g.addNode({ opType: 'Relu', name: `${l.name}/relu`, inputs: [c], outputs: [`${l.name}/relu`] });
      [x] = g.addNode({ opType: 'MaxPool', name: `pool_${i}`, inputs: [r], outputs: [`pool_${i}`], attributes: { kernel_shape: ints([2, 2]), strides: ints([2, 2]) } });
      continue;
    }
    if (!sawDense && spec.kind === 'cnn') {
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
