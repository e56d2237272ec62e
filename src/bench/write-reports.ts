import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runReportSchema, type RunReport } from '../core/result-schema.js';
import type { ReportFormat } from './bench-args.js';
import { describeIssue } from './describe-issue.js';
import type { GateResult } from './regression-gate.js';
import { gabReportSchema, renderGab } from './report-gab.js';
import { renderMarkdown } from './report-markdown.js';

export const REPORT_FILES = {
  json: 'results.json',
  comparison: 'comparison.json',
  md: 'summary.md',
  gab: 'github-action-benchmark.json',
} as const;

export interface WrittenReports {
  /** absolute paths of the files written, by kind */
  files: Partial<Record<keyof typeof REPORT_FILES, string>>;
  /** the Markdown text, for printing; null when md was not asked for */
  markdown: string | null;
  /** path of $GITHUB_STEP_SUMMARY when the summary was appended to it */
  stepSummary: string | null;
}

/**
 * Write results.json atomically (temp file + rename), so a run killed mid-write leaves the previous
 * complete file, never half of one. Call it after every cell to keep finished cells on a crash.
 */
export function writeResultsJson(outDir: string, run: RunReport): string {
  const checked = runReportSchema.safeParse(run);
  if (!checked.success) {
    throw new Error(`refusing to write an invalid results.json: ${checked.error.issues.slice(0, 5).map(describeIssue).join('; ')}`);
  }
  return writeAtomic(path.join(outDir, REPORT_FILES.json), `${JSON.stringify(checked.data, null, 2)}\n`);
}

export interface WriteReportsOptions {
  formats: readonly ReportFormat[];
  gate?: GateResult;
  /** environment to read GITHUB_STEP_SUMMARY from (default process.env) */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Write every requested report into outDir; the Markdown also goes to $GITHUB_STEP_SUMMARY when set. */
export function writeReports(outDir: string, run: RunReport, options: WriteReportsOptions): WrittenReports {
  const env = options.env ?? process.env;
  const files: WrittenReports['files'] = {};
  let markdown: string | null = null;
  let stepSummary: string | null = null;
  mkdirSync(outDir, { recursive: true });
  if (options.formats.includes('json')) {
    files.json = writeResultsJson(outDir, run);
    if (options.gate) files.comparison = writeAtomic(path.join(outDir, REPORT_FILES.comparison), `${JSON.stringify(options.gate, null, 2)}\n`);
  }
  if (options.formats.includes('md')) {
    markdown = renderMarkdown(run, options.gate);
    files.md = writeAtomic(path.join(outDir, REPORT_FILES.md), markdown);
    const summaryPath = env.GITHUB_STEP_SUMMARY;
    if (summaryPath) {
      appendFileSync(summaryPath, `${markdown}\n`);
      stepSummary = summaryPath;
    }
  }
  if (options.formats.includes('gab')) {
    const entries = gabReportSchema.parse(renderGab(run));
    files.gab = writeAtomic(path.join(outDir, REPORT_FILES.gab), `${JSON.stringify(entries, null, 2)}\n`);
  }
  return { files, markdown, stepSummary };
}

function writeAtomic(file: string, text: string): string {
  const abs = path.resolve(file);
  mkdirSync(path.dirname(abs), { recursive: true });
  const tmp = `${abs}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, abs);
  return abs;
}
