import type { TensorSpec } from '../cell.js';
import type { Feeds } from '../runtime-adapter.js';
import { DEFAULT_INPUT_RANGE, type InputDtype, makeInput, VALUE_LIMITS } from '../seeded-inputs.js';
import { type DeclaredInput, describeDeclared, FEEDABLE_DTYPES, isFeedable } from './declared-input.js';
import type { InputFlags } from './input-flags.js';
import type { InputSource } from './input-source.js';
import { InputsError } from './inputs-error.js';
import { elementCountOf, type NumericArray, toInputArray } from './numeric-array.js';
import { type InputsFile, parseInputsFile } from './parse-inputs-file.js';
import { checkGivenShape, concreteShape, type SymbolSizes } from './resolve-shape.js';
import { splitSamples } from './split-samples.js';

/** What the user said about the inputs: the parsed flags (any may be empty) and the parsed samples file. */
export interface InputOptions {
  shapes?: Readonly<Record<string, readonly number[]>>;
  ranges?: Readonly<Record<string, readonly [number, number]>>;
  values?: Readonly<Record<string, number>>;
  file?: InputsFile;
}

/** The flags minus the file path, plus the file once read and parsed: what resolveInputs takes. */
export function inputOptionsFrom(flags: InputFlags, file?: InputsFile): InputOptions {
  return { shapes: flags.shapes, ranges: flags.ranges, values: flags.values, ...(file ? { file } : {}) };
}

/**
 * The flags plus their --inputs file, read with `readFile` (Node's fs in the CLI) and parsed: the
 * one async step between argv and resolveInputs. An unreadable file is an InputsError (exit 2).
 */
export async function loadInputOptions(flags: InputFlags, readFile: (path: string) => Promise<Uint8Array>): Promise<InputOptions> {
  if (flags.inputsFile === undefined) return inputOptionsFrom(flags);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(flags.inputsFile);
  } catch (err) {
    throw new InputsError(`cannot read --inputs ${flags.inputsFile}: ${(err as Error).message}`, 'check the path of the samples file');
  }
  return inputOptionsFrom(flags, parseInputsFile(flags.inputsFile, bytes));
}

export interface ResolvedInputs {
  /** one per model input, in the model's order, every dim concrete; `value` or `range` set where the user gave one */
  specs: TensorSpec[];
  source: InputSource;
  /** the user's samples, one Feeds per sample in spec order (inputs absent from the file filled from their spec) */
  samples?: Feeds[];
  /** what was assumed (batch dims set to 1…): for the log */
  notes: string[];
  /** what the results must carry (records' warnings): integer inputs on a default range, inputs missing from the samples */
  warnings: string[];
}

/** Seed of the fills for inputs a samples file leaves out: fixed, so every cell and the reference see the same bytes. */
const SAMPLE_FILL_SEED = 20_240_601;

/**
 * Concrete input specs (and samples) for a model from what the user gave. Integer and bool
 * inputs are never filled silently: a one-element integer input (a sample rate, a length) with
 * no value, range or sample is an error asking for --input-value; an integer tensor (token ids)
 * without a range gets the default [0, 99] and a warning. Every error names the input and says
 * what was expected (InputsError: exit 2 at the CLI).
 */
export function resolveInputs(declared: readonly DeclaredInput[], options: InputOptions = {}): ResolvedInputs {
  const shapes = options.shapes ?? {};
  const ranges = options.ranges ?? {};
  const values = options.values ?? {};
  const byName = new Map(declared.map((d) => [d.name, d]));
  const listed = declared.map(describeDeclared).join(', ');
  const checkName = (name: string, by: string) => {
    if (!byName.has(name)) throw new InputsError(`${by} names "${name}", which is not an input of the model`, `the model's inputs: ${listed}`, name);
  };
  for (const n of Object.keys(shapes)) checkName(n, '--input-shape');
  for (const n of Object.keys(ranges)) checkName(n, '--input-range');
  for (const n of Object.keys(values)) {
    checkName(n, '--input-value');
    if (ranges[n]) throw new InputsError(`input "${n}" has both --input-range and --input-value`, 'give one: a range for data, a value for a setting', n);
  }
  for (const d of declared) {
    if (!isFeedable(d.dtype)) {
      throw new InputsError(`input "${d.name}" is ${d.dtype}, which edgewatt cannot feed`, `export the model with a ${FEEDABLE_DTYPES.join(', ')} input (a Cast inside the graph is fine)`, d.name);
    }
  }

  const perInput = samplesByInput(declared, options.file, values, checkName);
  const symbols: SymbolSizes = new Map();
  for (const [name, shape] of Object.entries(shapes)) checkGivenShape(byName.get(name)!, shape, `--input-shape ${name}=${shape.join('x')}`, symbols);
  for (const [name, list] of perInput) {
    const d = byName.get(name)!;
    for (const [i, a] of list.entries()) {
      checkGivenShape(d, a.shape, `sample ${i} in ${a.origin}`, symbols);
      const flag = shapes[name];
      if (flag && flag.join() !== a.shape.join()) {
        throw new InputsError(`input "${name}": --input-shape ${flag.join('x')} and sample ${i}'s shape [${a.shape.join(', ')}] in ${a.origin} differ`, 'drop --input-shape for inputs given by samples, or reshape the samples', name);
      }
      if (a.shape.join() !== list[0]!.shape.join()) {
        throw new InputsError(`input "${name}": samples have different shapes ([${list[0]!.shape.join(', ')}] and [${a.shape.join(', ')}])`, 'one run uses one shape per input: give samples of equal shape', name);
      }
    }
  }

  const notes: string[] = [];
  const warnings: string[] = [];
  const specs = declared.map((d): TensorSpec => {
    const dtype = d.dtype as InputDtype;
    const shape = concreteShape(d, shapes[d.name] ?? perInput.get(d.name)?.[0]?.shape, symbols, notes);
    const spec: TensorSpec = { name: d.name, dtype, shape };
    const value = values[d.name];
    const range = ranges[d.name];
    if (value !== undefined) spec.value = checkedValue(d.name, dtype, value);
    else if (range) spec.range = checkedRange(d.name, dtype, range);
    else if (dtype !== 'float32' && !perInput.has(d.name)) {
      if (elementCountOf(shape) === 1) {
        throw new InputsError(
          `input "${d.name}" (${dtype}, shape [${shape.join(', ')}]) is a single integer, likely a setting (a sample rate, a length), and has no value`,
          `pass --input-value ${d.name}=<value> (e.g. ${d.name}=16000 for a sample rate); edgewatt does not guess it`,
          d.name,
        );
      }
      const [lo, hi] = DEFAULT_INPUT_RANGE[dtype];
      warnings.push(`Input "${d.name}" (${dtype}) had no range: drawn from [${lo}, ${hi}], the default for ids. If these are token or class ids, pass --input-range ${d.name}=0,<count − 1>.`);
    }
    return spec;
  });

  const givenForFloats = specs.filter((s) => s.dtype === 'float32').every((s) => s.value !== undefined || s.range !== undefined);
  const anyGiven = Object.keys(ranges).length + Object.keys(values).length > 0;
  const source: InputSource = perInput.size > 0 ? 'user-samples' : givenForFloats && anyGiven ? 'user-ranges' : 'synthetic';
  const result: ResolvedInputs = { specs, source, notes, warnings };
  if (perInput.size > 0) {
    for (const s of specs) {
      if (!perInput.has(s.name) && s.value === undefined) {
        warnings.push(`Input "${s.name}" is not in ${options.file!.file}: filled with seeded values from ${s.range ? `[${s.range.join(', ')}]` : 'its default range'}.`);
      }
    }
    const count = [...perInput.values()][0]!.length;
    result.samples = Array.from({ length: count }, (_, i) =>
      specs.map((s) => {
        const a = perInput.get(s.name)?.[i];
        return a ? toInputArray(a, s.dtype, s.name) : makeInput(s, SAMPLE_FILL_SEED, i);
      }),
    );
  }
  return result;
}

