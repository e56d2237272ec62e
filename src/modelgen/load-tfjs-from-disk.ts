import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ModelEntry } from '../core/model-manifest.js';

/** Load a built TF.js LayersModel from disk (Node: tests, benchmarks) through `tf.io.fromMemory`, as the runtime adapter does with fetched bytes. */
export async function loadTfjsFromDisk(outDir: string, entry: ModelEntry): Promise<tf.LayersModel> {
  const jsonPath = join(outDir, entry.files.tfjs!);
  const modelJson = JSON.parse(await readFile(jsonPath, 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const group = modelJson.weightsManifest[0]!;
  const bin = await readFile(join(jsonPath, '..', group.paths[0]!));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: group.weights, weightData }));
}
