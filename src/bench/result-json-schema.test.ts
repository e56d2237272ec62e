import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Estimate } from '../core/estimate.js';
import { cell, completed, errored, latencySamples, runReport, seededRandom, skipped } from './fixtures/run-report-fixture.js';
import { RESULT_JSON_SCHEMA_ID, resultJsonSchema, writeResultJsonSchema } from './result-json-schema.js';

const rng = seededRandom(2);
const energy: Estimate = { value: 0.02, low: 0.01, high: 0.05, unit: 'J', method: 'modelled', reasons: [], sources: [{ id: 'teads' }] };
const report = runReport(
  [
    completed(cell('mlp-s', 'ort', 'wasm'), latencySamples(rng, 50, 1), { estimates: { energyJ: energy } }),
    errored(cell('cnn-s', 'ort', 'webgpu'), 'boom', 'retry'),
    skipped(cell('cnn-s', 'tfjs', 'webgl'), 'no WebGL'),
  ],
  [{ cell: cell('cnn-s', 'tfjs', 'cpu'), reason: 'interrupted' }],
);

function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(resultJsonSchema());
}

describe('result JSON Schema', () => {
  it('accepts a results.json edgewatt writes', () => {
    const validate = validator();
    const ok = validate(JSON.parse(JSON.stringify(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a file with a wrong version, a missing field or an unknown state', () => {
    const validate = validator();
    expect(validate({ ...report, schemaVersion: 2 })).toBe(false);
    const { environment: _e, ...noEnv } = report;
    expect(validate(noEnv)).toBe(false);
    expect(validate({ ...report, results: [{ ...report.results[1], state: 'exploded' }] })).toBe(false);
  });

  it('is written to a file with its id and draft', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'edgewatt-schema-')), 'nested', 'run-report.schema.json');
    const written = writeResultJsonSchema(file);
    expect(written).toBe(file);
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    expect(schema.$id).toBe(RESULT_JSON_SCHEMA_ID);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'runId', 'environment', 'results', 'notRun']));
  });
});
