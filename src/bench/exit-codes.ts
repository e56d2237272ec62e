import { cellKey } from '../core/cell.js';
import { HintedError } from '../core/serialized-error.js';
import type { RunReport } from '../core/result-schema.js';
import type { GateResult } from './regression-gate.js';
import { wrongOutputReason } from './wrong-outputs.js';

/**
 * Exit codes of `edgewatt bench`, part of its public contract (CI scripts branch on them):
 * - 0 ok: every planned cell ran; no regression (or no baseline given)
 * - 1 regression: a cell is slower than the baseline, significantly and by more than the threshold
 * - 2 usage or setup error: bad arguments, a suite or baseline file that cannot be read, no browser…
 *     nothing was measured
 * - 3 cells errored: a cell failed, gave wrong outputs (off the fp32 reference, off the same
 *     variant on the reference backend, or NaN/±Inf values), or never ran (interrupted run); the report
 *     names each one
 * - 4 internal error: edgewatt itself crashed (a bug to report, not a fault of the model or the arguments)
 * Skipped cells (a backend this device lacks) are not failures: the report lists them with why.
 */
export const EXIT_CODES = { ok: 0, regression: 1, usage: 2, cellsErrored: 3, internal: 4 } as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** Bad arguments or input files: the CLI prints message + hint and exits with 2. */
export class UsageError extends HintedError {
  readonly exitCode = EXIT_CODES.usage;
  constructor(message: string, hint: string, options?: { cause?: unknown }) {
    super(message, hint, options);
    this.name = 'UsageError';
  }
}

export function isUsageError(err: unknown): err is UsageError {
  return err instanceof UsageError;
}

export interface ExitDecision {
  code: ExitCode;
  /** one line per cause, for the log; empty when the code is 0 */
  reasons: string[];
}

export interface ExitDecisionOptions {
  /** count completed cells whose outputs failed the fidelity check as errored (default true) */
  fidelityFailureIsError?: boolean;
}

/**
 * Decide the exit code of a finished (or interrupted) run. Errored cells take precedence over a
 * regression: a verdict drawn from an incomplete run is the weaker signal, and both fail CI anyway.
 */
export function decideExitCode(run: RunReport, gate?: GateResult, options: ExitDecisionOptions = {}): ExitDecision {
  const fidelityFailureIsError = options.fidelityFailureIsError ?? true;
  const broken: string[] = [];
  for (const r of run.results) {
    const key = cellKey(r.cell);
    if (r.state === 'errored') broken.push(`${key} errored: ${r.error.message}`);
    else if (r.state === 'completed' && fidelityFailureIsError) {
      const why = wrongOutputReason(r);
      if (why) broken.push(`${key} gave wrong outputs: ${why}`);
    }
  }
  for (const n of run.notRun) {
    broken.push(`${cellKey(n.cell)} did not run: ${n.reason}`);
  }
  if (broken.length > 0) {
    const also = gate && !gate.pass ? [`also ${gate.regressions} regression(s) against the baseline`] : [];
    return { code: EXIT_CODES.cellsErrored, reasons: [...broken, ...also] };
  }
  if (gate && !gate.pass) {
    const reasons = gate.cells
      .filter((c) => c.regression)
      .map((c) => `${c.key} is ${formatPct((c.ratio ?? 1) - 1)} slower than the baseline (threshold +${gate.thresholdPct} %)`);
    return { code: EXIT_CODES.regression, reasons };
  }
  return { code: EXIT_CODES.ok, reasons: [] };
}

function formatPct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}
