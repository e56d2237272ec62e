/**
 * IEEE 754 binary16 conversion (round to nearest, ties to even), as bit patterns in a
 * Uint16Array, which is how src/onnx stores FLOAT16 tensors. Math.f16round is not in Node 20.
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Largest finite fp16 value. */
export const FP16_MAX = 65504;

export function toFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // Inf / NaN
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow → Inf
  if (e <= 0) {
    if (e < -10) return sign; // underflows to ±0
    mant |= 0x800000; // implicit leading 1
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rem = mant & ((1 << shift) - 1);
    let m = mant >>> shift;
    if (rem > half || (rem === half && (m & 1) === 1)) m++;
    return sign | m; // a carry into the exponent field is the correct smallest normal
  }
  let out = sign | (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (out & 1) === 1)) out++; // may carry into exponent / Inf: correct
  return out;
}

export function fromFloat16Bits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** fp32 values → fp16 bits; values beyond ±65504 are clamped (not turned into Inf) and counted. */
export function float32ToFloat16(data: Float32Array): { bits: Uint16Array; clamped: number } {
  const bits = new Uint16Array(data.length);
  let clamped = 0;
  for (let i = 0; i < data.length; i++) {
    let v = data[i]!;
    if (v > FP16_MAX) (v = FP16_MAX), clamped++;
    else if (v < -FP16_MAX) (v = -FP16_MAX), clamped++;
    bits[i] = toFloat16Bits(v);
  }
  return { bits, clamped };
}
