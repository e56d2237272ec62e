import type { TensorSpec } from '../core/cell.js';
import type { ModelSourceRef } from '../core/worker-protocol.js';

/** A model as the run planner needs it: its signature and where each runtime gets it from. */
export interface PlanModel {
  id: string;
  name: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  sources: { onnx?: ModelSourceRef; tfjs?: ModelSourceRef };
}

export interface ManifestModelLike {
  id: string;
  name: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  files: { onnx?: string; tfjs?: string };
}

/** Manifest paths are relative to models/build, which every server exposes under /models/. */
export function planModelFromManifest(entry: ManifestModelLike, modelsBaseUrl: string): PlanModel {
  const url = (p: string) => new URL(p, modelsBaseUrl).href;
  return {
    id: entry.id,
    name: entry.name,
    inputs: entry.inputs,
    outputs: entry.outputs,
    sources: {
      ...(entry.files.onnx ? { onnx: { format: 'onnx' as const, url: url(entry.files.onnx) } } : {}),
      ...(entry.files.tfjs ? { tfjs: { format: 'tfjs-layers' as const, url: url(entry.files.tfjs) } } : {}),
    },
  };
}
