import fs from 'node:fs';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { BENCH_USAGE, parseBenchArgs, type BenchArgs, type InputFlags } from '../bench/bench-args.js';
import { decideExitCode, EXIT_CODES, UsageError } from '../bench/exit-codes.js';
import { loadBaseline } from '../bench/load-baseline.js';
import { loadSuite } from '../bench/load-suite.js';
import { compareWithBaseline } from '../bench/regression-gate.js';
import { writeResultJsonSchema } from '../bench/result-json-schema.js';
import { suiteSchema, type Suite } from '../bench/suite-schema.js';
import { writeReports } from '../bench/write-reports.js';
import { erroredRecord, skippedRecord } from '../client/record-builder.js';
import { isSupportedCell } from '../core/cell.js';
import { parseInputsFile, type InputsFile } from '../core/inputs/parse-inputs-file.js';
import { decodeSamples, encodeSamples } from '../core/inputs/sample-transport.js';
import { modelManifestSchema } from '../core/model-manifest.js';
import type { ResultRecord } from '../core/result-schema.js';
import { HintedError, serializeError } from '../core/serialized-error.js';
import { nodeForgeIo } from '../forge/forge-command.node.js';
import type { Feed } from '../forge/model-runner.js';
import { VARIANT_NAMES } from '../forge/variant-registry.js';
import { TFJS_VARIANT_NAMES } from '../modelgen/tfjs-variants.js';
import { checkInputNames, type FileInputs, resolveFileInputs } from '../run/file-inputs.js';
import { readModelFile } from '../run/model-file.js';
import { isModelPath, planSuite, type SuitePlan } from '../run/plan-suite.js';
import { type ForgeRefusal, prepareFileModels } from '../run/prepare-file-models.js';
import { MODELS_BUILD_DIR } from '../server/models-dir.js';
import { runBench } from './bench-command.js';
import { measureNativeBaselines, type NativeModel } from './native-baseline.js';

/** `edgewatt bench …`: parse, prepare the user's files, plan, run, report; returns the exit code. */
export async function benchMain(argv: readonly string[]): Promise<number> {
  const args = parseBenchArgs(argv);
  if (args.help) {
    console.log(BENCH_USAGE);
    return EXIT_CODES.ok;
  }
  const log = (l: string) => console.log(l);
  const detail = args.verbose ? log : () => undefined;
  const { suite, suiteDir } = suiteFor(args);
  const outDir = path.resolve(args.outDir);
  const paths = [...new Set([...args.files.map((f) => path.resolve(f)), ...suite.models.filter(isModelPath).map((m) => path.resolve(suiteDir, m))])];
  const plan = await planWithFiles({ ...args, inputFlags: mergeInputFlags(suite, suiteDir, args.inputFlags) }, suite, paths, outDir, detail);
  const baseline = args.baseline ? loadBaseline(args.baseline) : undefined;
  const sink = await runBench({ plan: plan.plan, outDir, log, detail, preRecords: plan.preRecords, userModelsDir: path.join(outDir, 'models') });
  if (suite.native && sink.report.notRun.length === 0) sink.report.native = await measureNativeBaselines(sink.report, nativeModels(plan.plan), detail);
  const gate = baseline ? compareWithBaseline(sink.report, baseline, { thresholdPct: args.thresholdPct ?? suite.gate.thresholdPct, confidence: suite.gate.confidence }) : undefined;
  const written = writeReports(outDir, sink.report, { formats: args.formats, gate });
  if (written.markdown) console.log(`\n${written.markdown}`);
  const schemaFile = writeResultJsonSchema(path.join(outDir, 'run-report.schema.json'));
  for (const f of [...Object.values(written.files), schemaFile]) console.log(`wrote ${path.relative(process.cwd(), f) || f}`);
  const decision = decideExitCode(sink.report, gate);
  for (const r of decision.reasons) console.error(`edgewatt: ${r}`);
  return decision.code;
}

/** A suite's `inputs` as command-line flags; flags given on the command line come after, so they win. */
function mergeInputFlags(suite: Suite, suiteDir: string, flags: InputFlags): InputFlags {
  const i = suite.inputs;
  if (!i) return flags;
  const samples = flags.inputs ?? (i.samples ? path.resolve(suiteDir, i.samples) : undefined);
  return {
    ...(samples ? { inputs: samples } : {}),
    shapes: [...Object.entries(i.shape ?? {}).map(([n, d]) => `${n}=${d.join('x')}`), ...flags.shapes],
    ranges: [...Object.entries(i.range ?? {}).map(([n, [lo, hi]]) => `${n}=${lo},${hi}`), ...flags.ranges],
    values: [...Object.entries(i.value ?? {}).map(([n, v]) => `${n}=${v}`), ...flags.values],
  };
}

/** The suite asked for, or, for model files alone, one made of them with the default protocol. */
function suiteFor(args: BenchArgs): { suite: Suite; suiteDir: string } {
  let suite: Suite;
  let suiteDir = process.cwd();
  if (args.suite) {
    const loaded = loadSuite(args.suite);
    suite = loaded.suite;
    suiteDir = path.dirname(loaded.file);
  } else {
    suite = suiteSchema.parse({ name: 'files', description: 'model files given on the command line', models: args.files, runtimes: ['ort', 'tfjs'], backends: ['wasm', 'webgpu'] });
  }
  if (args.variants) {
    const known = ['fp32', ...VARIANT_NAMES, ...TFJS_VARIANT_NAMES];
    const unknown = args.variants.filter((v) => !known.includes(v));
    if (unknown.length > 0) throw new UsageError(`--variants: unknown variant${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`, `ONNX files: ${VARIANT_NAMES.join(', ')}; TF.js graph models: ${TFJS_VARIANT_NAMES.join(', ')}`);
    suite = { ...suite, variants: ['fp32', ...args.variants.filter((v) => v !== 'fp32')] };
  }
  return { suite, suiteDir };
}

