import type { InputFlags } from '../bench/bench-args.js';
import { UsageError } from '../bench/exit-codes.js';
import { applyInputFlag, emptyInputFlags, type InputFlag, type InputFlags as ParsedInputFlags } from '../core/inputs/input-flags.js';
import { isInputsError } from '../core/inputs/inputs-error.js';
import type { InputsFile } from '../core/inputs/parse-inputs-file.js';
import { type ResolvedInputs, resolveInputs } from '../core/inputs/resolve-inputs.js';
import type { ModelFile } from './model-file.js';

/** A model file's inputs: concrete specs (range or value in each), source, the user's samples, notes and warnings. */
export type FileInputs = ResolvedInputs;

/** The raw flags parsed (a malformed one is a usage error naming it). */
function parsed(flags: InputFlags): ParsedInputFlags {
  const out = emptyInputFlags();
  const apply = (flag: InputFlag, raw: readonly string[]) => raw.forEach((r) => applyInputFlag(out, flag, r));
  try {
    apply('--input-shape', flags.shapes);
    apply('--input-range', flags.ranges);
    apply('--input-value', flags.values);
  } catch (err) {
    throw isInputsError(err) ? new UsageError(err.message, err.hint) : err;
  }
  return out;
}

/** Flags name inputs of any of the files; a name no file has is a mistake (a typo), said once. */
export function checkInputNames(files: readonly ModelFile[], flags: InputFlags): void {
  const names = new Set(files.flatMap((f) => f.inputs.map((i) => i.name)));
  const p = parsed(flags);
  for (const [flag, given] of [['--input-shape', p.shapes], ['--input-range', p.ranges], ['--input-value', p.values]] as const) {
    for (const k of Object.keys(given)) if (!names.has(k)) throw new UsageError(`${flag}: no model has an input "${k}"`, `the inputs are ${[...names].join(', ')}`);
  }
}

/**
 * The inputs of one model file by the shared rules (src/core/inputs): flags that name another
 * file's inputs are left to that file; `samples` is the parsed --inputs file, if any (read it
 * with loadInputOptions / parseInputsFile). A problem is a usage error (exit 2) naming the file.
 */
export function resolveFileInputs(f: ModelFile, flags: InputFlags, samples?: InputsFile): FileInputs {
  const p = parsed(flags);
  const own = new Set(f.inputs.map((i) => i.name));
  const mine = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).filter(([n]) => own.has(n)));
  try {
    return resolveInputs(f.inputs, { shapes: mine(p.shapes), ranges: mine(p.ranges), values: mine(p.values), ...(samples ? { file: samples } : {}) });
  } catch (err) {
    throw isInputsError(err) ? new UsageError(`${f.fileName}: ${err.message}`, err.hint) : err;
  }
}
