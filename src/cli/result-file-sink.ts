import type { CellSpec, Protocol } from '../core/cell.js';
import type { Environment } from '../core/environment.js';
import type { ResultRecord, RunReport } from '../core/result-schema.js';
import { RESULT_SCHEMA_VERSION } from '../core/result-schema.js';
import { writeResultsJson } from '../bench/write-reports.js';

/**
 * The CLI's result sink: results.json is rewritten atomically after every cell, so an
 * interrupted run keeps every finished cell and lists, with a reason, what did not run.
 */
export class ResultFileSink {
  readonly report: RunReport;
  readonly file: string;

  constructor(
    readonly outDir: string,
    init: { suite: string; protocol: Protocol; environment: Environment; planned: CellSpec[]; toolVersion: string },
  ) {
    this.report = {
      schemaVersion: RESULT_SCHEMA_VERSION,
      runId: crypto.randomUUID(),
      tool: { name: 'edgewatt', version: init.toolVersion },
      suite: init.suite,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      protocol: init.protocol,
      environment: init.environment,
      results: [],
      notRun: init.planned.map((cell) => ({ cell, reason: 'not reached: the run stopped before this cell' })),
    };
    this.file = writeResultsJson(outDir, this.report);
  }

  add(record: ResultRecord): void {
    this.report.results.push(record);
    const i = this.report.notRun.findIndex((n) => sameCell(n.cell, record.cell));
    if (i >= 0) this.report.notRun.splice(i, 1);
    writeResultsJson(this.outDir, this.report);
  }

  /** Marks the end of the run; cells still not run get `reasonForRest`. */
  finish(reasonForRest?: string): void {
    this.report.finishedAt = new Date().toISOString();
    if (reasonForRest) for (const n of this.report.notRun) n.reason = reasonForRest;
    writeResultsJson(this.outDir, this.report);
  }
}

function sameCell(a: CellSpec, b: CellSpec): boolean {
  return a.modelId === b.modelId && a.variant === b.variant && a.runtime === b.runtime && a.backend === b.backend;
}
