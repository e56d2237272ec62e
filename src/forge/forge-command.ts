import { compareOutputs } from '../core/compare-outputs.js';
import { fidelityInputCount } from '../core/inputs/feeds-for.js';
import { applyInputFlag, emptyInputFlags, INPUT_FLAGS_HELP, type InputFlags, isInputFlag } from '../core/inputs/input-flags.js';
import { SYNTHETIC_INPUTS_CAVEAT, SYNTHETIC_INPUTS_SHORT } from '../core/inputs/input-source.js';
import { isInputsError } from '../core/inputs/inputs-error.js';
import type { ResolvedInputs } from '../core/inputs/resolve-inputs.js';
import { countNonFinite, describeNonFinite, nonFiniteTotal } from '../core/non-finite.js';
import { HintedError } from '../core/serialized-error.js';
import { accountModel } from './account-model.js';
import { BUG_HINT } from './check-graph.js';
import { InvalidModelError } from './invalid-model-error.js';
import { formatAccountingTable, type TableRow } from './accounting-table.js';
import { hasInputFlags, resolveForgeInputs, runnerFeeds } from './forge-inputs.js';
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
  --calibration <method>   int8-qdq calibration: minmax (default) or percentile, on the inputs below
  --check                  run each variant and the model on the inputs below and print fidelity vs fp32
  --help                   this text

Inputs for calibration and --check (seeded [-1, 1] floats when none are given; the verdict says so):
${INPUT_FLAGS_HELP}

