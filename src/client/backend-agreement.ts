import type { Backend, CellSpec, RuntimeName } from '../core/cell.js';
import { compareOutputs, toleranceForVariant } from '../core/compare-outputs.js';
import type { BackendAgreement } from '../core/result-schema.js';
import type { Outputs } from '../core/runtime-adapter.js';
import type { PlanModel } from './plan-model.js';

/** A cell whose outputs are a yardstick for others: fp32 for fidelity, the variant itself for backend agreement. */
export interface ReferenceCell {
  runtime: RuntimeName;
  backend: Backend;
  variant: string;
}

export interface ReferenceOutputs {
  cell: ReferenceCell;
  /** outputs on the fixed fidelity inputs, or why there are none */
  outputs: Outputs[] | string;
}

/**
 * Where a variant's own outputs are checked, or undefined when no check is needed. Only variants
 * whose drift from fp32 is not judged (pruning without fine-tuning) get one: for every other
 * variant, fidelity against fp32 already catches a backend that computes wrong numbers. The
 * reference backend is the one fidelity uses: ORT WASM, or TF.js cpu for TF.js-only models.
 */
export function agreementReferenceFor(model: PlanModel): ReferenceCell | undefined {
  if (model.judged !== false) return undefined;
  if (model.sources.onnx) return { runtime: 'ort', backend: 'wasm', variant: model.variant };
  if (model.sources.tfjs) return { runtime: 'tfjs', backend: 'cpu', variant: model.variant };
  return undefined;
}

export function isReferenceCell(cell: CellSpec, reference: ReferenceCell): boolean {
  return cell.runtime === reference.runtime && cell.backend === reference.backend && cell.variant === reference.variant;
}

/** Key of the (model, variant) pair whose reference outputs one plan computes at most once. */
export function agreementKey(model: PlanModel): string {
  return `${model.id}\u0000${model.variant}`;
}

/**
 * This cell's outputs against the same variant on the reference backend. Both run the same
 * file in the same precision, so the variant kind's own tolerance (fp32 for pruned models)
 * applies, not the forge's looser allowance for drift from fp32.
 */
export function backendAgreementOf(candidate: Outputs[], reference: ReferenceOutputs, model: PlanModel): BackendAgreement {
  if (typeof reference.outputs === 'string') return { state: 'not-compared', reason: reference.outputs };
  try {
    const c = compareOutputs(reference.outputs, candidate, { tolerance: toleranceForVariant(model.variant), outputDims: model.outputs.map((o) => o.shape) });
    return {
      state: 'compared',
      reference: { ...reference.cell },
      inputs: c.inputs,
      maxAbsError: c.maxAbsError,
      maxRelError: c.maxRelError,
      cosineSimilarity: c.cosineSimilarity,
      top1Agreement: c.top1Agreement,
      tolerance: c.tolerance,
      nonFiniteValues: c.nonFiniteValues,
      pass: c.pass,
    };
  } catch (err) {
    return { state: 'not-compared', reason: `outputs could not be compared: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export function referenceCellLabel(cell: ReferenceCell): string {
  return `${cell.runtime}/${cell.backend}`;
}
