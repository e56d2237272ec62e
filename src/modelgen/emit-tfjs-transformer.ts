import { LAYER_NORM_EPSILON } from './emit-onnx-transformer.js';
import { concatLittleEndian, denseConfig, KERAS_VERSION, type KerasLayer, type TfjsArtifacts, type TfjsEmitOptions, type TfjsWeightSpec, zeros } from './emit-tfjs.js';
import type { TransformerSpec } from './spec.js';
import type { DenseWeights, LayerNormWeights, TransformerWeights } from './weights.js';

/**
 * The encoder as a TF.js functional LayersModel (class "Model"), from layers tfjs-layers 4.22
 * has and can deserialise: Dense on [batch, T, d] acts on the last axis; each attention head is
 * its own Dense for Q/K/V (column slices of the ONNX matrices, so the same numbers), Dot with
 * axes [2, 2] for Q·Kᵀ and [2, 1] for A·V, Softmax(−1), Concatenate; Add, LayerNormalization
 * (ε = 1e-5 as in ONNX), GlobalAveragePooling1D for the mean over the sequence.
 */
export function emitTfjsTransformer(spec: TransformerSpec, weights: TransformerWeights, opts: TfjsEmitOptions): TfjsArtifacts {
  const layers: KerasLayer[] = [];
  const specs: TfjsWeightSpec[] = [];
  const chunks: Float32Array[] = [];
  const { seqLen: T, dModel: d, heads: h } = spec;
  const dh = d / h;
  const node = (className: string, name: string, config: Record<string, unknown>, inputs: string[]): string => {
    layers.push({ name, class_name: className, config: { ...config, name, trainable: true }, inbound_nodes: inputs.length ? [inputs.map((i) => [i, 0, 0, {}])] : [] });
    return name;
  };
  const dense = (w: DenseWeights, input: string, name = w.name, kernel = w.kernel, bias = w.bias): string => {
    const units = bias.length;
    specs.push({ name: `${name}/kernel`, shape: [w.inSize, units], dtype: 'float32' }, { name: `${name}/bias`, shape: [units], dtype: 'float32' });
    chunks.push(kernel, bias);
    const { name: _n, trainable: _t, ...cfg } = denseConfig(name, units, w.relu);
    return node('Dense', name, cfg, [input]);
  };
  const headSlice = (w: DenseWeights, j: number, input: string): string => {
    const kernel = new Float32Array(w.inSize * dh);
    for (let r = 0; r < w.inSize; r++) kernel.set(w.kernel.subarray(r * d + j * dh, r * d + (j + 1) * dh), r * dh);
    return dense(w, input, `${w.name}_h${j}`, kernel, w.bias.slice(j * dh, (j + 1) * dh));
  };
  const norm = (w: LayerNormWeights, input: string): string => {
    specs.push({ name: `${w.name}/gamma`, shape: [d], dtype: 'float32' }, { name: `${w.name}/beta`, shape: [d], dtype: 'float32' });
    chunks.push(w.gamma, w.beta);
    const cfg = { axis: [2], epsilon: LAYER_NORM_EPSILON, center: true, scale: true, beta_initializer: zeros, gamma_initializer: { class_name: 'Ones', config: {} }, beta_regularizer: null, gamma_regularizer: null };
    return node('LayerNormalization', w.name, cfg, [input]);
  };

  layers.push({ name: 'input', class_name: 'InputLayer', config: { batch_input_shape: [null, T, d], dtype: 'float32', sparse: false, name: 'input' }, inbound_nodes: [] });
  let x = 'input';
  weights.layers.forEach((l, i) => {
    const contexts = Array.from({ length: h }, (_, j) => {
      const q = headSlice(l.q, j, x);
      const k = headSlice(l.k, j, x);
      const v = headSlice(l.v, j, x);
      const scores = node('Dot', `l${i}_scores_h${j}`, { axes: [2, 2], normalize: false }, [q, k]);
      const attn = node('Softmax', `l${i}_attn_h${j}`, { axis: -1 }, [scores]);
      return node('Dot', `l${i}_context_h${j}`, { axes: [2, 1], normalize: false }, [attn, v]);
    });
    const merged = h > 1 ? node('Concatenate', `l${i}_concat`, { axis: -1 }, contexts) : contexts[0]!;
    const res1 = node('Add', `l${i}_res1`, {}, [x, dense(l.o, merged)]);
    const x1 = norm(l.ln1, res1);
    const res2 = node('Add', `l${i}_res2`, {}, [x1, dense(l.ff2, dense(l.ff1, x1))]);
    x = norm(l.ln2, res2);
  });
  const pooled = node('GlobalAveragePooling1D', 'pool', {}, [x]);
  dense(weights.head, pooled);
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: opts.generatedBy,
      convertedBy: null,
      modelTopology: {
        class_name: 'Model',
        config: { name: opts.modelName, layers, input_layers: [['input', 0, 0]], output_layers: [[weights.head.name, 0, 0]] },
        keras_version: KERAS_VERSION,
        backend: 'tensor_flow.js',
      },
      weightsManifest: [{ paths: [opts.weightsPath], weights: specs }],
    },
    weightsBin: concatLittleEndian(chunks),
  };
}
