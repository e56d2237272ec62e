import { z } from 'zod';
import { RESULT_SCHEMA_VERSION, resultRecordSchema, type ResultRecord } from '../../core/result-schema.js';

/** What History exports: every stored result, versioned so a later edgewatt can read or refuse it. */
export const HISTORY_FILE_KIND = 'edgewatt-history';
/** Far above any real history (a result is a few kB); stops a wrong file from freezing the page. */
export const MAX_HISTORY_FILE_BYTES = 50 * 1024 * 1024;

export interface HistoryFile {
  kind: typeof HISTORY_FILE_KIND;
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  exportedAt: string;
  records: ResultRecord[];
}

export function historyExport(records: readonly ResultRecord[], now: Date = new Date()): HistoryFile {
  return { kind: HISTORY_FILE_KIND, schemaVersion: RESULT_SCHEMA_VERSION, exportedAt: now.toISOString(), records: [...records] };
}

export function historyFileName(now: Date = new Date()): string {
  return `edgewatt-history-${now.toISOString().slice(0, 19).replaceAll(':', '-')}.json`;
}

export type ParsedHistory =
  | { state: 'ok'; records: ResultRecord[]; format: 'history' | 'run-report' | 'record-list' }
  | { state: 'invalid'; message: string; problems: string[] };

const WHAT_TO_DO = 'Choose a file exported from edgewatt’s History, or a results.json written by `edgewatt bench`.';
const MAX_PROBLEMS = 5;

function invalid(message: string, problems: string[] = []): ParsedHistory {
  return { state: 'invalid', message: `${message} ${WHAT_TO_DO}`, problems };
}

/** The list of records inside any of the accepted shapes, or why there is none. */
function recordsIn(json: unknown): { list: unknown[]; format: 'history' | 'run-report' | 'record-list' } | ParsedHistory {
  if (Array.isArray(json)) return { list: json, format: 'record-list' };
  if (!json || typeof json !== 'object') return invalid('The file holds no results (it is JSON, but not an object or a list).');
  const o = json as Record<string, unknown>;
  const version = o.schemaVersion;
  if (typeof version === 'number' && version !== RESULT_SCHEMA_VERSION) {
    return invalid(`The file uses result schema version ${version}; this edgewatt reads version ${RESULT_SCHEMA_VERSION}.${version > RESULT_SCHEMA_VERSION ? ' Update edgewatt to import it.' : ''}`);
  }
  if (o.kind === HISTORY_FILE_KIND && Array.isArray(o.records)) return { list: o.records, format: 'history' };
  if (o.tool && Array.isArray(o.results)) return { list: o.results, format: 'run-report' };
  return invalid('The file is JSON but not an edgewatt history or results file (no "records" or "results" list).');
}

function describeRecord(r: unknown, i: number): string {
  const cell = (r as { cell?: { modelId?: unknown; runtime?: unknown; backend?: unknown } } | null)?.cell;
  const name = cell && typeof cell.modelId === 'string' ? ` (${String(cell.modelId)}/${String(cell.runtime)}/${String(cell.backend)})` : '';
  return `result ${i + 1}${name}`;
}

/**
 * Validates an import before anything is stored: every record must pass `resultRecordSchema`, or
 * nothing is imported. Problems name the record and the field, so the file can be fixed.
 */
export function parseHistoryFile(text: string): ParsedHistory {
  if (text.length > MAX_HISTORY_FILE_BYTES) return invalid(`The file is ${(text.length / 1e6).toFixed(0)} MB, more than the ${MAX_HISTORY_FILE_BYTES / 1024 / 1024} MB a history can be.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return invalid(`The file is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  const found = recordsIn(json);
  if ('state' in found) return found;
  const records: ResultRecord[] = [];
  const problems: string[] = [];
  let bad = 0;
  found.list.forEach((r, i) => {
    const parsed = resultRecordSchema.safeParse(r);
    if (parsed.success) {
      records.push(parsed.data);
      return;
    }
    bad++;
    if (problems.length < MAX_PROBLEMS) {
      const issue = parsed.error.issues[0];
      const path = issue && issue.path.length > 0 ? issue.path.join('.') : 'the record';
      problems.push(`${describeRecord(r, i)}: ${path}: ${issue?.message ?? 'does not match the result schema'}`);
    }
  });
  if (bad > 0) {
    const more = bad > problems.length ? ` (the first ${problems.length} are listed)` : '';
    return invalid(`${bad} of ${found.list.length} results in the file are not valid edgewatt results${more}; nothing was imported.`, problems);
  }
  if (records.length === 0) return invalid('The file holds no results.');
  return { state: 'ok', records, format: found.format };
}
