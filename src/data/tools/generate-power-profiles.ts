/**
 * Dev tool: regenerates src/data/power-profiles.json from the reference compilation. The output is
 * committed; the product reads only it. A unit test fails when the two drift apart.
 *
 *   npx tsx src/data/tools/generate-power-profiles.ts [path/to/device-profiles.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPowerProfiles } from './build-power-profiles.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REFERENCE_PATH = resolve(join(here, '../../../../shared/reference/device-profiles.json'));
export const OUTPUT_PATH = join(here, '../power-profiles.json');

export function serialise(p: unknown): string {
  return `${JSON.stringify(p, null, 1)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const refPath = resolve(process.argv[2] ?? REFERENCE_PATH);
  const parsed = buildPowerProfiles(JSON.parse(readFileSync(refPath, 'utf8')));
  writeFileSync(OUTPUT_PATH, serialise(parsed));
  console.log(`wrote ${OUTPUT_PATH}: ${parsed.sources.length} sources, ${parsed.devices.length} devices, ${parsed.socs.length} SoCs, ${parsed.gpuClasses.length} GPU classes`);
}
