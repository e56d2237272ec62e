import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultJsonSchema } from './result-json-schema.js';

describe('docs/schema/run-report.schema.json', () => {
  it('is the JSON Schema the zod result schema generates (regenerate: npx tsx scripts/write-json-schema.ts)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/schema/run-report.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(resultJsonSchema());
  });
});
