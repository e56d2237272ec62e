import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUsageError } from './exit-codes.js';
import { cell, completed, latencySamples, runReport, seededRandom } from './fixtures/run-report-fixture.js';
import { loadBaseline } from './load-baseline.js';
import { compareWithBaseline } from './regression-gate.js';
import { gabReportSchema } from './report-gab.js';
import { REPORT_FILES, writeReports, writeResultsJson } from './write-reports.js';

const rng = seededRandom(6);
const run = runReport([completed(cell('mlp-s', 'ort', 'wasm'), latencySamples(rng, 50, 1))]);
const tmp = () => mkdtempSync(path.join(tmpdir(), 'edgewatt-out-'));

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isUsageError(err)) return `${err.message}\n${err.hint}`;
    throw err;
  }
  throw new Error('expected a UsageError');
}

describe('writeReports', () => {
  it('writes the requested formats, and a results.json that loads back as a baseline', () => {
    const dir = tmp();
    const gate = compareWithBaseline(run, run);
    const summary = path.join(dir, 'step-summary.md');
    writeFileSync(summary, 'earlier step\n');
    const out = writeReports(path.join(dir, 'out'), run, { formats: ['json', 'md', 'gab'], gate, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(Object.keys(out.files).sort()).toEqual(['comparison', 'gab', 'json', 'md']);
    expect(loadBaseline(out.files.json!)).toEqual(run);
    expect(gabReportSchema.safeParse(JSON.parse(readFileSync(out.files.gab!, 'utf8'))).success).toBe(true);
    expect(JSON.parse(readFileSync(out.files.comparison!, 'utf8')).pass).toBe(true);
    expect(readFileSync(out.files.md!, 'utf8')).toBe(out.markdown);
    // appended, not overwritten: other steps write to the same summary
    expect(readFileSync(summary, 'utf8')).toBe(`earlier step\n${out.markdown}\n`);
    expect(out.stepSummary).toBe(summary);
  });

  it('writes only what was asked and leaves no temp files', () => {
    const dir = tmp();
    const out = writeReports(dir, run, { formats: ['gab'], env: {} });
    expect(out.markdown).toBeNull();
    expect(out.stepSummary).toBeNull();
    expect(existsSync(path.join(dir, REPORT_FILES.json))).toBe(false);
    expect(existsSync(path.join(dir, REPORT_FILES.gab))).toBe(true);
    writeResultsJson(dir, run);
    writeResultsJson(dir, run);
    expect(JSON.parse(readFileSync(path.join(dir, REPORT_FILES.json), 'utf8')).runId).toBe(run.runId);
    expect(readFileSync(path.join(dir, REPORT_FILES.json), 'utf8')).not.toContain('.tmp');
  });

  it('refuses to write a results.json that does not match the schema', () => {
    const broken = { ...run, runId: 'not-a-uuid' };
    expect(() => writeResultsJson(tmp(), broken)).toThrow(/runId/);
  });
});

describe('loadBaseline', () => {
  it('names a missing file, broken JSON, another schema version and a bad field', () => {
    const dir = tmp();
    expect(usageMessage(() => loadBaseline(path.join(dir, 'nope.json')))).toMatch(/baseline file not found: .*nope\.json/);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"schemaVersion": 1, ');
    expect(usageMessage(() => loadBaseline(broken))).toContain('is not valid JSON');
    const v2 = path.join(dir, 'v2.json');
    writeFileSync(v2, JSON.stringify({ ...run, schemaVersion: 2 }));
    expect(usageMessage(() => loadBaseline(v2))).toContain('has result schema version 2; this edgewatt reads version 1');
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...run, results: [{ ...run.results[0], state: 'completed', threads: -1 }] }));
    expect(usageMessage(() => loadBaseline(bad))).toContain('field "results[0].threads"');
  });
});
