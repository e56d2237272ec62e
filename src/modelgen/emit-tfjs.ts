import { type ArchSpec, inputShape, type TransformerSpec } from './spec.js';
import type { LayerWeights } from './weights.js';

/**
 * TF.js LayersModel artifacts: `model.json` + one weights file. The JSON mirrors, key for key, what
 * tfjs-layers 4.22 itself writes for the same Sequential model (`model.save(tf.io.withSaveHandler…)`,
 * checked in emit-tfjs.test.ts), with the on-disk wrapper of `tf.io.browserFiles`/`http`:
 * `{ format, generatedBy, convertedBy, modelTopology, weightsManifest: [{ paths, weights }] }`.
 */

export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface TfjsModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: {
    class_name: 'Sequential' | 'Model';
    config: { name: string; layers: KerasLayer[]; input_layers?: unknown[]; output_layers?: unknown[] };
    keras_version: string;
    backend: 'tensor_flow.js';
  };
  weightsManifest: [{ paths: [string]; weights: TfjsWeightSpec[] }];
}

export interface KerasLayer {
  class_name: string;
  config: Record<string, unknown>;
  /** functional models only */
  name?: string;
  inbound_nodes?: unknown[];
}

export interface TfjsArtifacts {
  modelJson: TfjsModelJson;
  /** concatenated float32 little-endian weights in `weightsManifest` order */
  weightsBin: Uint8Array;
}

/** The format version written into `keras_version`: that of the tfjs-layers whose output this mirrors. */
export const KERAS_VERSION = 'tfjs-layers 4.22.0';

export interface TfjsEmitOptions {
  /** Sequential model name; deterministic */
  modelName: string;
  /** file name of the weights, relative to model.json */
  weightsPath: string;
  generatedBy: string;
}

export function emitTfjs(spec: Exclude<ArchSpec, TransformerSpec>, layers: readonly LayerWeights[], opts: TfjsEmitOptions): TfjsArtifacts {
  const batchInputShape = [null, ...inputShape(spec).slice(1)];
  const keras: KerasLayer[] = [];
  const specs: TfjsWeightSpec[] = [];
  const chunks: Float32Array[] = [];
  let first = true;
  let sawDense = false;
  for (const [i, l] of layers.entries()) {
    const inputCfg = first ? { batch_input_shape: batchInputShape, dtype: 'float32' } : {};
    first = false;
    if (l.kind === 'conv') {
      keras.push({ class_name: 'Conv2D', config: { ...convConfig(l.name, l.outChannels, l.kernelSize, l.stride), ...inputCfg } });
      if (l.pool) keras.push({ class_name: 'MaxPooling2D', config: { pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last', name: `pool_${i}`, trainable: true } });
      specs.push({ name: `${l.name}/kernel`, shape: [l.kernelSize, l.kernelSize, l.inChannels, l.outChannels], dtype: 'float32' });
    } else if (l.kind === 'depthwise') {
      keras.push({ class_name: 'DepthwiseConv2D', config: { ...depthwiseConfig(l.name, l.kernelSize, l.stride), ...inputCfg } });
      specs.push({ name: `${l.name}/depthwise_kernel`, shape: [l.kernelSize, l.kernelSize, l.channels, 1], dtype: 'float32' });
    } else {
      if (!sawDense && spec.kind !== 'mlp') {
        keras.push({ class_name: 'GlobalAveragePooling2D', config: { data_format: 'channels_last', name: 'gap', trainable: true } });
      }
      sawDense = true;
      keras.push({ class_name: 'Dense', config: { ...denseConfig(l.name, l.outSize, l.relu), ...inputCfg } });
      specs.push({ name: `${l.name}/kernel`, shape: [l.inSize, l.outSize], dtype: 'float32' });
    }
    specs.push({ name: `${l.name}/bias`, shape: [l.bias.length], dtype: 'float32' });
    chunks.push(l.kernel, l.bias);
  }
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: opts.generatedBy,
      convertedBy: null,
      modelTopology: { class_name: 'Sequential', config: { name: opts.modelName, layers: keras }, keras_version: KERAS_VERSION, backend: 'tensor_flow.js' },
      weightsManifest: [{ paths: [opts.weightsPath], weights: specs }],
    },
    weightsBin: concatLittleEndian(chunks),
  };
}

// Initializers only shape a freshly built layer; loaded weights replace them. Kept as tfjs writes them.
export const glorotNormal = { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } };
export const zeros = { class_name: 'Zeros', config: {} };

/** What Conv2D and DepthwiseConv2D share: a k×k 'same' ReLU window with a bias. */
function spatialConfig(name: string, k: number, stride: number): Record<string, unknown> {
  return {
    kernel_size: [k, k],
    strides: [stride, stride],
    padding: 'same',
    data_format: 'channels_last',
    dilation_rate: [1, 1],
    activation: 'relu',
    use_bias: true,
    bias_initializer: zeros,
    bias_regularizer: null,
    activity_regularizer: null,
    bias_constraint: null,
    name,
    trainable: true,
  };
}

function convConfig(name: string, filters: number, k: number, stride: number): Record<string, unknown> {
  return { filters, kernel_initializer: glorotNormal, kernel_regularizer: null, kernel_constraint: null, ...spatialConfig(name, k, stride) };
}

function depthwiseConfig(name: string, k: number, stride: number): Record<string, unknown> {
  return {
    ...spatialConfig(name, k, stride),
    depth_multiplier: 1,
    depthwise_initializer: glorotNormal,
    depthwise_regularizer: null,
    depthwise_constraint: null,
  };
}

export function denseConfig(name: string, units: number, relu: boolean): Record<string, unknown> {
  return {
    units,
    activation: relu ? 'relu' : 'linear',
    use_bias: true,
    kernel_initializer: glorotNormal,
    bias_initializer: zeros,
    kernel_regularizer: null,
    bias_regularizer: null,
    activity_regularizer: null,
    kernel_constraint: null,
    bias_constraint: null,
    name,
    trainable: true,
  };
}

export function concatLittleEndian(chunks: readonly Float32Array[]): Uint8Array {
  const total = chunks.reduce((a, c) => a + c.length, 0);
  const out = new Uint8Array(total * 4);
  const view = new DataView(out.buffer);
  let off = 0;
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++, off += 4) view.setFloat32(off, c[i]!, true);
  }
  return out;
}
