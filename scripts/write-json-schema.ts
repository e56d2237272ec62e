/** Regenerates docs/schema/run-report.schema.json from the zod schema (a test keeps them equal). */
import { writeResultJsonSchema } from '../src/bench/result-json-schema.js';

console.log(`wrote ${writeResultJsonSchema('docs/schema/run-report.schema.json')}`);
