import type { GraphAccounting, AccountOptions } from './account-model.js';

/** A node the forge left as it was, and why (shown to the user). */
export interface NodeNote {
  node: string;
  op: string;
  reason: string;
}

/** What one variant did to one model. Deterministic (no timings), so it can go into the manifest. */
export interface VariantReport {
  /** registry name, e.g. "int8-dynamic", "prune-50" */
  variant: string;
  /** the options in force after defaults, as given to the variant function */
  options: Record<string, unknown>;
  /** accounting of the input model */
  base: GraphAccounting;
  /** accounting of the variant */
  accounting: GraphAccounting;
  /** human-readable lines: what was rewritten */
  changes: string[];
  /** nodes left untouched or kept fp32, with the reason */
  skipped: NodeNote[];
}

export interface VariantResult {
  bytes: Uint8Array;
  report: VariantReport;
}

/** Options every variant accepts. */
export interface CommonForgeOptions {
  /** concrete input shapes for models with symbolic dims (accounting and calibration need them) */
  inputShapes?: AccountOptions['inputShapes'];
}
