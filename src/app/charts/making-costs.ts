import type { Estimate } from '../../core/estimate.js';
import type { CompletedResult } from '../../core/result-schema.js';
import type { MakingCost } from '../../analysis/index.js';
import { scale, sum, withReasons } from '../../estimates/estimate-math.js';
import { energyOf } from './record-figures.js';

/** Inferences a profiling run executed for one cell: first run, warm-up, batch calibration, timed samples, fidelity inputs. */
export function inferencesRun(r: CompletedResult): number {
  const steady = r.phases.steady;
  const fidelity = r.fidelity.state === 'compared' ? r.fidelity.inputs : 0;
  return 1 + r.phases.warmup.runs + (steady.calibrationRuns ?? 0) + steady.samplesMs.length * steady.runsPerSample + fidelity;
}

export interface ProfilingFootprint {
  /** edgewatt's own profiling energy as a making cost, or null when no result carries energy */
  cost: MakingCost | null;
  counted: number;
  /** results whose energy is unknown, so their runs are not in the tally */
  notCounted: number;
  inferences: number;
}

/**
 * edgewatt's own footprint: every completed result's energy per inference × the inferences its
 * run executed. Model loading and the worker's start-up are not counted (no energy figure for them),
 * so the tally is a lower bound, and says so.
 */
export function profilingFootprint(records: readonly CompletedResult[]): ProfilingFootprint {
  const parts: Estimate[] = [];
  let notCounted = 0;
  let inferences = 0;
  for (const r of records) {
    const e = energyOf(r);
    if (!e) {
      notCounted++;
      continue;
    }
    const n = inferencesRun(r);
    inferences += n;
    parts.push(scale(e, n, 'J'));
  }
  if (parts.length === 0) return { cost: null, counted: 0, notCounted, inferences: 0 };
  const total = withReasons(
    sum(parts, 'J'),
    `edgewatt’s own profiling: ${inferences} inferences over ${parts.length} result(s), energy per inference × inferences run; model loading not counted (a lower bound)`,
  );
  return { cost: { label: 'edgewatt profiling runs', kind: 'profiling', energy: total }, counted: parts.length, notCounted, inferences };
}
