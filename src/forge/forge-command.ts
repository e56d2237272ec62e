import { compareOutputs } from '../core/compare-outputs.js';
import { makeInputSet } from '../core/seeded-inputs.js';
import { HintedError } from '../core/serialized-error.js';
import { accountModel } from './account-model.js';
import { BUG_HINT } from './check-graph.js';
import { InvalidModelError } from './invalid-model-error.js';
import { formatAccountingTable, type TableRow } from './accounting-table.js';
import type { ModelRunner } from './model-runner.js';
import { checkInput, type ForgeContext, parseVariantList, toleranceFor, VARIANT_NAMES } from './variant-registry.js';

/** File access and output for the command: Node's in forge-command.node.ts, fakes in tests. */
export interface ForgeIo {
  readFile(path: string): Promise<Uint8Array>;
  /** creates missing directories */
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  log(line: string): void;
  error(line: string): void;
  /** loads the input once before forging (a file the runtime rejects is the file's fault), calibrates int8-qdq, runs --check */
  runner(): Promise<ModelRunner>;
}

export const FORGE_USAGE = `usage: edgewatt forge <model.onnx> --out <dir> [options]

  --variants <list>        comma-separated, default all: ${VARIANT_NAMES.join(',')}
  --input-shape <n=d,d,…>  concrete shape of an input with symbolic dims (repeatable), e.g. x=1,3,224,224
  --calibration <method>   int8-qdq calibration: minmax (default) or percentile
  --check                  run each variant and the model on seeded inputs and print fidelity vs fp32
  --help                   this text

Writes <dir>/<name>.<variant>.onnx and <dir>/forge-report.json, prints the accounting table.`;

interface Args {
  model: string;
  out: string;
  variants: string;
  inputShapes: Record<string, number[]>;
  calibration: 'minmax' | 'percentile';
  check: boolean;
}

/** `edgewatt forge …`: returns the exit code (0 all variants written, 1 some failed, 2 usage error). */
export async function forgeCommand(argv: readonly string[], io: ForgeIo): Promise<number> {
  let args: Args;
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.log(FORGE_USAGE);
      return 0;
    }
    args = parsed;
    parseVariantList(args.variants);
  } catch (err) {
    io.error(`edgewatt forge: ${(err as Error).message}${err instanceof HintedError ? `\n  hint: ${err.hint}` : ''}\n\n${FORGE_USAGE}`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(args.model);
  } catch (err) {
    io.error(`edgewatt forge: cannot read ${args.model}: ${(err as Error).message}\n  hint: check the path`);
    return 2;
  }
  const stem = (args.model.split(/[\\/]/).pop() ?? 'model').replace(/\.onnx$/i, '');
  const outPath = (file: string) => `${args.out.replace(/[\\/]+$/, '')}/${file}`;
  const kinds = parseVariantList(args.variants);
  const inputShapes = Object.keys(args.inputShapes).length > 0 ? args.inputShapes : undefined;
  const ctx: ForgeContext = { inputShapes, calibration: args.calibration, runner: await io.runner() };

  let base;
  try {
    // the runtime's own verdict on the file first: its rejection is "your file", not a forge bug
    await checkInput(bytes, ctx.runner!);
    base = await accountModel(bytes, { inputShapes });
  } catch (err) {
    const what = err instanceof InvalidModelError ? `your model file ${args.model} is not valid: ` : '';
    io.error(`edgewatt forge: ${what}${(err as Error).message}${err instanceof HintedError ? `\n  hint: ${err.hint}` : ''}`);
    return 1;
  }
  const rows: TableRow[] = [{ variant: 'fp32 (input)', file: args.model.split(/[\\/]/).pop() ?? args.model, accounting: base }];
  const reports: unknown[] = [];
  const check = args.check ? await fidelityCheck(bytes, base, ctx.runner!, ctx.inputValues ?? {}) : undefined;
  let failed = 0;
  for (const kind of kinds) {
    const file = `${stem}.${kind.name}.onnx`;
    try {
      const r = await kind.forge(bytes, ctx);
      await io.writeFile(outPath(file), r.bytes);
      reports.push({ file, ...r.report });
      rows.push({ variant: kind.name, file, accounting: r.report.accounting, ...(check ? { fidelity: await check(kind.name, r.bytes) } : {}) });
    } catch (err) {
      failed++;
      const hint = err instanceof HintedError ? ` (${err.hint.replace(/pass inputShapes \(/, 'pass --input-shape (')})` : '';
      rows.push({ variant: kind.name, file: '–', accounting: base, error: `error: ${(err as Error).message}${hint}` });
      reports.push({ file: null, variant: kind.name, error: (err as Error).message });
    }
  }
  await io.writeFile(outPath('forge-report.json'), new TextEncoder().encode(JSON.stringify({ model: args.model, base, variants: reports }, null, 2) + '\n'));
  io.log(formatAccountingTable(rows));
  io.log(`\n${kinds.length - failed} of ${kinds.length} variant(s) written to ${args.out}; report: ${outPath('forge-report.json')}`);
  for (const n of base.notes) io.log(`note: ${n}`);
  return failed > 0 ? 1 : 0;
}

