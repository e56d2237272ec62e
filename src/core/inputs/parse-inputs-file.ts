import { InputsError } from './inputs-error.js';
import type { NumericArray } from './numeric-array.js';
import { parseJsonInputs } from './parse-json-inputs.js';
import { parseNpy } from './parse-npy.js';
import { parseNpz } from './parse-npz.js';

/**
 * A user's samples file, parsed but not yet matched to the model (resolveInputs does that).
 * - `stacked`: one array per input name; an array with one more dimension than the model input
 *   holds N samples along its first axis (npz, a JSON object)
 * - `unnamed`: a .npy file's single array, for the model's one input left without --input-value
 * - `samples`: one object per sample (a JSON array of objects)
 */
export interface InputsFile {
  file: string;
  stacked?: Record<string, NumericArray>;
  unnamed?: NumericArray;
  samples?: Record<string, NumericArray>[];
}

/** Parse by content (npy magic, zip magic) and then by extension; `file` names it in messages. */
export function parseInputsFile(file: string, bytes: Uint8Array): InputsFile {
  const base = file.split(/[\\/]/).pop() ?? file;
  if (bytes[0] === 0x93 && bytes[1] === 0x4e) return { file, unnamed: parseNpy(bytes, base) };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return { file, stacked: parseNpz(bytes, base) };
  if (/\.(npy|npz)$/i.test(base)) throw new InputsError(`${base}: not a .npy/.npz file (wrong magic bytes)`, 'save it with numpy.save / numpy.savez');
  const text = new TextDecoder().decode(bytes);
  if (!/\.json$/i.test(base) && !/^\s*[[{]/.test(text)) {
    throw new InputsError(`${base}: unknown inputs file type`, 'give a .npy (one input), .npz (inputs by name) or .json ({ "name": nested array }) file');
  }
  const parsed = parseJsonInputs(text, base);
  return 'samples' in parsed ? { file, samples: parsed.samples } : { file, stacked: parsed.stacked };
}
