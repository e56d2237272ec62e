import type { InputArray, InputDtype } from '../seeded-inputs.js';
import { VALUE_LIMITS } from '../seeded-inputs.js';
import { InputsError } from './inputs-error.js';

/**
 * A user's array as read from a file, before it is matched to a model input: its kind (what its
 * values are: floats, signed/unsigned integers, booleans; JSON numbers are 'number', judged per
 * value), its shape and its values in row-major order. 64-bit integers stay bigint arrays so
 * token ids above 2^53 are not rounded on the way in.
 */
export interface NumericArray {
  /** where it came from, for messages: e.g. 'x.npy (<f4)' or 'inputs.json' */
  origin: string;
  kind: 'float' | 'int' | 'uint' | 'bool' | 'number';
  shape: number[];
  data: ArrayLike<number> | BigInt64Array | BigUint64Array;
}

export function elementCountOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Elements [start, start + count) as an array of the same kind (sample i of a stacked array). */
export function sliceArray(a: NumericArray, start: number, count: number, shape: number[]): NumericArray {
  const d = a.data;
  const data = ArrayBuffer.isView(d) ? (d as unknown as { subarray(s: number, e: number): NumericArray['data'] }).subarray(start, start + count) : Array.prototype.slice.call(d, start, start + count);
  return { ...a, shape, data };
}

/**
 * The values converted to the model input's dtype. Refused when the conversion would change
 * values silently: a float file for an integer or bool input (saved with the wrong dtype, or
 * not the tensor meant), integers that do not fit the target, or integers beyond float32's
 * exact range (2^24) for a float input. float64 → float32 rounding is accepted: it is how
 * every runtime takes float64 data.
 */
export function toInputArray(a: NumericArray, dtype: InputDtype, input: string): InputArray {
  const n = a.data.length;
  const what = `input "${input}" (${dtype}) from ${a.origin}`;
  const isBig = a.data instanceof BigInt64Array || a.data instanceof BigUint64Array;
  if (dtype !== 'float32' && a.kind === 'float') {
    throw new InputsError(`${what}: the file holds floating-point values, the model wants ${dtype}`, `save the array as ${dtype === 'bool' ? 'bool' : dtype} (e.g. numpy: x.astype(np.${dtype === 'bool' ? 'bool_' : dtype})), or check that this is the tensor meant`, input);
  }
  const [lo, hi] = VALUE_LIMITS[dtype];
  const exactFloatLimit = 2 ** 24;
  const bad = (i: number, v: number | bigint, why: string) =>
    new InputsError(`${what}: value ${String(v)} at element ${i} ${why}`, dtype === 'float32' ? 'scale the data, or give the model an input type that holds it' : `give values in [${lo}, ${hi}]${dtype === 'bool' ? ' (false/true as 0/1)' : ''}`, input);
  if (dtype === 'int64') {
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      const v = a.data[i] as number | bigint;
      if (typeof v === 'bigint') {
        if (v > 0x7fffffffffffffffn) throw bad(i, v, 'does not fit int64');
        out[i] = v;
      } else {
        if (!Number.isInteger(v)) throw bad(i, v, 'is not a whole number');
        if (!Number.isSafeInteger(v)) throw bad(i, v, 'is beyond 2^53 and lost precision in the file; store it as an int64 array');
        out[i] = BigInt(v);
      }
    }
    return out;
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const raw = a.data[i] as number | bigint;
    const v = Number(raw);
    if (dtype === 'float32') {
      if ((isBig || a.kind === 'int' || a.kind === 'uint') && Math.abs(v) > exactFloatLimit) throw bad(i, raw, `is an integer beyond ±2^24, which float32 cannot hold exactly`);
      if (Number.isFinite(v) && Math.abs(v) > hi) throw bad(i, raw, 'overflows float32');
    } else {
      if (!Number.isInteger(v)) throw bad(i, raw, 'is not a whole number');
      if (v < lo || v > hi) throw bad(i, raw, `does not fit ${dtype}`);
    }
    values[i] = v;
  }
  switch (dtype) {
    case 'float32':
      return Float32Array.from(values);
    case 'int32':
      return Int32Array.from(values);
    case 'uint8':
    case 'bool':
      return Uint8Array.from(values);
  }
}
