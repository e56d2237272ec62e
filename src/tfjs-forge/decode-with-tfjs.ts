import * as tf from '@tensorflow/tfjs';
import { type TfjsModelFiles, weightEntries } from './tfjs-model-files.js';

/** Every weight as TF.js's own decoder (tf.io.decodeWeights) reads it from the manifest and bytes: what a loaded model computes with. */
export function decodeWithTfjs(files: TfjsModelFiles): Map<string, Float32Array | Int32Array> {
  const tensors = tf.io.decodeWeights(files.weightData.slice().buffer as ArrayBuffer, weightEntries(files.modelJson));
  const out = new Map<string, Float32Array | Int32Array>();
  for (const [name, t] of Object.entries(tensors)) {
    out.set(name, t.dataSync() as Float32Array | Int32Array);
    t.dispose();
  }
  return out;
}
