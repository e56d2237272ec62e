import { deriveSeed, seededRandom } from '../core/seeded-random.js';
import type { ArchSpec, TransformerSpec } from './spec.js';

/**
 * The one set of numbers both emitters write. Layouts follow TF.js/Keras (the ONNX emitter
 * transposes conv kernels), so a weight here is bit-identical to the tfjs weight of the same name.
 */
export interface DenseWeights {
  kind: 'dense';
  /** layer name, also the prefix of weight names: `dense_0/kernel`, `dense_0/bias` */
  name: string;
  inSize: number;
  outSize: number;
  relu: boolean;
  /** [inSize, outSize], row-major */
  kernel: Float32Array;
  bias: Float32Array;
}

export interface ConvWeights {
  kind: 'conv';
  name: string;
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  stride: 1 | 2;
  /** a 2×2/2 max pool follows (plain CNN blocks) */
  pool: boolean;
  /** [kh, kw, in, out] (HWIO), row-major */
  kernel: Float32Array;
  bias: Float32Array;
}

export interface DepthwiseWeights {
  kind: 'depthwise';
  name: string;
  channels: number;
  kernelSize: number;
  stride: 1 | 2;
  /** [kh, kw, channels, 1] (TF.js depthwise layout), row-major */
  kernel: Float32Array;
  bias: Float32Array;
}

export type LayerWeights = DenseWeights | ConvWeights | DepthwiseWeights;

export interface LayerNormWeights {
  name: string;
  gamma: Float32Array;
  beta: Float32Array;
}

export interface EncoderLayerWeights {
  /** q's kernel and bias already carry the 1/√(dModel/heads) attention scale */
  q: DenseWeights;
  k: DenseWeights;
  v: DenseWeights;
  o: DenseWeights;
  ln1: LayerNormWeights;
  ff1: DenseWeights;
  ff2: DenseWeights;
  ln2: LayerNormWeights;
}

export interface TransformerWeights {
  layers: EncoderLayerWeights[];
  head: DenseWeights;
}

/** Bias spread: small but non-zero so a dropped or misplaced bias changes the outputs. */
const BIAS_STD = 0.05;

/** Weights of the sequential kinds (mlp, cnn, dwcnn). */
export function generateWeights(spec: Exclude<ArchSpec, TransformerSpec>, seed: number): LayerWeights[] {
  const layers: LayerWeights[] = [];
  let features: number;
  const conv = (name: string, inC: number, outC: number, k: number, stride: 1 | 2, pool: boolean): ConvWeights => ({
    kind: 'conv', name, inChannels: inC, outChannels: outC, kernelSize: k, stride, pool,
    // He normal (fan-in k·k·in) keeps ReLU activations at a realistic scale through the stack
    kernel: normals(seed, `${name}/kernel`, k * k * inC * outC, Math.sqrt(2 / (k * k * inC))),
    bias: normals(seed, `${name}/bias`, outC, BIAS_STD),
  });
  if (spec.kind === 'cnn') {
    let inC = spec.channels;
    spec.convChannels.forEach((outC, i) => {
      layers.push(conv(`conv_${i}`, inC, outC, 3, 1, true));
      inC = outC;
    });
    features = inC;
  } else if (spec.kind === 'dwcnn') {
    layers.push(conv('stem', spec.channels, spec.stem, 3, 1, false));
    let c = spec.stem;
    spec.blocks.forEach((b, i) => {
      const name = `dw_${i}`;
      layers.push({ kind: 'depthwise', name, channels: c, kernelSize: 3, stride: b.stride, kernel: normals(seed, `${name}/depthwise_kernel`, 9 * c, Math.sqrt(2 / 9)), bias: normals(seed, `${name}/bias`, c, BIAS_STD) });
      layers.push(conv(`pw_${i}`, c, b.channels, 1, 1, false));
      c = b.channels;
    });
    features = c;
  } else {
    features = spec.inputSize;
  }
  const widths = spec.kind === 'mlp' ? [...spec.hidden, spec.classes] : [spec.classes];
  widths.forEach((outSize, i) => {
    layers.push(dense(seed, `dense_${i}`, features, outSize, i < widths.length - 1));
    features = outSize;
  });
  return layers;
}

export function generateTransformerWeights(spec: TransformerSpec, seed: number): TransformerWeights {
  const d = spec.dModel;
  const attnScale = 1 / Math.sqrt(d / spec.heads);
  const layers = Array.from({ length: spec.layers }, (_, i): EncoderLayerWeights => {
    const q = dense(seed, `l${i}_q`, d, d, false);
    // folding the softmax temperature into q keeps both emitters free of an extra scaling op
    q.kernel = q.kernel.map((x) => x * attnScale);
    q.bias = q.bias.map((x) => x * attnScale);
    return {
      q, k: dense(seed, `l${i}_k`, d, d, false), v: dense(seed, `l${i}_v`, d, d, false), o: dense(seed, `l${i}_o`, d, d, false),
      ln1: layerNorm(seed, `l${i}_ln1`, d),
      ff1: dense(seed, `l${i}_ff1`, d, spec.ffn, true), ff2: dense(seed, `l${i}_ff2`, spec.ffn, d, false),
      ln2: layerNorm(seed, `l${i}_ln2`, d),
    };
  });
  return { layers, head: dense(seed, 'logits', d, spec.classes, false) };
}

function dense(seed: number, name: string, inSize: number, outSize: number, relu: boolean): DenseWeights {
  // He normal before a ReLU, Glorot normal otherwise
  const std = relu ? Math.sqrt(2 / inSize) : Math.sqrt(2 / (inSize + outSize));
  return { kind: 'dense', name, inSize, outSize, relu, kernel: normals(seed, `${name}/kernel`, inSize * outSize, std), bias: normals(seed, `${name}/bias`, outSize, BIAS_STD) };
}

function layerNorm(seed: number, name: string, size: number): LayerNormWeights {
  // around (1, 0) like a trained norm, but not exactly, so a swapped gamma/beta shows in the outputs
  return { name, gamma: normals(seed, `${name}/gamma`, size, 0.1).map((x) => 1 + x), beta: normals(seed, `${name}/beta`, size, BIAS_STD) };
}

function normals(seed: number, label: string, n: number, std: number): Float32Array {
  const rng = seededRandom(deriveSeed(seed, `weights:${label}`));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal() * std;
  return out;
}

/** HWIO → OIHW (ONNX Conv's weight layout). */
export function hwioToOihw(w: ConvWeights): Float32Array {
  const k = w.kernelSize;
  const { inChannels: I, outChannels: O } = w;
  const out = new Float32Array(w.kernel.length);
  for (let h = 0; h < k; h++)
    for (let x = 0; x < k; x++)
      for (let i = 0; i < I; i++)
        for (let o = 0; o < O; o++) out[((o * I + i) * k + h) * k + x] = w.kernel[((h * k + x) * I + i) * O + o]!;
  return out;
}

/** [kh, kw, C, 1] → [C, 1, kh, kw] (ONNX Conv with group = C). */
export function depthwiseToOnnx(w: DepthwiseWeights): Float32Array {
  const k = w.kernelSize;
  const C = w.channels;
  const out = new Float32Array(w.kernel.length);
  for (let h = 0; h < k; h++) for (let x = 0; x < k; x++) for (let c = 0; c < C; c++) out[(c * k + h) * k + x] = w.kernel[(h * k + x) * C + c]!;
  return out;
}

/** TF "same" padding of one spatial axis: [before, after] (the extra pixel goes after, as in TF). */
export function samePadding(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}
