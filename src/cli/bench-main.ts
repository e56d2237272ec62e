import fs from 'node:fs';
import path from 'node:path';
import { modelManifestSchema } from '../core/model-manifest.js';
import { MODELS_BUILD_DIR } from '../server/models-dir.js';
import { measureNativeBaselines } from './native-baseline.js';
import { BENCH_USAGE, parseBenchArgs } from '../bench/bench-args.js';
import { decideExitCode, EXIT_CODES } from '../bench/exit-codes.js';
import { loadBaseline } from '../bench/load-baseline.js';
import { loadSuite } from '../bench/load-suite.js';
import { planSuite } from '../bench/plan-suite.js';
import { compareWithBaseline } from '../bench/regression-gate.js';
import { writeResultJsonSchema } from '../bench/result-json-schema.js';
import { writeReports } from '../bench/write-reports.js';
import { runBench } from './bench-command.js';

/** `edgewatt bench …`: loaded by the dispatcher (edgewatt.ts) only when this command runs. */
export async function bench(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv);
  if (args.help) {
    console.log(BENCH_USAGE);
    return EXIT_CODES.ok;
  }
  const { suite } = loadSuite(args.suite);
  const plan = planSuite(suite, { models: args.models, runtimes: args.runtimes, backends: args.backends });
  const baseline = args.baseline ? loadBaseline(args.baseline) : undefined;
  const outDir = path.resolve(args.outDir);
  const sink = await runBench({ plan, outDir });
  if (suite.native && sink.report.notRun.length === 0) {
    const manifest = modelManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(MODELS_BUILD_DIR, 'manifest.json'), 'utf8')));
    sink.report.native = await measureNativeBaselines(sink.report, manifest.models, MODELS_BUILD_DIR, (l) => console.log(l));
  }
  const gate = baseline ? compareWithBaseline(sink.report, baseline, { thresholdPct: args.thresholdPct ?? suite.gate.thresholdPct, confidence: suite.gate.confidence }) : undefined;
  const written = writeReports(outDir, sink.report, { formats: args.formats, gate });
  if (written.markdown) console.log(`\n${written.markdown}`);
  const schemaFile = writeResultJsonSchema(path.join(outDir, 'run-report.schema.json'));
  for (const f of [...Object.values(written.files), schemaFile]) console.log(`wrote ${path.relative(process.cwd(), f)}`);
  const decision = decideExitCode(sink.report, gate);
  for (const r of decision.reasons) console.error(`edgewatt: ${r}`);
  return decision.code;
}
