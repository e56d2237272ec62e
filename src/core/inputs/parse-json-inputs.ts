import { InputsError } from './inputs-error.js';
import type { NumericArray } from './numeric-array.js';

/**
 * JSON inputs: `{ "x": [[…]], "sr": 16000 }` (one object, each value a nested array or a number;
 * an array with one more dimension than the model input holds several samples, as in .npy), or
 * `[{ "x": … }, { "x": … }]` (one object per sample). Booleans are read as 0/1.
 */
export type JsonInputs = { stacked: Record<string, NumericArray> } | { samples: Record<string, NumericArray>[] };

export function parseJsonInputs(text: string, origin: string): JsonInputs {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputsError(`${origin}: not valid JSON: ${(err as Error).message}`, 'write { "input name": nested array } or an array of such objects');
  }
  if (Array.isArray(value)) {
    if (value.length === 0) throw new InputsError(`${origin}: the list of samples is empty`, 'give at least one { "input name": nested array } object');
    return { samples: value.map((v, i) => objectOf(v, `${origin}[${i}]`)) };
  }
  return { stacked: objectOf(value, origin) };
}

function objectOf(v: unknown, where: string): Record<string, NumericArray> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new InputsError(`${where}: expected an object { "input name": nested array }`, 'name each input, e.g. { "x": [[0.1, 0.2]] }');
  }
  const out: Record<string, NumericArray> = {};
  for (const [name, nested] of Object.entries(v)) out[name] = flatten(nested, `${where}.${name}`);
  return out;
}

/** A rectangular nested array (or a bare number) → shape + row-major values. */
function flatten(nested: unknown, origin: string): NumericArray {
  const shape: number[] = [];
  for (let x = nested; Array.isArray(x); x = x[0]) {
    if (x.length === 0) throw new InputsError(`${origin}: has an empty dimension`, 'every dimension needs at least one value');
    shape.push(x.length);
  }
  const data: number[] = [];
  let bools = 0;
  const walk = (x: unknown, depth: number, path: string) => {
    if (depth === shape.length) {
      if (typeof x === 'boolean') {
        bools++;
        data.push(x ? 1 : 0);
      } else if (typeof x === 'number') data.push(x);
      else throw new InputsError(`${origin}${path}: ${JSON.stringify(x)} is not a number`, 'inputs hold numbers (or true/false)');
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[depth]) {
      throw new InputsError(`${origin}${path}: ragged array (expected ${shape[depth]} values at depth ${depth})`, 'every row of a dimension must have the same length');
    }
    x.forEach((y, i) => walk(y, depth + 1, `${path}[${i}]`));
  };
  walk(nested, 0, '');
  return { origin, kind: bools === data.length && data.length > 0 ? 'bool' : 'number', shape, data };
}
