import * as tf from '@tensorflow/tfjs';
import type { ModelHandleSpec } from '../../src/core/runtime-adapter.js';
import { HintedError } from '../../src/core/serialized-error.js';

/** A loaded TF.js model of either kind, reduced to what the timing loop needs. */
export interface TfjsRunnable {
  readonly kind: 'layers-model' | 'graph-model';
  /** inputs in the manifest's order; outputs in the manifest's order */
  predict(inputs: tf.Tensor[]): tf.Tensor[];
  dispose(): void;
}

interface ModelJson {
  format?: string;
  modelTopology?: object;
  weightsManifest?: { weights: tf.io.WeightsManifestEntry[] }[];
  signature?: object;
  userDefinedMetadata?: Record<string, {}>;
}

/**
 * Loads a TF.js model.json (LayersModel or GraphModel, as its `format` says) from memory.
 * Graph models are fed and read by tensor name, so the manifest's input and output order
 * holds whatever order the converter wrote the signature in.
 */
export async function loadTfjsModel(spec: ModelHandleSpec, modelJson: Record<string, unknown>, weightData: ArrayBuffer): Promise<TfjsRunnable> {
  const json = modelJson as ModelJson;
  if (!json.modelTopology || !json.weightsManifest) throw new Error('model.json lacks modelTopology or weightsManifest');
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData,
    ...(json.format ? { format: json.format } : {}),
    ...(json.signature ? { signature: json.signature } : {}),
    ...(json.userDefinedMetadata ? { userDefinedMetadata: json.userDefinedMetadata } : {}),
  };
  if (json.format === 'graph-model') return graphRunnable(spec, await tf.loadGraphModel(tf.io.fromMemory(artifacts)));
  return layersRunnable(await tf.loadLayersModel(tf.io.fromMemory(artifacts)));
}

function layersRunnable(model: tf.LayersModel): TfjsRunnable {
  return {
    kind: 'layers-model',
    predict(inputs) {
      const out = model.predict(inputs.length === 1 ? inputs[0]! : inputs);
      return Array.isArray(out) ? out : [out];
    },
    dispose: () => model.dispose(),
  };
}

function graphRunnable(spec: ModelHandleSpec, model: tf.GraphModel): TfjsRunnable {
  const known = new Set(model.inputs.map((i) => i.name));
  const missing = spec.inputs.filter((i) => !known.has(i.name));
  if (missing.length > 0) {
    model.dispose();
    throw new HintedError(
      `The graph model has no input named ${missing.map((i) => `"${i.name}"`).join(', ')} (it has ${[...known].map((n) => `"${n}"`).join(', ')})`,
      'The manifest and the model files disagree; run `npm run models` to rebuild the zoo.',
    );
  }
  // a model file without a signature states no outputs: then the graph's own outputs, in its order
  const outputNames = spec.outputs.length > 0 ? spec.outputs.map((o) => o.name) : model.outputs.map((o) => o.name);
  // the timed loop passes the same prepared inputs every run: their feed map is built once
  let fedInputs: tf.Tensor[] | undefined;
  let feed: tf.NamedTensorMap = {};
  return {
    kind: 'graph-model',
    predict(inputs) {
      if (inputs !== fedInputs) {
        feed = Object.fromEntries(spec.inputs.map((s, i) => [s.name, inputs[i]!]));
        fedInputs = inputs;
      }
      // execute (not executeAsync): the zoo's graph models have no control flow, and a sync call keeps the timed path free of extra awaits
      const out = model.execute(feed, outputNames);
      return Array.isArray(out) ? out : [out];
    },
    dispose: () => model.dispose(),
  };
}
