import { fileURLToPath } from 'node:url';
import type { TensorSpec } from '../core/cell.js';
import { readTfjsModelFromDir, type TfjsModelFiles } from './tfjs-model-files.js';

/**
 * The three TF.js graph models the zoo takes from @vladmandic/human (MIT), with the input each is
 * fed in Human itself (src/face/blazeface.ts, src/gear/emotion.ts: pixels mapped to [-1, 1];
 * src/face/facemeshutil.ts for the iris crop: pixels / 255), so fidelity is measured on inputs of
 * the right scale. Shared by this folder's tests; Node only.
 */
export interface HumanModel {
  id: 'emotion' | 'blazeface' | 'iris';
  input: TensorSpec;
}

export const HUMAN_MODELS: readonly HumanModel[] = [
  { id: 'emotion', input: { name: 'input_1', shape: [1, 64, 64, 1], dtype: 'float32', range: [-1, 1] } },
  { id: 'blazeface', input: { name: 'input', shape: [1, 256, 256, 3], dtype: 'float32', range: [-1, 1] } },
  { id: 'iris', input: { name: 'input_1', shape: [1, 64, 64, 3], dtype: 'float32', range: [0, 1] } },
];

export function humanModelPath(id: HumanModel['id']): string {
  return fileURLToPath(new URL(`../../node_modules/@vladmandic/human/models/${id}.json`, import.meta.url));
}

export function readHumanModel(id: HumanModel['id']): Promise<TfjsModelFiles> {
  return readTfjsModelFromDir(humanModelPath(id));
}