Writes <dir>/<name>.<variant>.onnx and <dir>/forge-report.json, prints the accounting table.
Exit codes: 0 all variants written (and within bound with --check), 1 a variant failed to forge,
2 usage error (bad flag, unknown input, unreadable file), 3 --check found a variant outside its
bound or with NaN/Inf outputs.`;

interface Args {
  model: string;
  out: string;
  variants: string;
  inputs: InputFlags;
  calibration: 'minmax' | 'percentile';
  check: boolean;
}

/**
 * `edgewatt forge …`: returns the exit code: 0 all variants written (within bound with --check),
 * 1 some failed to forge (wins over 3), 2 usage error, 3 --check found a judged variant outside
 * its bound or any variant with NaN/±Inf outputs (as `edgewatt bench` exits 3 on wrong outputs).
 */
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
  const inputShapes = Object.keys(args.inputs.shapes).length > 0 ? args.inputs.shapes : undefined;
  const needsRunner = args.check || kinds.some((k) => k.needsRunner);
  // every variant starts from the runtime's own check of the input, so the runner is always loaded
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
  let inputs: ResolvedInputs | undefined;
  if (needsRunner || hasInputFlags(args.inputs)) {
    try {
      inputs = await resolveForgeInputs(bytes, args.inputs, io.readFile);
    } catch (err) {
      io.error(`edgewatt forge: ${(err as Error).message}${err instanceof HintedError ? `\n  hint: ${err.hint}` : ''}`);
      return isInputsError(err) ? 2 : 1;
    }
    // calibration sees what --check sees: every user sample, or 32 seeded inputs from the resolved specs
    if (needsRunner) ctx.calibrationFeeds = runnerFeeds(inputs, CALIBRATION_SEED, inputs.samples?.length ?? CALIBRATION_INPUTS);
  }
  const rows: TableRow[] = [{ variant: 'fp32 (input)', file: args.model.split(/[\\/]/).pop() ?? args.model, accounting: base }];
  const reports: unknown[] = [];
  const check = args.check && inputs ? await fidelityCheck(bytes, base, ctx.runner!, inputs) : undefined;
  let failed = 0;
  let outsideBound = 0;
  for (const kind of kinds) {
    const file = `${stem}.${kind.name}.onnx`;
    try {
      const r = await kind.forge(bytes, ctx);
      await io.writeFile(outPath(file), r.bytes);
      reports.push({ file, ...r.report });
      const verdict = check ? await check(kind.name, r.bytes) : undefined;
      if (verdict?.outside) outsideBound++;
      rows.push({ variant: kind.name, file, accounting: r.report.accounting, ...(verdict ? { fidelity: verdict.text } : {}) });
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
  // batch notes repeat the accounting's; warnings (integer inputs on a default range) do not
  if (inputs) for (const n of inputs.warnings) io.log(`note: ${n}`);
  if (inputs && needsRunner) io.log(`note: inputs for ${args.check ? '--check and ' : ''}calibration: ${describeSource(inputs)}`);
  if (check && inputs?.source === 'synthetic') io.log(`note: ${SYNTHETIC_INPUTS_CAVEAT}`);
  if (outsideBound > 0) io.error(`edgewatt forge: --check: ${outsideBound} variant(s) outside their bound or with non-finite outputs (see the fidelity column)`);
  return failed > 0 ? 1 : outsideBound > 0 ? 3 : 0;
}

function describeSource(inputs: ResolvedInputs): string {
  if (inputs.source === 'user-samples') return `${inputs.samples!.length} user sample(s)`;
  const given = inputs.specs.filter((s) => s.value !== undefined || s.range !== undefined).map((s) => (s.value !== undefined ? `${s.name} = ${s.value}` : `${s.name} in [${s.range!.join(', ')}]`));
  return `${inputs.source === 'user-ranges' ? 'seeded, user ranges' : 'seeded, default ranges'}${given.length > 0 ? ` (${given.join('; ')})` : ''}`;
}

const CALIBRATION_SEED = 1234;
const CALIBRATION_INPUTS = 32;
/** --check's inputs: 3 seeded (the bench's default), or every user sample up to 16 */
const CHECK_SEED = 1234;
const CHECK_INPUTS = 3;

interface CheckVerdict {
  text: string;
  /** a judged variant outside its bound, or any variant with NaN/±Inf outputs */
  outside: boolean;
}

/** Compares each variant with the input model on the resolved inputs, with the variant kind's stated bound. */
async function fidelityCheck(bytes: Uint8Array, base: Awaited<ReturnType<typeof accountModel>>, runner: ModelRunner, inputs: ResolvedInputs): Promise<(variant: string, v: Uint8Array) => Promise<CheckVerdict>> {
  const feeds = runnerFeeds(inputs, CHECK_SEED, fidelityInputCount(CHECK_INPUTS, inputs.samples));
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
        const r = await s.run(f, outputs);
        all.push(outputs.map((o) => r[o]!));
      }
      return all;
    } finally {
      await s.release();
    }
  };
  const reference = await run(bytes);
  const referenceNonFinite = countNonFinite(reference);
  const synthetic = inputs.source === 'synthetic' ? `; ${SYNTHETIC_INPUTS_SHORT}` : '';
  return async (variant, v) => {
    try {
      const stated = toleranceFor(variant);
      const c = compareOutputs(reference, await run(v, true), { tolerance: stated.tolerance });
      if (nonFiniteTotal(c.nonFinite) > 0 || nonFiniteTotal(referenceNonFinite) > 0) {
        const which = nonFiniteTotal(c.nonFinite) > 0 ? describeNonFinite(c.nonFinite) : `the fp32 model itself gives ${describeNonFinite(referenceNonFinite)}`;
        return { text: `${which} (OUTSIDE bound${synthetic})`, outside: true };
      }
      const verdict = stated.judged ? (c.pass ? 'within bound' : 'OUTSIDE bound') : 'not judged';
      const text = `cos ${c.cosineSimilarity.toFixed(5)}, rel ${c.maxRelError.toExponential(1)}${c.top1Agreement === null ? '' : `, top-1 ${(c.top1Agreement * 100).toFixed(0)} %`} (${verdict}${synthetic})`;
      return { text, outside: stated.judged && !c.pass };
    } catch (err) {
      return { text: `not compared: ${(err as Error).message}${err instanceof HintedError ? ` (${err.hint})` : ''}`, outside: false };
    }
  };
}


function parseArgs(argv: readonly string[]): Args | 'help' {
  const a: Partial<Args> & { inputs: InputFlags } = { inputs: emptyInputFlags(), calibration: 'minmax', check: false, variants: VARIANT_NAMES.join(',') };
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
    } else if (isInputFlag(arg)) applyInputFlag(a.inputs, arg, value());
    else if (arg.startsWith('-')) throw new HintedError(`unknown option ${arg}`, 'see --help');
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new HintedError(positional.length === 0 ? 'no model file given' : `one model at a time, got ${positional.length}`, 'edgewatt forge model.onnx --out dir');
  if (!a.out) throw new HintedError('--out <dir> is required', 'name the directory the variants go to');
  return { ...a, model: positional[0]! } as Args;
}
