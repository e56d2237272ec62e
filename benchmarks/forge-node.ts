/**
 * How long does the forge take on the largest zoo model, in Node? Builds the model in memory
 * (no models/build needed), then times accounting and every variant (median of --runs, default 3),
 * int8-qdq with its default calibration (32 seeded inputs) on onnxruntime-web's WASM build.
 *
 *   npx tsx benchmarks/forge-node.ts            # largest generated model (≈ 11 MB)
 *   npx tsx benchmarks/forge-node.ts --runs 1 --model ppocr-det
 *
 * Target (issue 3): a 10 MB model in ≤ 5 s per variant.
 */
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { median } from 'simple-statistics';
import { zoo } from '../models/zoo.js';
import { accountModel } from '../src/forge/account-model.js';
import { ortModelRunner } from '../src/forge/model-runner.js';
import { VARIANT_KINDS } from '../src/forge/variant-registry.js';
import { accountSpec } from '../src/modelgen/accounting.js';
import { buildGeneratedModel } from '../src/modelgen/build-model.js';
import { buildPackageModel } from '../src/modelgen/build-package-model.js';
import { parseZoo } from '../src/modelgen/parse-zoo.js';
import { readPackageFile } from '../src/modelgen/read-package-file.js';
import { hasOnnx, isGenerated } from '../src/modelgen/zoo-entry.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, model: { type: 'string' } } });
const runs = Number(values.runs);
const parsed = parseZoo(zoo).filter(hasOnnx);
const largest = parsed.filter(isGenerated).sort((a, b) => accountSpec(b.spec).params - accountSpec(a.spec).params)[0]!;
const z = parsed.find((e) => e.id === (values.model ?? largest.id));
if (!z) throw new Error(`no zoo model ${values.model}`);
const built = isGenerated(z) ? await buildGeneratedModel(z) : await buildPackageModel(z, (await readPackageFile(z.source.package, z.source.path)).bytes, '');
const bytes = built.files[0]!.bytes;
const inputShapes = Object.fromEntries(built.entry.inputs.map((i) => [i.name, i.shape]));
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
const runner = ortModelRunner(ort as never, { executionProviders: ['wasm'] }, 'onnxruntime-web (wasm, 1 thread)');

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms;
}

const fmt = (ms: number[]) => `${(median(ms) / 1000).toFixed(2)} s (min ${(Math.min(...ms) / 1000).toFixed(2)}, max ${(Math.max(...ms) / 1000).toFixed(2)}, n=${ms.length})`;
console.log(`forge on ${z.id}: ${(bytes.length / 2 ** 20).toFixed(2)} MiB, ${built.entry.accounting.params.toLocaleString('en-US')} params — Node ${process.version}, measured wall-clock, median of ${runs}`);
console.log(`${'accounting'.padEnd(18)} ${fmt(await time(() => accountModel(bytes, { inputShapes })))}`);
const ctx = { runner, inputShapes, inputRanges: Object.fromEntries(built.entry.inputs.flatMap((i) => (i.range ? [[i.name, i.range]] : []))) };
let worst = 0;
for (const k of VARIANT_KINDS) {
  let out = 0;
  const ms = await time(async () => (out = (await k.forge(bytes, ctx)).bytes.length));
  console.log(`${k.name.padEnd(18)} ${fmt(ms)}  → ${(out / 2 ** 20).toFixed(2)} MiB`);
  if (!k.needsRunner) worst = Math.max(worst, median(ms));
}
// int8-qdq's time is mostly calibration (32 model runs), which scales with compute, not file size
const oneCal = await time(() => VARIANT_KINDS.find((k) => k.name === 'int8-qdq')!.forge(bytes, { ...ctx, calibrationInputs: 1 }));
console.log(`${'int8-qdq, 1 input'.padEnd(18)} ${fmt(oneCal)}  (rewrite + one calibration run)`);
worst = Math.max(worst, median(oneCal));
const perTenMiB = (worst / 1000) * ((10 * 2 ** 20) / bytes.length);
console.log(`\nslowest rewrite: ${(worst / 1000).toFixed(2)} s, ≈ ${perTenMiB.toFixed(2)} s per 10 MiB (target ≤ 5 s per 10 MB): ${perTenMiB <= 5 ? 'met' : 'NOT met'}; int8-qdq calibration adds one model run per calibration input`);
