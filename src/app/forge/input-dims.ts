import type { TensorSpec } from '../../core/cell.js';
import type { DeclaredInput } from '../../core/inputs/declared-input.js';
import { isInputsError } from '../../core/inputs/inputs-error.js';
import type { InputsFile } from '../../core/inputs/parse-inputs-file.js';
import { type ResolvedInputs as CoreResolvedInputs, resolveInputs as resolveCoreInputs } from '../../core/inputs/resolve-inputs.js';
import { DEFAULT_INPUT_RANGE } from '../../core/seeded-inputs.js';
import type { ForgeTensorInfo } from '../../client/forge-protocol.js';

/**
 * A dropped model's inputs as the forge and the profiler need them: every dim a number. Batch
 * dims become 1 (and say so); any other dynamic dim is a question for the person, asked once per
 * symbol (inputs sharing "seq" share the answer).
 */

export interface DynamicDim {
  /** the answer key: the symbol, or input[axis] for an unnamed dim */
  key: string;
  /** how the person sees it, e.g. 'dim "height" (axis 2 of input "x")' */
  label: string;
  /** null: the person must answer; a number: filled in (batch) */
  preset: number | null;
}

export type ProfileDtype = TensorSpec['dtype'];
const PROFILE_DTYPES: readonly ProfileDtype[] = ['float32', 'int32', 'int64', 'uint8'];

/** Axis 0 is the batch in nearly every export (batch_size, N, unk__0, p2o.DynamicDimension.0…), and so is any dim named batch. */
const isBatch = (axis: number, d: string | null) => axis === 0 || (typeof d === 'string' && /batch/i.test(d));

function keyOf(input: ForgeTensorInfo, axis: number, d: string | null): string {
  return typeof d === 'string' && d !== '' ? d : `${input.name}[${axis}]`;
}

/** The dynamic dims of all inputs, one entry per symbol, batch dims preset to 1. */
export function dynamicDims(inputs: readonly ForgeTensorInfo[]): DynamicDim[] {
  const out = new Map<string, DynamicDim>();
  for (const input of inputs)
    input.shape.forEach((d, axis) => {
      if (typeof d === 'number') return;
      const key = keyOf(input, axis, d);
      if (out.has(key)) return;
      const batch = isBatch(axis, d);
      const what = typeof d === 'string' && d !== '' ? `dim "${d}"` : 'an unnamed dynamic dim';
      out.set(key, { key, label: `${what} (axis ${axis} of input "${input.name}")`, preset: batch ? 1 : null });
    });
  return [...out.values()];
}

export interface ResolvedInputs {
  inputShapes: Record<string, number[]>;
  /** every input without a set value: the person's range or the dtype's default (seeded calibration) */
  inputRanges: Record<string, [number, number]>;
  /** inputs the person gave one value (a sample rate, a length) */
  inputValues: Record<string, number>;
  notes: string[];
  /** the shared input rules' result (src/core/inputs): specs, source, the person's samples, warnings */
  core: CoreResolvedInputs;
}

/**
 * Concrete shapes, ranges and values from the person's answers (raw text from the form) and
 * their samples file if any, or the list of what is missing or wrong, each line saying what to
 * do. The rules on integer inputs and samples are the CLI's (src/core/inputs/resolve-inputs.ts).
 */
