import { parseArgs } from 'node:util';
import { backendSchema, runtimeSchema, type Backend, type RuntimeName } from '../core/cell.js';
import { UsageError } from './exit-codes.js';

export const REPORT_FORMATS = ['json', 'md', 'gab'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const DEFAULT_SUITE = 'smoke';
/** Each run gets its own folder by default, so earlier results are never overwritten. */
export const DEFAULT_OUT_DIR = 'results/<timestamp>';
export function defaultOutDir(now: Date = new Date()): string {
  return `results/${now.toISOString().replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}`;
}

/** What `edgewatt bench …` asked for. Lists are absent when the flag was not given (the suite decides). */
export interface BenchArgs {
  help: boolean;
  /** a suite name (benchmarks/suites/NAME.json) or a path to a suite file; absent with model files: the files alone */
  suite?: string;
  /** model files given as arguments: .onnx files, TF.js model.json files or their folders */
  files: string[];
  /** variants to forge and run (fp32 is the file itself) */
  variants?: string[];
  /** WASM threads per cell; 0 lets the runtime choose */
  threads?: number;
  /** --inputs, --input-shape, --input-range, --input-value as given (parsed against each model's inputs) */
  inputFlags: InputFlags;
  /** also print build and forge details */
  verbose: boolean;
  models?: string[];
  runtimes?: RuntimeName[];
  backends?: Backend[];
  outDir: string;
  /** a results.json of an earlier run to compare with */
  baseline?: string;
  /** regression threshold in percent; absent: the suite's gate.thresholdPct */
  thresholdPct?: number;
  formats: ReportFormat[];
}

/** The input flags, raw: each is parsed against the model it applies to (src/core/inputs). */
export interface InputFlags {
  inputs?: string;
  shapes: string[];
  ranges: string[];
  values: string[];
}

export const BENCH_USAGE = `Usage: edgewatt bench [MODEL...] [options]

Runs models in headless Chromium (onnxruntime-web, TensorFlow.js) and writes the results.
MODEL is an .onnx file or a TF.js model folder (model.json + weights); without one, a suite runs.

Models and variants:
  --variants a,b        variants to forge from each file and run beside it (default: the file alone)
                        ONNX: fp16, int8-dynamic, int8-qdq, prune-50, prune-75, prune-90,
                        prune-struct-25, prune-struct-50; TF.js graph models: wq-uint8,
                        wq-uint16, wq-float16 (weight storage only)
  --suite NAME|FILE     suite name in benchmarks/suites/ or a suite file (default without MODEL: ${DEFAULT_SUITE})
  --models a,b          zoo model ids to run instead of the suite's

Inputs (fidelity checks, int8 calibration and timed runs use them):
  --inputs FILE         real samples: .npy (one input), .npz (one array per input name) or
                        JSON {"name": nested array} (or a list of such objects)
  --input-shape N=1x512 size of an input's dynamic dimensions (repeatable)
  --input-range N=LO,HI value range of an input's synthetic data (repeatable)
  --input-value N=V     fill an input with one value, e.g. a sample rate (repeatable)

Where and how:
  --runtimes a,b        runtimes to run: ${runtimeSchema.options.join(', ')}
  --backends a,b        backends to run: ${backendSchema.options.join(', ')}
  --threads N           WASM threads per cell (default 0: the runtime chooses)
  --out DIR             output folder (default: ${DEFAULT_OUT_DIR})
  --baseline FILE       results.json of an earlier run; compare each cell with it
  --threshold PCT       a slower cell fails only above this many percent (default: the suite's, 10)
  --format LIST         outputs among ${REPORT_FORMATS.join(', ')} (default: all)
  --verbose             also print build and forge details
  -h, --help            show this help

Exit codes: 0 ok, 1 regression, 2 usage or setup error, 3 cells errored or not run.`;

const HINT = 'run `edgewatt bench --help` for the options';

/** Parse the arguments after `bench`. Throws UsageError (exit code 2) on anything it cannot use. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let values: ReturnType<typeof parse>['values'];
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (err) {
    throw new UsageError((err as Error).message, HINT, { cause: err });
  }
  const files = positionals.filter((p) => p.trim() !== '');
  const suite = nonEmpty('--suite', values.suite) ?? (files.length === 0 ? DEFAULT_SUITE : undefined);
  const args: BenchArgs = {
    help: values.help ?? false,
    ...(suite ? { suite } : {}),
    files,
    outDir: nonEmpty('--out', values.out) ?? defaultOutDir(),
    formats: values.format ? oneOf('--format', values.format, REPORT_FORMATS) : [...REPORT_FORMATS],
    inputFlags: {
      ...(values.inputs ? { inputs: nonEmpty('--inputs', values.inputs)! } : {}),
      shapes: values['input-shape'] ?? [],
      ranges: values['input-range'] ?? [],
      values: values['input-value'] ?? [],
    },
    verbose: values.verbose ?? false,
  };
  if (values.variants) args.variants = list('--variants', values.variants);
  if (values.threads !== undefined) args.threads = parseThreads(values.threads);
  if (values.models) args.models = list('--models', values.models);
  if (values.runtimes) args.runtimes = oneOf('--runtimes', values.runtimes, runtimeSchema.options);
  if (values.backends) args.backends = oneOf('--backends', values.backends, backendSchema.options);
  const baseline = nonEmpty('--baseline', values.baseline);
  if (baseline) args.baseline = baseline;
  if (values.threshold !== undefined) args.thresholdPct = parseThresholdPct(values.threshold);
  return args;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      suite: { type: 'string' },
      variants: { type: 'string', multiple: true },
      threads: { type: 'string' },
      inputs: { type: 'string' },
      'input-shape': { type: 'string', multiple: true },
      'input-range': { type: 'string', multiple: true },
      'input-value': { type: 'string', multiple: true },
      verbose: { type: 'boolean', short: 'v' },
      models: { type: 'string', multiple: true },
      runtimes: { type: 'string', multiple: true },
      backends: { type: 'string', multiple: true },
      out: { type: 'string' },
      baseline: { type: 'string' },
      threshold: { type: 'string' },
      format: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** "10", "10%", "2.5 %" → percent; negative, non-numeric or absurd values are usage errors. */
export function parseThresholdPct(raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%?\s*$/.exec(raw);
  const pct = m ? Number(m[1]) : Number.NaN;
  if (!Number.isFinite(pct) || pct > 1000) {
    throw new UsageError(`--threshold "${raw}" is not a percentage`, 'give a number of percent >= 0, e.g. --threshold 10 (a cell must be 10 % slower to fail)');
  }
  return pct;
}

function parseThreads(raw: string): number {
  const n = Number(raw.trim());
  if (!Number.isInteger(n) || n < 0 || n > 256) throw new UsageError(`--threads "${raw}" is not a thread count`, 'give a whole number ≥ 0, e.g. --threads 2 (0 lets the runtime choose)');
  return n;
}

function nonEmpty(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.trim() === '') throw new UsageError(`${flag} needs a value`, HINT);
  return v;
}

/** Repeated flags and comma lists both work: --backends wasm --backends webgpu = --backends wasm,webgpu. */
function list(flag: string, raw: readonly string[]): string[] {
  const items = [...new Set(raw.flatMap((r) => r.split(',')).map((s) => s.trim()).filter((s) => s !== ''))];
  if (items.length === 0) throw new UsageError(`${flag} needs at least one value`, HINT);
  return items;
}

function oneOf<T extends string>(flag: string, raw: readonly string[], allowed: readonly T[]): T[] {
  const items = list(flag, raw);
  const bad = items.filter((i) => !(allowed as readonly string[]).includes(i));
  if (bad.length > 0) {
    throw new UsageError(`${flag}: unknown value${bad.length > 1 ? 's' : ''} ${bad.map((b) => `"${b}"`).join(', ')}`, `choose among ${allowed.join(', ')}`);
  }
  return items as T[];
}
