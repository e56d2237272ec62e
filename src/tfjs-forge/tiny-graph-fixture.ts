import type * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../core/seeded-random.js';
import { concatBytes, type TfjsGraphModelJson, type TfjsGraphNode, type TfjsModelFiles } from './tfjs-model-files.js';
import { encodeRaw } from './tfjs-weight-codec.js';

/**
 * A graph model written by hand for the tests, in the GraphDef JSON form tensorflowjs_converter
 * writes (strings base64, ints as decimal strings):
 *   x [1,6,6,2] → _FusedConv2D(3×3×2×4, SAME, BiasAdd+Relu) → DepthwiseConv2dNative(3×3×4×1, VALID)
 *   → MaxPool(2×2, stride 2) → Conv2D(1×1×4×3) → BiasAdd (a constant bias) → Relu → Reshape [1,12]
 *   → MatMul(12×5) → y [1,5]
 */
export const TINY_INPUT = { name: 'x', shape: [1, 6, 6, 2] } as const;
export const TINY_OUTPUT = 'y';

const b64 = (s: string): string => btoa(s);
const ints = (xs: number[]): { list: { i: string[] } } => ({ list: { i: xs.map(String) } });
const T = { T: { type: 'DT_FLOAT' } };

function constNode(name: string, dtype: 'DT_FLOAT' | 'DT_INT32', shape: number[]): TfjsGraphNode {
  return { name, op: 'Const', attr: { value: { tensor: { dtype, tensorShape: { dim: shape.map((d) => ({ size: String(d) })) } } }, dtype: { type: dtype } } };
}

const conv = { strides: ints([1, 1, 1, 1]), dilations: ints([1, 1, 1, 1]), data_format: { s: b64('NHWC') }, explicit_paddings: { list: {} } };

const NODES: TfjsGraphNode[] = [
  { name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [{ size: '-1' }, { size: '6' }, { size: '6' }, { size: '2' }] } } } },
  constNode('w1', 'DT_FLOAT', [3, 3, 2, 4]),
  constNode('b1', 'DT_FLOAT', [4]),
  constNode('dw', 'DT_FLOAT', [3, 3, 4, 1]),
  constNode('w2', 'DT_FLOAT', [1, 1, 4, 3]),
  constNode('b2', 'DT_FLOAT', [3]),
  constNode('flat_shape', 'DT_INT32', [2]),
  constNode('w3', 'DT_FLOAT', [12, 5]),
  { name: 'conv1', op: '_FusedConv2D', input: ['x', 'w1', 'b1'], attr: { ...T, ...conv, padding: { s: b64('SAME') }, num_args: { i: '1' }, fused_ops: { list: { s: [b64('BiasAdd'), b64('Relu')] } }, epsilon: { f: 0 } } },
  { name: 'dw1', op: 'DepthwiseConv2dNative', input: ['conv1', 'dw'], attr: { ...T, ...conv, padding: { s: b64('VALID') } } },
  { name: 'pool', op: 'MaxPool', input: ['dw1'], attr: { ...T, ksize: ints([1, 2, 2, 1]), strides: ints([1, 2, 2, 1]), padding: { s: b64('VALID') }, data_format: { s: b64('NHWC') } } },
  { name: 'conv2', op: 'Conv2D', input: ['pool', 'w2'], attr: { ...T, ...conv, padding: { s: b64('VALID') } } },
  { name: 'bias2', op: 'BiasAdd', input: ['conv2', 'b2'], attr: { ...T, data_format: { s: b64('NHWC') } } },
  { name: 'relu2', op: 'Relu', input: ['bias2'], attr: T },
  { name: 'flat', op: 'Reshape', input: ['relu2', 'flat_shape'], attr: { ...T, Tshape: { type: 'DT_INT32' } } },
  { name: 'dense', op: 'MatMul', input: ['flat', 'w3'], attr: { ...T, transpose_a: { b: false }, transpose_b: { b: false } } },
  { name: TINY_OUTPUT, op: 'Identity', input: ['dense'], attr: T },
];

/** The tiny model with seeded weights in [-1, 1] (b2 constant: every value 0.1, which no uint8 step or half float hits exactly). */
export function tinyGraphModel(seed = 7): TfjsModelFiles {
  const rng = seededRandom(seed);
  const float = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
  const weights: [tf.io.WeightsManifestEntry, Float32Array | Int32Array][] = [
    [{ name: 'w1', shape: [3, 3, 2, 4], dtype: 'float32' }, float(72)],
    [{ name: 'b1', shape: [4], dtype: 'float32' }, float(4)],
    [{ name: 'dw', shape: [3, 3, 4, 1], dtype: 'float32' }, float(36)],
    [{ name: 'w2', shape: [1, 1, 4, 3], dtype: 'float32' }, float(12)],
    [{ name: 'b2', shape: [3], dtype: 'float32' }, new Float32Array([0.1, 0.1, 0.1])],
    [{ name: 'flat_shape', shape: [2], dtype: 'int32' }, new Int32Array([1, 12])],
    [{ name: 'w3', shape: [12, 5], dtype: 'float32' }, float(60)],
  ];
  const modelJson: TfjsGraphModelJson = {
    format: 'graph-model',
    generatedBy: 'edgewatt tests (hand-written)',
    convertedBy: null,
    modelTopology: { node: NODES, library: {}, versions: {} },
    weightsManifest: [{ paths: ['tiny.bin'], weights: weights.map(([e]) => e) }],
    signature: {
      inputs: { 'x:0': { name: 'x:0', dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '-1' }, { size: '6' }, { size: '6' }, { size: '2' }] } } },
      outputs: { 'y:0': { name: 'y:0', dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '-1' }, { size: '5' }] } } },
    },
  };
  return { modelJson, weightData: concatBytes(weights.map(([, v]) => encodeRaw(v))) };
}
