import type { ModelAccounting } from '../core/model-manifest.js';
import type { GraphAccounting } from './account-model.js';

/** The graph counter's figures in the manifest's shape (src/core/model-manifest.ts). */
export function toManifestAccounting(a: GraphAccounting, tfjs?: { bytes: number; sha256: string }): ModelAccounting {
  return {
    params: a.params,
    macs: a.macs,
    flops: a.flops,
    flopsMethod: a.flopsMethod,
    bytes: { onnx: a.bytes, ...(tfjs ? { tfjs: tfjs.bytes } : {}) },
    sha256: { onnx: a.sha256, ...(tfjs ? { tfjs: tfjs.sha256 } : {}) },
    quantizationParams: a.quantizationParams,
    nonZeroParams: a.nonZeroParams,
    sparsity: a.sparsity,
    complete: a.complete,
    unknownOps: a.unknownOps,
    opsCounted: a.opsCounted,
    macsByDtype: a.macsByDtype,
    precisionMix: a.precisionMix,
    notes: a.notes,
  };
}
