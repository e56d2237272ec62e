import type * as tf from '@tensorflow/tfjs';
import { float32ToFloat16, fromFloat16Bits } from '../forge/float16.js';

/**
 * TF.js weight storage, read and written the way tfjs-core's io decoder (io_utils decodeWeights)
 * reads it: values back to back in manifest order, little-endian; a `quantization` entry stores
 * uint8/uint16 codes decoded as code × scale + min, or IEEE half floats decoded to float32.
 */

export type StoredDtype = 'float32' | 'int32' | 'bool' | 'uint8' | 'uint16' | 'float16';

const BYTES: Readonly<Record<StoredDtype, number>> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** How the entry's values are stored in the file (the quantisation dtype when there is one). */
export function storedDtype(e: tf.io.WeightsManifestEntry): StoredDtype {
  return e.quantization?.dtype ?? (e.dtype as StoredDtype);
}

export function weightByteLength(e: tf.io.WeightsManifestEntry): number {
  return elementCount(e.shape) * BYTES[storedDtype(e)];
}

/** Each entry with its byte range in the concatenated weight data. */
export function weightSlices(entries: readonly tf.io.WeightsManifestEntry[]): { entry: tf.io.WeightsManifestEntry; offset: number; length: number }[] {
  let offset = 0;
  return entries.map((entry) => {
    const length = weightByteLength(entry);
    const slice = { entry, offset, length };
    offset += length;
    return slice;
  });
}

export type WeightValues = Float32Array | Int32Array | Uint8Array;

/** The values TF.js would load for this entry (float32 for float weights, int32, or bool as 0/1). */
export function decodeWeightValues(e: tf.io.WeightsManifestEntry, bytes: Uint8Array): WeightValues {
  const n = elementCount(e.shape);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const q = e.quantization;
  if (q?.dtype === 'float16') {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = fromFloat16Bits(view.getUint16(2 * i, true));
    return out;
  }
  if (q) {
    const scale = q.scale ?? 1;
    const min = q.min ?? 0;
    const out = e.dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const code = q.dtype === 'uint8' ? view.getUint8(i) : view.getUint16(2 * i, true);
      // TF.js rounds dequantised int32 weights and stores float ones as float32
      out[i] = e.dtype === 'int32' ? Math.round(code * scale + min) : code * scale + min;
    }
    return out;
  }
  if (e.dtype === 'float32') {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
    return out;
  }
  if (e.dtype === 'int32') {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getInt32(4 * i, true);
    return out;
  }
  return bytes.slice(0, n);
}

/** Raw (unquantised) storage of decoded values. */
export function encodeRaw(values: WeightValues): Uint8Array {
  const out = new Uint8Array(values.length * values.BYTES_PER_ELEMENT);
  const view = new DataView(out.buffer);
  if (values instanceof Uint8Array) out.set(values);
  else if (values instanceof Int32Array) values.forEach((v, i) => view.setInt32(4 * i, v, true));
  else values.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return out;
}

export interface AffineCodes {
  bytes: Uint8Array;
  scale: number;
  min: number;
}

/**
 * Affine uint8/uint16 codes as tensorflowjs_converter makes them (its documented quantization:
 * per tensor, scale = (max − min) / (2^bits − 1), the range nudged so that 0 is a code whenever
 * min ≤ 0 ≤ max, values clipped to the nudged range). A constant tensor becomes all-zero codes
 * with scale 1 and min = the value, which decodes exactly. Values must be finite.
 * Decoded error ≤ scale / 2 (before TF.js rounds the decoded value to float32).
 */
export function encodeAffine(values: Float32Array, dtype: 'uint8' | 'uint16'): AffineCodes {
  const qmax = dtype === 'uint8' ? 255 : 65535;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const width = dtype === 'uint8' ? 1 : 2;
  const bytes = new Uint8Array(values.length * width);
  if (values.length === 0) return { bytes, scale: 1, min: 0 };
  if (lo === hi) return { bytes, scale: 1, min: lo };
  const scale = (hi - lo) / qmax;
  let min = lo;
  if (lo <= 0 && hi >= 0) min = -Math.round(-lo / scale) * scale;
  const max = min + qmax * scale;
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = Math.min(max, Math.max(min, values[i] as number));
    const code = Math.min(qmax, Math.max(0, Math.round((v - min) / scale)));
    if (width === 1) bytes[i] = code;
    else view.setUint16(2 * i, code, true);
  }
  return { bytes, scale, min };
}

/** IEEE half floats (round to nearest even, via src/forge/float16.ts); values beyond ±65504 are clamped and counted. */
export function encodeFloat16(values: Float32Array): { bytes: Uint8Array; clamped: number } {
  const { bits, clamped } = float32ToFloat16(values);
  const bytes = new Uint8Array(bits.length * 2);
  const view = new DataView(bytes.buffer);
  bits.forEach((b, i) => view.setUint16(2 * i, b, true));
  return { bytes, clamped };
}
