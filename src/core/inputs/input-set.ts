import type { Feeds } from '../runtime-adapter.js';
import type { InputSource } from './input-source.js';
import type { ResolvedInputs } from './resolve-inputs.js';

/**
 * What a planned model carries about its inputs beside its specs (PlanModel.inputs, where ranges
 * and values ride inside each TensorSpec): the user's samples, where the inputs came from, and
 * the warnings every record of the model must carry. Absent on a PlanModel = synthetic inputs.
 */
export interface InputSet {
  source: InputSource;
  /** one Feeds per sample, in the order of the model's input specs; crosses postMessage as typed arrays */
  samples?: Feeds[];
  warnings: string[];
}

/** The PlanModel fields from a resolveInputs result: `{ inputs: resolved.specs, inputSet: inputSetOf(resolved) }`. */
export function inputSetOf(resolved: ResolvedInputs): InputSet {
  return { source: resolved.source, ...(resolved.samples ? { samples: resolved.samples } : {}), warnings: [...resolved.warnings] };
}
