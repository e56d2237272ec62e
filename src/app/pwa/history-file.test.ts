import { describe, expect, it } from 'vitest';
import { completed, errored } from '../charts/test-support/records.js';
import { historyExport, parseHistoryFile } from './history-file.js';

describe('history export and import', () => {
  it('round-trips every record through an export file', () => {
    const records = [completed({}), errored()];
    const text = JSON.stringify(historyExport(records, new Date('2026-11-26T12:00:00Z')));
    const parsed = parseHistoryFile(text);
    expect(parsed).toMatchObject({ state: 'ok', format: 'history' });
    if (parsed.state === 'ok') expect(parsed.records.map((r) => r.id)).toEqual(records.map((r) => r.id));
  });

  it('accepts a CLI results.json (run report) and a bare list of records', () => {
    const r = completed({});
    const report = { schemaVersion: 1, runId: 'x', tool: { name: 'edgewatt', version: '0.1.0' }, results: [r] };
    expect(parseHistoryFile(JSON.stringify(report))).toMatchObject({ state: 'ok', format: 'run-report' });
    expect(parseHistoryFile(JSON.stringify([r]))).toMatchObject({ state: 'ok', format: 'record-list' });
  });

  it('refuses a file that is not JSON with what happened and what to do', () => {
    const parsed = parseHistoryFile('{"kind": "edgewatt-history", records: [');
    expect(parsed.state).toBe('invalid');
    if (parsed.state === 'invalid') {
      expect(parsed.message).toMatch(/not valid JSON/);
      expect(parsed.message).toMatch(/exported from edgewatt’s History/);
    }
  });

  it('imports nothing when one record is broken, and names the record and field', () => {
    const good = completed({});
    const bad = { ...completed({ modelId: 'cnn-s' }), phases: { ...good.phases, loadMs: 'fast' } };
    const parsed = parseHistoryFile(JSON.stringify(historyExport([good, bad as never])));
    expect(parsed.state).toBe('invalid');
    if (parsed.state !== 'invalid') return;
    expect(parsed.message).toMatch(/1 of 2 results .* nothing was imported/);
    expect(parsed.problems[0]).toMatch(/^result 2 \(cnn-s\/ort\/wasm\): phases\.loadMs:/);
  });

  it('refuses a newer schema version with a hint to update', () => {
    const parsed = parseHistoryFile(JSON.stringify({ ...historyExport([completed({})]), schemaVersion: 2 }));
    expect(parsed).toMatchObject({ state: 'invalid' });
    if (parsed.state === 'invalid') expect(parsed.message).toMatch(/version 2.*Update edgewatt/);
  });

  it('refuses JSON that is not a results file, and an empty one', () => {
    expect(parseHistoryFile('{"hello": 1}')).toMatchObject({ state: 'invalid' });
    expect(parseHistoryFile('[]')).toMatchObject({ state: 'invalid', message: expect.stringMatching(/no results/) });
  });
});
