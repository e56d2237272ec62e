import { cellKey, type TensorSpec } from '../../core/cell.js';
import type { Estimate } from '../../core/estimate.js';
import type { ModelAccounting, ModelManifest } from '../../core/model-manifest.js';
import type { CompletedResult, ResultRecord } from '../../core/result-schema.js';
import type { DiscrepancyCell } from '../../analysis/index.js';
import { energyOf, isCompleted, latencyEstimateMs } from './record-figures.js';

/** One completed cell as the trade-off views plot it. */
export interface CellPoint {
  key: string;
  record: CompletedResult;
  modelId: string;
  modelName: string;
  variant: string;
  /** the variant's kind (fp32, fp16, int8-dynamic, …); the variant name for models outside the zoo */
  variantKind: string;
  runtime: string;
  backend: string;
  /** "runtime/backend", the colour/symbol key of the plots */
  runtimeBackend: string;
  medianMs: number;
  ciLowMs: number;
  ciHighMs: number;
  latencyMs: Estimate;
  energyJ: Estimate | null;
  /** from the model manifest; null for a model the manifest does not list (a dropped file) */
  accounting: Pick<ModelAccounting, 'params' | 'flops' | 'flopsMethod' | 'nonZeroParams'> | null;
  fileBytes: number | null;
  /** bytes of one inference's inputs and outputs (manifest tensor specs), what a cloud call would send and receive */
  ioBytes: { input: number; output: number } | null;
  fidelityPass: boolean | null;
}

export interface CellPoints {
  points: CellPoint[];
  /** completed results not plotted because a newer result of the same cell exists */
  olderResults: number;
  /** results that did not complete (errored / skipped) */
  notCompleted: number;
}

const DTYPE_BYTES: Record<TensorSpec['dtype'], number> = { float32: 4, int32: 4, int64: 8, uint8: 1, bool: 1 };
const tensorBytes = (specs: readonly TensorSpec[]) => specs.reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[t.dtype], 0);

/** Forge variant names (prune-50, prune-struct-25…) grouped into the kinds the plots colour and the rules know. */
export function variantKindOf(variant: string): string {
  if (variant.startsWith('prune-struct')) return 'prune-structured';
  if (variant.startsWith('prune')) return 'prune-unstructured';
  return variant;
}

function accountingFor(manifest: ModelManifest | null, r: CompletedResult) {
  const entries = manifest ? [...manifest.models, ...(manifest.variants ?? [])] : [];
  const entry = entries.find((m) => m.id === r.cell.modelId && m.variant === r.cell.variant);
  if (!entry) return { entry: null, fileBytes: null };
  const bytes = r.cell.runtime === 'ort' ? entry.accounting.bytes.onnx : entry.accounting.bytes.tfjs;
  return { entry, fileBytes: bytes ?? null };
}

/**
 * The latest completed result of every cell (model × variant × runtime × backend), joined with the
 * model manifest's accounting. Older results of the same cell stay in the history but are not
 * plotted, so one cell counts once in a correlation.
 */
export function cellPoints(records: readonly ResultRecord[], manifest: ModelManifest | null): CellPoints {
  const latest = new Map<string, CompletedResult>();
  let completed = 0;
  for (const r of records) {
    if (!isCompleted(r)) continue;
    completed++;
    const key = cellKey(r.cell);
    const seen = latest.get(key);
    if (!seen || seen.createdAt <= r.createdAt) latest.set(key, r);
  }
  const points = [...latest.entries()].map(([key, r]): CellPoint => {
    const s = r.phases.steady.stats;
    const { entry, fileBytes } = accountingFor(manifest, r);
    return {
      key,
      record: r,
      modelId: r.cell.modelId,
      modelName: r.cell.modelName,
      variant: r.cell.variant,
      variantKind: variantKindOf(r.cell.variant),
      runtime: r.cell.runtime,
      backend: r.effectiveBackend,
      runtimeBackend: `${r.cell.runtime}/${r.effectiveBackend}`,
      medianMs: s.medianMs,
      ciLowMs: s.ciLowMs,
      ciHighMs: s.ciHighMs,
      latencyMs: latencyEstimateMs(r),
      energyJ: energyOf(r),
      accounting: entry
        ? { params: entry.accounting.params, flops: entry.accounting.flops, flopsMethod: entry.accounting.flopsMethod, nonZeroParams: entry.accounting.nonZeroParams }
        : null,
      fileBytes,
      ioBytes: entry ? { input: tensorBytes(entry.inputs), output: tensorBytes(entry.outputs) } : null,
      fidelityPass: outputsRight(r),
    };
  });
  points.sort((a, b) => a.key.localeCompare(b.key));
  return { points, olderResults: completed - points.length, notCompleted: records.length - completed };
}

/**
 * Whether a cell's outputs are known to be right: its fidelity against fp32 where that is judged;
 * for a variant whose outputs change by design (pruning without fine-tuning), whether this backend
 * computes it as the reference backend does; null when neither was compared.
 */
function outputsRight(r: CompletedResult): boolean | null {
  if (r.fidelity.state === 'compared' && r.fidelity.judged !== false) return r.fidelity.pass;
  if (r.backendAgreement?.state === 'compared') return r.backendAgreement.pass;
  return null;
}

/**
 * The discrepancy analysis's view of a cell.
 * `adapterHasShaderF16` comes from the environment (undefined when no WebGPU adapter was described).
 */
export function toDiscrepancyCell(p: CellPoint, adapterHasShaderF16?: boolean): DiscrepancyCell {
  return {
    modelId: p.modelId,
    variant: p.variant,
    variantKind: p.variantKind,
    runtime: p.runtime,
    backend: p.backend,
    latency: { medianMs: p.medianMs, ciLowMs: Math.min(p.ciLowMs, p.medianMs), ciHighMs: Math.max(p.ciHighMs, p.medianMs) },
    ...(p.energyJ ? { energy: p.energyJ } : {}),
    ...(p.accounting ? { params: p.accounting.params, flops: p.accounting.flops } : {}),
    ...(p.accounting?.nonZeroParams !== undefined ? { nonZeroParams: p.accounting.nonZeroParams } : {}),
    ...(p.fileBytes !== null ? { fileBytes: p.fileBytes } : {}),
    ...(p.fidelityPass !== null ? { fidelityPass: p.fidelityPass } : {}),
    ...(adapterHasShaderF16 !== undefined && p.backend === 'webgpu' ? { adapterHasShaderF16 } : {}),
  };
}