async function planWithFiles(args: BenchArgs, suite: Suite, paths: string[], outDir: string, detail: (l: string) => void): Promise<{ plan: SuitePlan; preRecords: ResultRecord[] }> {
  const overrides = { ...(args.models ? { models: args.models } : {}), ...(args.runtimes ? { runtimes: args.runtimes } : {}), ...(args.backends ? { backends: args.backends } : {}), ...(args.threads !== undefined ? { threads: args.threads } : {}) };
  if (paths.length === 0) return { plan: planSuite(suite, overrides), preRecords: [] };
  const files = await Promise.all(paths.map((p) => readModelFile(p)));
  checkInputNames(files, args.inputFlags);
  const samples = args.inputFlags.inputs ? await readSamplesFile(args.inputFlags.inputs) : undefined;
  const inputs = files.map((f) => resolveFileInputs(f, args.inputFlags, samples));
  for (const [i, f] of files.entries()) for (const n of inputs[i]!.notes) detail(`${f.fileName}: ${n}`);
  const io = nodeForgeIo();
  const { entries, refusals } = await prepareFileModels(files, {
    modelsDir: path.join(outDir, 'models'),
    variants: suite.variants,
    inputs: inputs.map((x) => x.specs),
    inputSets: inputs.map((x) => ({ source: x.source, warnings: [...x.warnings], ...(x.samples ? { samples: encodeSamples(x.samples) } : {}) })),
    forgeContext: (i) => ({
      // int8-qdq calibrates on the user's samples when there are any, else on seeded data in their ranges
      ...(inputs[i]!.samples ? { calibrationFeeds: calibrationFeeds(inputs[i]!) } : {}),
      inputRanges: Object.fromEntries(inputs[i]!.specs.filter((s) => s.range).map((s) => [s.name, s.range!])),
      inputValues: Object.fromEntries(inputs[i]!.specs.filter((s) => s.value !== undefined).map((s) => [s.name, s.value!])),
    }),
    runner: () => io.runner(),
    log: detail,
  });
  const plan = planSuite(suite, overrides, entries);
  return { plan, preRecords: refusalRecords(refusals, plan) };
}

async function readSamplesFile(file: string): Promise<InputsFile> {
  const bytes = await readFile(file).catch((err: unknown) => {
    throw new UsageError(`--inputs: cannot read ${file} (${(err as Error).message})`, 'check the path of the samples file (.npy, .npz or .json)');
  });
  try {
    return parseInputsFile(file, new Uint8Array(bytes));
  } catch (err) {
    throw new UsageError(`--inputs ${file}: ${(err as Error).message}`, (err as { hint?: string }).hint ?? 'give a .npy (one input), .npz (one array per input name) or JSON {"name": nested array} file');
  }
}

/** The user's samples as the forge's calibration feeds (name → data and dims). */
function calibrationFeeds(r: FileInputs): Record<string, Feed>[] {
  return (r.samples ?? []).map((feeds) => Object.fromEntries(r.specs.map((s, k) => [s.name, { data: feeds[k]!, dims: s.shape }])));
}

/** A variant the forge would not make gets a record per backend it was asked on: skipped when the forge says why, errored otherwise. */
function refusalRecords(refusals: readonly ForgeRefusal[], plan: SuitePlan): ResultRecord[] {
  const backends = [...new Set(plan.cells.map((c) => c.cell.backend))];
  return refusals.flatMap((r) =>
    backends.filter((b) => isSupportedCell(r.runtime, b)).map((backend) => {
      const b = { cell: { modelId: r.modelId, variant: r.variant, runtime: r.runtime, backend }, modelName: r.modelName };
      // a plain HintedError is the forge explaining why the rewrite does not fit this graph; anything else failed
      const explained = r.error instanceof HintedError && r.error.name === 'HintedError';
      return explained ? skippedRecord(b, `the forge cannot make ${r.variant} of this model: ${r.error.message}`, (r.error as HintedError).hint) : erroredRecord(b, serializeError(r.error, 'forge'));
    }),
  );
}

/** ONNX files of the run for onnxruntime-node: the zoo's from its manifest, the user's from the run folder. */
function nativeModels(plan: SuitePlan): NativeModel[] {
  const out: NativeModel[] = plan.fileModels
    .filter((m) => m.absOnnx)
    .map((m) => ({ id: m.id, variant: m.variant, inputs: m.inputs, file: m.absOnnx!, ...(m.inputSet?.samples ? { samples: decodeSamples(m.inputSet.samples, m.inputs) } : {}) }));
  if (plan.zooModels.length === 0) return out;
  const manifest = modelManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(MODELS_BUILD_DIR, 'manifest.json'), 'utf8')));
  for (const e of [...manifest.models, ...(manifest.variants ?? [])]) if (e.files.onnx) out.push({ id: e.id, variant: e.variant, inputs: e.inputs, file: path.join(MODELS_BUILD_DIR, e.files.onnx) });
  return out;
}
