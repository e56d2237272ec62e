import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RESULT_SCHEMA_VERSION, runReportSchema } from '../core/result-schema.js';

export const RESULT_JSON_SCHEMA_ID = `urn:edgewatt:schema:run-report:v${RESULT_SCHEMA_VERSION}`;

/**
 * JSON Schema (draft 2020-12) of results.json, generated from the zod schema so the two cannot
 * drift. Output mode: it describes files edgewatt writes, where every default is filled in.
 */
export function resultJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(runReportSchema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: RESULT_JSON_SCHEMA_ID,
    title: `edgewatt run report, result schema version ${RESULT_SCHEMA_VERSION}`,
    description: 'One run of a set of benchmark cells on one device: every sample, the environment, estimates with their method and range.',
  };
}

/** Write the schema to `file` (folders created); returns the absolute path written. */
export function writeResultJsonSchema(file: string): string {
  const abs = path.resolve(file);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, `${JSON.stringify(resultJsonSchema(), null, 2)}\n`);
  return abs;
}
