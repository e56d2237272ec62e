import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RESULT_SCHEMA_VERSION, runReportSchema, type RunReport } from '../core/result-schema.js';
import { UsageError } from './exit-codes.js';
import { describeIssue } from './describe-issue.js';

/** Read and validate the results.json of an earlier run. Every failure is a UsageError naming the file. */
export function loadBaseline(file: string): RunReport {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `baseline file not found: ${abs}` : `cannot read baseline ${abs}: ${(err as Error).message}`,
      'pass the results.json written by an earlier `edgewatt bench` run (e.g. restored from a CI cache or artifact)',
      { cause: err },
    );
  }
  return parseBaseline(text, abs);
}

export function parseBaseline(text: string, file: string): RunReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`baseline ${file} is not valid JSON: ${(err as Error).message}`, 'was the file cut short? re-create it with `edgewatt bench`', { cause: err });
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== RESULT_SCHEMA_VERSION) {
    throw new UsageError(
      `baseline ${file} has result schema version ${JSON.stringify(version)}; this edgewatt reads version ${RESULT_SCHEMA_VERSION}`,
      'produce a new baseline with this version of edgewatt',
    );
  }
  const parsed = runReportSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map(describeIssue);
    const more = parsed.error.issues.length > 10 ? [`… and ${parsed.error.issues.length - 10} more`] : [];
    throw new UsageError(`baseline ${file} is not a valid edgewatt result:\n${[...lines, ...more].map((l) => `  - ${l}`).join('\n')}`, 'pass a results.json written by `edgewatt bench`', {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
