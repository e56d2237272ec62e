/**
 * Linear quantisation of weights: real ≈ scale × (q − zeroPoint), per tensor or per channel
 * along one axis. Symmetric int8 keeps zeroPoint 0 (range ±127, so −128 is never used and
 * q = −q' stays representable); asymmetric uint8 fits [min, max] ∪ {0} into 0..255.
 */

export interface QuantizedInt8 {
  q: Int8Array;
  /** one per channel (per-channel) or a single value */
  scales: Float32Array;
}

export interface QuantizedUint8 {
  q: Uint8Array;
  scales: Float32Array;
  zeroPoints: Uint8Array;
}

/** ONNX QuantizeLinear rounds half to even; weights quantised here round the same way. */
export function roundHalfToEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Channel of element i for a tensor of `dims` split along `axis` (undefined: one channel). */
function channelIndexer(dims: readonly number[], axis: number | undefined): { channels: number; channelOf: (i: number) => number } {
  if (axis === undefined) return { channels: 1, channelOf: () => 0 };
  const channels = dims[axis]!;
  const inner = dims.slice(axis + 1).reduce((a, d) => a * d, 1);
  return { channels, channelOf: (i) => Math.floor(i / inner) % channels };
}

export function quantizeSymmetricInt8(w: Float32Array, dims: readonly number[], axis: number | undefined): QuantizedInt8 {
  const { channels, channelOf } = channelIndexer(dims, axis);
  const maxAbs = new Float32Array(channels);
  for (let i = 0; i < w.length; i++) {
    const c = channelOf(i);
    maxAbs[c] = Math.max(maxAbs[c]!, Math.abs(w[i]!));
  }
  // an all-zero channel gets scale 1 so dequantisation never divides by zero
  const scales = Float32Array.from(maxAbs, (m) => (m > 0 ? m / 127 : 1));
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.max(-127, Math.min(127, roundHalfToEven(w[i]! / scales[channelOf(i)]!)));
  return { q, scales };
}

/** Scale and zero point mapping [lo, hi] (widened to include 0) onto 0..255. */
export function uint8Params(lo: number, hi: number): { scale: number; zeroPoint: number } {
  const min = Math.min(0, lo);
  const max = Math.max(0, hi);
  if (max === min) return { scale: 1, zeroPoint: 0 };
  const scale = Math.fround((max - min) / 255);
  const zeroPoint = Math.max(0, Math.min(255, roundHalfToEven(-min / scale)));
  return { scale, zeroPoint };
}

export function quantizeAsymmetricUint8(w: Float32Array, dims: readonly number[], axis: number | undefined): QuantizedUint8 {
  const { channels, channelOf } = channelIndexer(dims, axis);
  const lo = new Float32Array(channels);
  const hi = new Float32Array(channels);
  for (let i = 0; i < w.length; i++) {
    const c = channelOf(i);
    lo[c] = Math.min(lo[c]!, w[i]!);
    hi[c] = Math.max(hi[c]!, w[i]!);
  }
  const params = Array.from({ length: channels }, (_, c) => uint8Params(lo[c]!, hi[c]!));
  const scales = Float32Array.from(params, (p) => p.scale);
  const zeroPoints = Uint8Array.from(params, (p) => p.zeroPoint);
  const q = new Uint8Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const c = channelOf(i);
    q[i] = Math.max(0, Math.min(255, roundHalfToEven(w[i]! / scales[c]!) + zeroPoints[c]!));
  }
  return { q, scales, zeroPoints };
}

/** Bias as int32 in the accumulator's scale (inputScale × weightScale per channel), as QDQ Conv/Gemm expect. */
export function quantizeBiasInt32(bias: Float32Array, inputScale: number, weightScales: Float32Array): { q: Int32Array; scales: Float32Array } {
  const scales = Float32Array.from(bias, (_, c) => inputScale * weightScales[weightScales.length === 1 ? 0 : c]!);
  const q = Int32Array.from(bias, (b, c) => {
    const s = scales[c]!;
    return s > 0 ? Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, roundHalfToEven(b / s))) : 0;
  });
  return { q, scales };
}

/** Row-major [rows, cols] → [cols, rows]. */
export function transpose2d(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c]!;
  return out;
}
