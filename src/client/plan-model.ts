import type { TensorSpec } from '../core/cell.js';
import type { InputSet } from '../core/inputs/input-set.js';
import type { ModelSourceRef } from '../core/worker-protocol.js';

/** A model as the run planner needs it: its signature and where each runtime gets it from. */
export interface PlanModel {
  id: string;
  /** fp32 for base models; fp16, int8-dynamic, prune-50… for forged variants */
  variant: string;
  name: string;
  /** variants: the fp32 model whose outputs are the fidelity reference */
  baseModelId?: string;
  /** the forge's tolerance for this variant; judged false = outputs change by design (pruning) */
  tolerance?: { maxRelError: number; minCosine: number };
  judged?: boolean;
  /** a member of the synthetic architecture family (not offered by default) */
  inFamilyGrid?: boolean;
  /** concrete input specs; a user's --input-range / --input-value rides inside each spec (range, value) */
  inputs: TensorSpec[];
  /**
   * the user's samples, the inputs' source and warnings for every record (src/core/inputs:
   * `{ inputs: resolved.specs, inputSet: inputSetOf(resolved) }`); absent = synthetic inputs.
   * A variant and its fp32 reference are run on the cell's model's inputs, so give every
   * variant of a model the same inputs and inputSet.
   */
  inputSet?: InputSet;
  outputs: TensorSpec[];
  sources: { onnx?: ModelSourceRef; tfjs?: ModelSourceRef };
  /** which file each runtime runs (name, sha256, bytes), so records say exactly what was measured */
  fileFacts?: { onnx?: ModelFileFacts; tfjs?: ModelFileFacts };
}

/** A model file as records name it. tfjs: sha256 of model.json followed by its weights, bytes of both. */
export interface ModelFileFacts {
  name: string;
  sha256: string;
  bytes: number;
}

export interface ManifestModelLike {
  id: string;
  variant?: string;
  name: string;
  baseModelId?: string;
  forge?: { tolerance: { maxRelError: number; minCosine: number }; judged?: boolean };
  grid?: unknown;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  files: { onnx?: string; tfjs?: string };
  /** zoo entries: bytes and sha256 per format, from the build */
  accounting?: { bytes: { onnx?: number; tfjs?: number }; sha256: { onnx?: string; tfjs?: string } };
  /** a user's file: what it is called on their disk */
  file?: ModelFileFacts;
}

/** Manifest paths are relative to models/build, which every server exposes under /models/. */
export function planModelFromManifest(entry: ManifestModelLike, modelsBaseUrl: string): PlanModel {
  const url = (p: string) => new URL(p, modelsBaseUrl).href;
  return {
    id: entry.id,
    variant: entry.variant ?? 'fp32',
    name: entry.name,
    ...(entry.baseModelId ? { baseModelId: entry.baseModelId } : {}),
    ...(entry.forge ? { tolerance: entry.forge.tolerance, judged: entry.forge.judged !== false } : {}),
    ...(entry.grid ? { inFamilyGrid: true } : {}),
    inputs: entry.inputs,
    outputs: entry.outputs,
    sources: {
      ...(entry.files.onnx ? { onnx: { format: 'onnx' as const, url: url(entry.files.onnx) } } : {}),
      ...(entry.files.tfjs ? { tfjs: { format: 'tfjs' as const, url: url(entry.files.tfjs) } } : {}),
    },
    fileFacts: {
      ...(entry.files.onnx ? { onnx: factsOf(entry, 'onnx', entry.files.onnx) } : {}),
      ...(entry.files.tfjs ? { tfjs: factsOf(entry, 'tfjs', entry.files.tfjs) } : {}),
    },
  };
}

function factsOf(entry: ManifestModelLike, format: 'onnx' | 'tfjs', path: string): ModelFileFacts | undefined {
  if (entry.file) return entry.file;
  const sha256 = entry.accounting?.sha256[format];
  const bytes = entry.accounting?.bytes[format];
  if (!sha256 || bytes === undefined) return undefined;
  return { name: path.split('/').slice(format === 'tfjs' ? -2 : -1).join('/'), sha256, bytes };
}
