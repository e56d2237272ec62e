import { deriveSeed, seededRandom } from '../core/seeded-random.js';
import type { ArchSpec } from './spec.js';

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
  kernelSize: 3;
  /** [kh, kw, in, out] (HWIO), row-major */
  kernel: Float32Array;
  bias: Float32Array;
}

export type LayerWeights = DenseWeights | ConvWeights;

/** Bias spread: small but non-zero so a dropped or misplaced bias changes the outputs. */
const BIAS_STD = 0.05;

export function generateWeights(spec: ArchSpec, seed: number): LayerWeights[] {
  const layers: LayerWeights[] = [];
  let features: number;
  if (spec.kind === 'cnn') {
    let inC = spec.channels;
    spec.convChannels.forEach((outC, i) => {
      const name = `conv_${i}`;
      // He normal (fan-in 9·in) keeps ReLU activations at a realistic scale through the stack
      const kernel = normals(seed, `${name}/kernel`, 9 * inC * outC, Math.sqrt(2 / (9 * inC)));
      layers.push({ kind: 'conv', name, inChannels: inC, outChannels: outC, kernelSize: 3, kernel, bias: normals(seed, `${name}/bias`, outC, BIAS_STD) });
      inC = outC;
    });
    features = inC;
  } else {
    features = spec.inputSize;
  }
  const widths = spec.kind === 'mlp' ? [...spec.hidden, spec.classes] : [spec.classes];
  widths.forEach((outSize, i) => {
    const name = `dense_${i}`;
    const relu = i < widths.length - 1;
    // He normal before a ReLU, Glorot normal for the logits layer
    const std = relu ? Math.sqrt(2 / features) : Math.sqrt(2 / (features + outSize));
    const kernel = normals(seed, `${name}/kernel`, features * outSize, std);
    layers.push({ kind: 'dense', name, inSize: features, outSize, relu, kernel, bias: normals(seed, `${name}/bias`, outSize, BIAS_STD) });
    features = outSize;
  });
  return layers;
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