/** Per input name: its samples in order, every input with the same count. */
function samplesByInput(declared: readonly DeclaredInput[], file: InputsFile | undefined, values: Readonly<Record<string, number>>, checkName: (n: string, by: string) => void): Map<string, NumericArray[]> {
  const out = new Map<string, NumericArray[]>();
  if (!file) return out;
  const by = `--inputs ${file.file}`;
  const decl = (n: string) => declared.find((d) => d.name === n)!;
  if (file.unnamed) {
    const open = declared.filter((d) => values[d.name] === undefined);
    if (open.length !== 1) {
      throw new InputsError(
        `${by}: a .npy file holds one array, but ${open.length === 0 ? 'every input has --input-value' : `the model has ${open.length} inputs without --input-value (${open.map((d) => d.name).join(', ')})`}`,
        'use a .npz (numpy.savez(path, name=array, …)) or a JSON file that names each input',
      );
    }
    out.set(open[0]!.name, splitSamples(open[0]!, file.unnamed));
  }
  for (const [name, a] of Object.entries(file.stacked ?? {})) {
    checkName(name, by);
    out.set(name, splitSamples(decl(name), a));
  }
  for (const sample of file.samples ?? []) {
    for (const [name, a] of Object.entries(sample)) {
      checkName(name, by);
      out.set(name, [...(out.get(name) ?? []), a]);
    }
  }
  for (const name of out.keys()) {
    if (values[name] !== undefined) throw new InputsError(`input "${name}" is in ${file.file} and has --input-value`, 'give it one way', name);
  }
  const counts = [...out].map(([n, l]) => `${n}: ${l.length}`);
  if (new Set([...out.values()].map((l) => l.length)).size > 1) {
    throw new InputsError(`${by}: inputs have different sample counts (${counts.join(', ')})`, 'give every input the same number of samples (or one object per sample in JSON)');
  }
  return out;
}

function checkedValue(name: string, dtype: InputDtype, v: number): number {
  const [lo, hi] = VALUE_LIMITS[dtype];
  if ((dtype !== 'float32' && !Number.isInteger(v)) || v < lo || v > hi) {
    throw new InputsError(`--input-value ${name}=${v}: input "${name}" is ${dtype}`, `give ${dtype === 'float32' ? 'a finite number' : `a whole number in [${lo}, ${hi}]`}`, name);
  }
  return v;
}

function checkedRange(name: string, dtype: InputDtype, r: readonly [number, number]): [number, number] {
  const [lo, hi] = VALUE_LIMITS[dtype];
  if (!(r[0] < r[1])) throw new InputsError(`--input-range ${name}=${r.join(',')}: lo must be below hi`, `for one fixed value use --input-value ${name}=${r[0]}`, name);
  if ((dtype !== 'float32' && (!Number.isInteger(r[0]) || !Number.isInteger(r[1]))) || r[0] < lo || r[1] > hi) {
    throw new InputsError(`--input-range ${name}=${r.join(',')}: input "${name}" is ${dtype}`, `give ${dtype === 'float32' ? 'finite bounds' : `whole-number bounds in [${lo}, ${hi}]`}`, name);
  }
  if (r[0] === 0 && r[1] === 0) throw new InputsError(`--input-range ${name}=0,0 would feed all zeros`, 'give a range with non-zero values', name);
  return [r[0], r[1]];
}
