import { cellKey, type CellSpec } from '../core/cell.js';
import type { CompletedResult, ResultRecord, RunReport } from '../core/result-schema.js';

/** Everything a run says about one cell: its repetitions, and why it did not run if it did not. */
export interface CellGroup {
  key: string;
  cell: CellSpec;
  /** every record of this cell, in run order (several when the suite repeats cells) */
  records: ResultRecord[];
  completed: CompletedResult[];
  /** reasons from the report's notRun list; empty when every planned repetition ran */
  notRun: string[];
}

/** Group a run's records and not-run entries by cell key, keeping first-seen order. */
export function groupByCell(run: Pick<RunReport, 'results' | 'notRun'>): Map<string, CellGroup> {
  const groups = new Map<string, CellGroup>();
  const groupOf = (cell: CellSpec): CellGroup => {
    const key = cellKey(cell);
    let g = groups.get(key);
    if (!g) {
      g = { key, cell: { modelId: cell.modelId, variant: cell.variant, runtime: cell.runtime, backend: cell.backend }, records: [], completed: [], notRun: [] };
      groups.set(key, g);
    }
    return g;
  };
  for (const r of run.results) {
    const g = groupOf(r.cell);
    g.records.push(r);
    if (r.state === 'completed') g.completed.push(r);
  }
  for (const n of run.notRun) groupOf(n.cell).notRun.push(n.reason);
  return groups;
}

/** Steady-state samples of each completed repetition, one array per repetition. */
export function steadySampleGroups(g: CellGroup): number[][] {
  return g.completed.map((r) => r.phases.steady.samplesMs);
}
