/**
 * How long the estimation stage adds per result: matchDevice + estimateCell over a completed
 * record, and the static intensity lookup. Prints figures; asserts nothing.
 *
 *   npx tsx benchmarks/energy-estimate-cell.ts [iterations]
 */
import { chosenLocation } from '../src/carbon/location.js';
import { staticYearlySource } from '../src/carbon/sources/static-yearly.js';
import { matchDevice } from '../src/energy/match-device.js';
import { adapter, environment } from '../src/energy/test-support/environments.js';
import { estimateCell } from '../src/estimates/estimate-cell.js';
import { completedResult } from '../src/estimates/test-support/completed-result.js';

const n = Number(process.argv[2] ?? 2000);
const env = environment({ hardwareConcurrency: 8, gpu: adapter({ vendor: 'nvidia', description: 'NVIDIA GeForce RTX 3060 Laptop GPU' }) });
const record = completedResult();
const source = staticYearlySource();
const intensity = await source.current({ location: chosenLocation('DEU') });

function time(label: string, f: () => unknown): void {
  for (let i = 0; i < Math.min(200, n); i++) f(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  const perCallUs = ((performance.now() - t0) / n) * 1000;
  console.log(`${label.padEnd(44)} ${perCallUs.toFixed(1).padStart(8)} µs/call  (${n} calls)`);
}

time('matchDevice (laptop, RTX 3060 Laptop)', () => matchDevice(env));
const profile = matchDevice(env);
time('estimateCell (profile given)', () => estimateCell(record, env, { profile, intensity }));
time('estimateCell (profile matched each time)', () => estimateCell(record, env, { intensity }));
let pending = Promise.resolve();
const t0 = performance.now();
for (let i = 0; i < n; i++) pending = pending.then(() => source.current({ location: chosenLocation('GBR') }).then(() => undefined));
await pending;
console.log(`${'static yearly intensity lookup'.padEnd(44)} ${(((performance.now() - t0) / n) * 1000).toFixed(1).padStart(8)} µs/call  (${n} calls)`);
