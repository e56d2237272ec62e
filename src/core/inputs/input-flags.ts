import { InputsError } from './inputs-error.js';

/**
 * The input flags `edgewatt forge` and `edgewatt bench` share, parsed but not yet checked
 * against a model (resolveInputs does that, and names the model's inputs when a name is wrong).
 */
export interface InputFlags {
  /** --inputs FILE: .npy, .npz or .json samples (read it, then parseInputsFile) */
  inputsFile?: string;
  /** --input-shape NAME=1x512 (or 1,512): concrete shape for an input with open dims */
  shapes: Record<string, number[]>;
  /** --input-range NAME=LO,HI: seeded values drawn from [LO, HI] (integers inclusive) */
  ranges: Record<string, [number, number]>;
  /** --input-value NAME=V: every element V (a sample rate, a length, a flag; true/false = 1/0) */
  values: Record<string, number>;
}

export const INPUT_FLAGS = ['--inputs', '--input-shape', '--input-range', '--input-value'] as const;
export type InputFlag = (typeof INPUT_FLAGS)[number];

export const INPUT_FLAGS_HELP = `  --inputs <file>              real samples: .npy (one input), .npz (arrays named after the inputs)
                               or .json ({"name": nested array} or a list of such objects).
                               An array with one more dimension than the model input holds N
                               samples along its first axis
  --input-shape <name=1x512>   concrete shape of an input with open dims (repeatable; x or , between dims)
  --input-range <name=lo,hi>   draw seeded values of an input from [lo, hi] (repeatable), e.g. x=-32768,32767
  --input-value <name=v>       set every element of an input to v (repeatable): sample rates, lengths, flags.
                               Integer inputs with one element need one; integer tensors without a
                               range get [0, 99] and a warning`;

export function emptyInputFlags(): InputFlags {
  return { shapes: {}, ranges: {}, values: {} };
}

export function isInputFlag(arg: string): arg is InputFlag {
  return (INPUT_FLAGS as readonly string[]).includes(arg);
}

/** Apply one `--flag value` pair to `flags`; throws InputsError (exit 2) with a hint on bad text. */
export function applyInputFlag(flags: InputFlags, flag: InputFlag, value: string): InputFlags {
  if (flag === '--inputs') {
    if (flags.inputsFile !== undefined) throw new InputsError(`--inputs given twice (${flags.inputsFile}, ${value})`, 'put all inputs in one .npz or .json file');
    if (value.trim() === '') throw new InputsError('--inputs needs a file', 'e.g. --inputs windows.npz');
    flags.inputsFile = value;
    return flags;
  }
  const [name, rhs] = splitNamed(flag, value);
  if (flag === '--input-shape') flags.shapes[name] = parseShape(name, rhs);
  else if (flag === '--input-range') flags.ranges[name] = parseRange(name, rhs);
  else flags.values[name] = parseValue(name, rhs);
  return flags;
}

/** All pairs at once, e.g. from a parsed argv or a suite file. */
export function parseInputFlags(pairs: Iterable<readonly [InputFlag, string]>): InputFlags {
  const flags = emptyInputFlags();
  for (const [f, v] of pairs) applyInputFlag(flags, f, v);
  return flags;
}

// the last '=' splits: input names may contain ':' or '/', values never contain '='
function splitNamed(flag: string, value: string): [string, string] {
  const at = value.lastIndexOf('=');
  const example = flag === '--input-shape' ? 'x=1x3x224x224' : flag === '--input-range' ? 'x=-32768,32767' : 'sample_rate=16000';
  if (at <= 0 || at === value.length - 1) throw new InputsError(`${flag} wants name=…, got "${value}"`, `e.g. ${flag} ${example}`);
  return [value.slice(0, at).trim(), value.slice(at + 1).trim()];
}

function parseShape(name: string, text: string): number[] {
  const dims = text.split(/[x,×]/).map((s) => s.trim());
  const shape = dims.map(Number);
  if (dims.some((d) => d === '') || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new InputsError(`--input-shape ${name}=${text}: dims must be positive whole numbers`, `e.g. --input-shape ${name}=1x512 (or 1,512)`, name);
  }
  return shape;
}

function parseRange(name: string, text: string): [number, number] {
  const parts = text.split(',').map((s) => s.trim());
  const [lo, hi] = parts.map(Number);
  if (parts.length !== 2 || parts.some((p) => p === '') || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new InputsError(`--input-range ${name}=${text}: expected two numbers lo,hi`, `e.g. --input-range ${name}=-32768,32767`, name);
  }
  if (lo! >= hi!) throw new InputsError(`--input-range ${name}=${text}: lo (${lo}) must be below hi (${hi})`, `for one fixed value use --input-value ${name}=${lo}`, name);
  return [lo!, hi!];
}

function parseValue(name: string, text: string): number {
  const v = text === 'true' ? 1 : text === 'false' ? 0 : Number(text);
  if (text === '' || !Number.isFinite(v)) throw new InputsError(`--input-value ${name}=${text}: not a number`, `e.g. --input-value ${name}=16000 (true/false for bool inputs)`, name);
  return v;
}
