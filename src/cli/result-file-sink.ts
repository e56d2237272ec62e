import fs from 'node:fs';
import path from 'node:path';
import type { CellSpec, Protocol } from '../core/cell.js';
import type { Environment } from '../core/environment.js';
import type { ResultRecord, RunReport } from '../core/result-schema.js';
import { RESULT_SCHEMA_VERSION } from '../core/result-schema.js';

/**
 * The CLI's result sink: the whole report is rewritten (atomically, via rename) after every
 * cell, so an interrupted run keeps every finished cell and lists what did not run.
 */
export class ResultFileSink {
  readonly report: RunReport;
  constructor(
    readonly file: string,
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
      notRun: init.planned.map((cell) => ({ cell, reason: 'not reached: the run was interrupted before this cell' })),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.flush();
  }

  add(record: ResultRecord): void {
    this.report.results.push(record);
    const i = this.report.notRun.findIndex((n) => sameCell(n.cell, record.cell));
    if (i >= 0) this.report.notRun.splice(i, 1);
    this.flush();
  }

  finish(reasonForRest?: string): void {
    this.report.finishedAt = new Date().toISOString();
    if (reasonForRest) for (const n of this.report.notRun) n.reason = reasonForRest;
    this.flush();
  }

  private flush(): void {
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.report, null, 2));
    fs.renameSync(tmp, this.file);
  }
}

function sameCell(a: CellSpec, b: CellSpec): boolean {
  return a.modelId === b.modelId && a.variant === b.variant && a.runtime === b.runtime && a.backend === b.backend;
}