/** Compares each variant with the input model on 3 seeded inputs, with the variant kind's stated bound. */
async function fidelityCheck(
  bytes: Uint8Array,
  base: Awaited<ReturnType<typeof accountModel>>,
  runner: ModelRunner,
  inputValues: Readonly<Record<string, number>>,
): Promise<(variant: string, v: Uint8Array) => Promise<string>> {
  const specs = base.inputs.map((i) => ({ name: i.name, shape: i.shape.map((d) => (typeof d === 'number' ? d : Number.NaN)), dtype: i.dtype as 'float32' }));
  // an integer scalar is a setting (a sample rate): compared at the value given, never a random one
  const unset = specs.find((sp) => sp.shape.length === 0 && sp.dtype !== 'float32' && inputValues[sp.name] === undefined);
  if (unset) return async () => `not compared: integer scalar input "${unset.name}" needs --input-value ${unset.name}=V`;
  const feeds = makeInputSet(specs, 1234, 3).map((f) => f.map((a, k) => fillWith(a, inputValues[specs[k]!.name])));
  const outputs = base.outputs.map((o) => o.name);
  const run = async (model: Uint8Array, forged = false) => {
    let s;
    try {
      s = await runner.load(model);
    } catch (err) {
      // the input loaded (checkLoadable), so a variant the runtime rejects is the forge's fault
      if (forged) throw new HintedError(`${runner.description} rejects the forged variant: ${(err as Error).message}`, BUG_HINT);
      throw err;
    }
    try {
      const all: Float32Array[][] = [];
      for (const f of feeds) {
        const r = await s.run(Object.fromEntries(specs.map((sp, k) => [sp.name, { data: f[k]!, dims: sp.shape }])), outputs);
        all.push(outputs.map((o) => r[o]!));
      }
      return all;
    } finally {
      await s.release();
    }
  };
  const reference = await run(bytes);
  return async (variant, v) => {
    try {
      const stated = toleranceFor(variant);
      const c = compareOutputs(reference, await run(v, true), { tolerance: stated.tolerance });
      const verdict = stated.judged ? (c.pass ? 'within bound' : 'OUTSIDE bound') : 'not judged';
      return `cos ${c.cosineSimilarity.toFixed(5)}, rel ${c.maxRelError.toExponential(1)}${c.top1Agreement === null ? '' : `, top-1 ${(c.top1Agreement * 100).toFixed(0)} %`} (${verdict})`;
    } catch (err) {
      return `not compared: ${(err as Error).message}${err instanceof HintedError ? ` (${err.hint})` : ''}`;
    }
  };
}

function fillWith<A extends { fill(v: never): A; slice(): A }>(a: A, value: number | undefined): A {
  if (value === undefined) return a;
  return a instanceof BigInt64Array ? (new BigInt64Array(a.length).fill(BigInt(Math.trunc(value))) as unknown as A) : a.slice().fill(value as never);
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  const a: Partial<Args> & { inputShapes: Record<string, number[]> } = { inputShapes: {}, calibration: 'minmax', check: false, variants: VARIANT_NAMES.join(',') };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new HintedError(`${arg} needs a value`, `e.g. ${arg} ${arg === '--out' ? 'variants/' : '…'}`);
      return v;
    };
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--out' || arg === '-o') a.out = value();
    else if (arg === '--variants') a.variants = value();
    else if (arg === '--check') a.check = true;
    else if (arg === '--calibration') {
      const m = value();
      if (m !== 'minmax' && m !== 'percentile') throw new HintedError(`unknown calibration method "${m}"`, 'use minmax or percentile');
      a.calibration = m;
    } else if (arg === '--input-shape') {
      const [name, dims] = value().split('=');
      const shape = (dims ?? '').split(',').map(Number);
      if (!name || shape.some((d) => !Number.isInteger(d) || d < 1)) throw new HintedError(`--input-shape wants name=d1,d2,… with positive integers`, 'e.g. --input-shape x=1,3,224,224');
      a.inputShapes[name] = shape;
    } else if (arg.startsWith('-')) throw new HintedError(`unknown option ${arg}`, 'see --help');
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new HintedError(positional.length === 0 ? 'no model file given' : `one model at a time, got ${positional.length}`, 'edgewatt forge model.onnx --out dir');
  if (!a.out) throw new HintedError('--out <dir> is required', 'name the directory the variants go to');
  return { ...a, model: positional[0]! } as Args;
}