export function resolveInputs(
  inputs: readonly ForgeTensorInfo[],
  answers: Readonly<Record<string, string>>,
  ranges: Readonly<Record<string, string>>,
  samples?: InputsFile,
): { ok: true; value: ResolvedInputs } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  const dims = new Map(dynamicDims(inputs).map((d) => [d.key, d]));
  const valueOf = (key: string): number | undefined => {
    const raw = (answers[key] ?? '').trim();
    const dim = dims.get(key)!;
    if (raw === '') {
      if (dim.preset !== null) return dim.preset;
      problems.push(`${dim.label} has no size: enter one (a positive whole number) in its field`);
      return undefined;
    }
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) {
      problems.push(`${dim.label}: "${raw}" is not a positive whole number`);
      return undefined;
    }
    return n;
  };
  const inputShapes: Record<string, number[]> = {};
  const inputRanges: Record<string, [number, number]> = {};
  const inputValues: Record<string, number> = {};
  /** what the person typed (not the prefilled defaults): it makes the source 'user-ranges' */
  const givenRanges: Record<string, [number, number]> = {};
  const answered = new Map<string, number | undefined>();
  for (const input of inputs) {
    // an input the samples file gives takes its shape from the samples (the shared rules check it)
    if (!inSamples(samples, input.name)) inputShapes[input.name] = input.shape.map((d, axis) => {
      if (typeof d === 'number') return d;
      const key = keyOf(input, axis, d);
      if (!answered.has(key)) answered.set(key, valueOf(key));
      return answered.get(key) ?? 0;
    });
    const range = parseRange(input, ranges[input.name]);
    if (typeof range === 'string') problems.push(range);
    else if (typeof range === 'number') inputValues[input.name] = range;
    else {
      inputRanges[input.name] = range;
      const raw = (ranges[input.name] ?? '').trim();
      if (raw !== '' && raw !== defaultRangeText(input)) givenRanges[input.name] = range;
    }
  }
  for (const [key, v] of answered) if (v !== undefined && (answers[key] ?? '').trim() === '') notes.push(`${dims.get(key)!.label} taken as ${v} (batch)`);
  if (problems.length > 0) return { ok: false, problems };
  try {
    const declared: DeclaredInput[] = inputs.map((i) => ({ name: i.name, dtype: i.dtype === 'BOOL' ? 'bool' : i.dtype, shape: i.shape }));
    const core = resolveCoreInputs(declared, { shapes: inputShapes, ranges: givenRanges, values: inputValues, ...(samples ? { file: samples } : {}) });
    for (const s of core.specs) inputShapes[s.name] = s.shape;
    return { ok: true, value: { inputShapes, inputRanges, inputValues, notes, core } };
  } catch (err) {
    if (!isInputsError(err)) throw err;
    // the shared rules speak in CLI flags; here the fix is a field of the form
    const fix = err.input && /--input-value/.test(err.hint) ? `type its value in the "${err.input}" range field` : err.hint;
    return { ok: false, problems: [`${err.message}: ${fix}`] };
  }
}

function inSamples(file: InputsFile | undefined, name: string): boolean {
  if (!file) return false;
  // a .npy's array goes to the one input without a value: which one is the shared rules' call, so all count as given
  return name in (file.stacked ?? {}) || (file.samples ?? []).some((s) => name in s) || file.unnamed !== undefined;
}

/**
 * The range seeded inputs are drawn from: "low, high", or the project default for the dtype; or
 * one number, a set value (a sample rate: every element that value). A one-element integer input
 * has no default: left empty, the shared rules ask for its value.
 */
function parseRange(input: ForgeTensorInfo, raw: string | undefined): [number, number] | number | string {
  const fallback = DEFAULT_INPUT_RANGE[input.dtype as ProfileDtype] ?? DEFAULT_INPUT_RANGE.float32;
  if (raw === undefined || raw.trim() === '') return [fallback[0], fallback[1]];
  if (!raw.includes(',')) {
    const v = Number(raw.trim());
    if (Number.isFinite(v)) return v;
  }
  const parts = raw.split(',').map((p) => Number(p.trim()));
  const [lo, hi] = parts;
  if (parts.length !== 2 || lo === undefined || hi === undefined || !Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
    return `the value range of input "${input.name}" ("${raw}") must be two numbers "low, high" with low ≤ high, e.g. "${fallback[0]}, ${fallback[1]}", or one value`;
  }
  return [lo, hi];
}

export function defaultRangeText(input: ForgeTensorInfo): string {
  if (isSettingInput(input)) return '';
  const r = DEFAULT_INPUT_RANGE[input.dtype as ProfileDtype] ?? DEFAULT_INPUT_RANGE.float32;
  return `${r[0]}, ${r[1]}`;
}

/** A one-element integer input (a sample rate, a length): its value is asked for, never drawn. */
export function isSettingInput(input: ForgeTensorInfo): boolean {
  return input.dtype !== 'float32' && input.shape.every((d) => d === 1);
}

/** Inputs the profiler cannot feed (its seeded inputs come in four dtypes), as messages. */
export function unprofilableInputs(inputs: readonly ForgeTensorInfo[]): string[] {
  return inputs
    .filter((i) => !PROFILE_DTYPES.includes(i.dtype as ProfileDtype))
    .map((i) => `input "${i.name}" is ${i.dtype}, but edgewatt feeds only ${PROFILE_DTYPES.join(', ')} inputs: export the model with a float32 input (a Cast inside the graph is fine)`);
}

/** Profiler input specs (the shared rules' specs, default ranges written out); only call when unprofilableInputs() is empty. */
export function inputSpecs(inputs: readonly ForgeTensorInfo[], r: ResolvedInputs): TensorSpec[] {
  return r.core.specs.map((s) => (s.value !== undefined || s.range ? s : { ...s, ...(r.inputRanges[s.name] ? { range: r.inputRanges[s.name] } : {}) }));
}
