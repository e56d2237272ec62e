import type { Backend, CellSpec, RuntimeName } from '../core/cell.js';
import { compareOutputs, type Tolerance, toleranceForVariant } from '../core/compare-outputs.js';
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
 * The reference backend (DESIGN §3): ORT's WASM backend; a model with no ONNX form uses TF.js's
 * plain-JS cpu backend, its reference kernels. `variant` is fp32 for fidelity and the cell's own
 * variant for backend agreement.
 */
export function referenceCellFor(model: PlanModel, variant: string): ReferenceCell {
  return model.sources.onnx ? { runtime: 'ort', backend: 'wasm', variant } : { runtime: 'tfjs', backend: 'cpu', variant };
}

/**
 * Where a variant's own outputs are checked, or undefined when no check is needed. Only variants
 * whose drift from fp32 is not judged (pruning without fine-tuning) get one: for every other
 * variant, fidelity against fp32 already catches a backend that computes wrong numbers.
 */
export function agreementReferenceFor(model: PlanModel): ReferenceCell | undefined {
  if (model.judged !== false || (!model.sources.onnx && !model.sources.tfjs)) return undefined;
  return referenceCellFor(model, model.variant);
}

export function isReferenceCell(cell: CellSpec, reference: ReferenceCell): boolean {
  return cell.runtime === reference.runtime && cell.backend === reference.backend && cell.variant === reference.variant;
}

/** Key of the (model, variant) pair whose reference outputs one plan computes at most once. */
export function agreementKey(model: PlanModel): string {
  return `${model.id}\u0000${model.variant}`;
}

/** A cell's outputs against a reference cell's, or why they could not be compared. */
export function compareWithReference(candidate: Outputs[], reference: ReferenceOutputs, tolerance: Tolerance, model: PlanModel): BackendAgreement {
  if (typeof reference.outputs === 'string') return { state: 'not-compared', reason: reference.outputs };
  try {
    const compared = compareOutputs(reference.outputs, candidate, { tolerance, outputDims: model.outputs.map((o) => o.shape) });
    return { ...compared, reference: { ...reference.cell } };
  } catch (err) {
    return { state: 'not-compared', reason: `outputs could not be compared: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * This cell's outputs against the same variant on the reference backend. Both run the same
 * file in the same precision, so the variant kind's own tolerance (fp32 for pruned models)
 * applies, not the forge's looser allowance for drift from fp32.
 */
export function backendAgreementOf(candidate: Outputs[], reference: ReferenceOutputs, model: PlanModel): BackendAgreement {
  return compareWithReference(candidate, reference, toleranceForVariant(model.variant), model);
}

export function referenceCellLabel(cell: ReferenceCell): string {
  return `${cell.runtime}/${cell.backend}`;
}
