import type { TensorSpec } from '../../core/cell.js';
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
  inputRanges: Record<string, [number, number]>;
  notes: string[];
}

/**
 * Concrete shapes and ranges from the person's answers (raw text from the form), or the list of
 * what is missing or wrong, each line saying what to do.
 */
export function resolveInputs(
  inputs: readonly ForgeTensorInfo[],
  answers: Readonly<Record<string, string>>,
  ranges: Readonly<Record<string, string>>,
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
  const answered = new Map<string, number | undefined>();
  for (const input of inputs) {
    inputShapes[input.name] = input.shape.map((d, axis) => {
      if (typeof d === 'number') return d;
      const key = keyOf(input, axis, d);
      if (!answered.has(key)) answered.set(key, valueOf(key));
      return answered.get(key) ?? 0;
    });
    const range = parseRange(input, ranges[input.name]);
    if (typeof range === 'string') problems.push(range);
    else inputRanges[input.name] = range;
  }
  for (const [key, v] of answered) if (v !== undefined && (answers[key] ?? '').trim() === '') notes.push(`${dims.get(key)!.label} taken as ${v} (batch)`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { inputShapes, inputRanges, notes } };
}

/** The range seeded inputs are drawn from: "low, high", or the project default for the dtype. */
function parseRange(input: ForgeTensorInfo, raw: string | undefined): [number, number] | string {
  const fallback = DEFAULT_INPUT_RANGE[input.dtype as ProfileDtype] ?? DEFAULT_INPUT_RANGE.float32;
  if (raw === undefined || raw.trim() === '') return [fallback[0], fallback[1]];
  const parts = raw.split(',').map((p) => Number(p.trim()));
  const [lo, hi] = parts;
  if (parts.length !== 2 || lo === undefined || hi === undefined || !Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
    return `the value range of input "${input.name}" ("${raw}") must be two numbers "low, high" with low ≤ high, e.g. "${fallback[0]}, ${fallback[1]}"`;
  }
  return [lo, hi];
}

export function defaultRangeText(input: ForgeTensorInfo): string {
  const r = DEFAULT_INPUT_RANGE[input.dtype as ProfileDtype] ?? DEFAULT_INPUT_RANGE.float32;
  return `${r[0]}, ${r[1]}`;
}

/** Inputs the profiler cannot feed (its seeded inputs come in four dtypes), as messages. */
export function unprofilableInputs(inputs: readonly ForgeTensorInfo[]): string[] {
  return inputs
    .filter((i) => !PROFILE_DTYPES.includes(i.dtype as ProfileDtype))
    .map((i) => `input "${i.name}" is ${i.dtype}, but edgewatt feeds only ${PROFILE_DTYPES.join(', ')} inputs: export the model with a float32 input (a Cast inside the graph is fine)`);
}

/** Profiler input specs from resolved shapes and ranges; only call when unprofilableInputs() is empty. */
export function inputSpecs(inputs: readonly ForgeTensorInfo[], r: ResolvedInputs): TensorSpec[] {
  return inputs.map((i) => ({ name: i.name, dtype: i.dtype as ProfileDtype, shape: r.inputShapes[i.name] ?? [], range: r.inputRanges[i.name] }));
}
