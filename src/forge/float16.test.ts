import { describe, expect, it } from 'vitest';
import { float32ToFloat16, fromFloat16Bits, toFloat16Bits } from './float16.js';
import { quantizeAsymmetricUint8, quantizeSymmetricInt8, roundHalfToEven, uint8Params } from './quantize-math.js';

describe('fp16 conversion', () => {
  it.each([
    [1, 0x3c00],
    [-2, 0xc000],
    [65504, 0x7bff],
    [0.1, 0x2e66],
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -14, 0x0400], // smallest normal
    [1 + 2 ** -11, 0x3c00], // tie → even mantissa
    [1 + 3 * 2 ** -11, 0x3c02], // tie → even (rounds up)
    [70000, 0x7c00], // overflow → Inf
    [-0, 0x8000],
  ])('%f ↔ 0x%s', (value, bits) => {
    expect(toFloat16Bits(value)).toBe(bits);
    if (Number.isFinite(fromFloat16Bits(bits)) && value !== 70000) expect(Math.abs(fromFloat16Bits(bits) - value)).toBeLessThanOrEqual(Math.abs(value) * 2 ** -11);
  });

  it('clamps weights beyond ±65504 instead of turning them into Inf, and counts them', () => {
    const { bits, clamped } = float32ToFloat16(Float32Array.of(1e6, -1e6, 3));
    expect(Array.from(bits)).toEqual([0x7bff, 0xfbff, 0x4200]);
    expect(clamped).toBe(2);
  });
});

describe('int8 quantisation math', () => {
  it('rounds half to even like ONNX QuantizeLinear', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4].map(roundHalfToEven)).toEqual([0, 2, 2, -0, -2, 2]);
  });

  it('symmetric int8 per channel: the largest |w| of each channel maps to ±127', () => {
    const w = Float32Array.of(1, -2, 0.5, 10, -5, 0); // [2, 3], channels along axis 0
    const q = quantizeSymmetricInt8(w, [2, 3], 0);
    expect(Array.from(q.scales)).toEqual([Math.fround(2 / 127), Math.fround(10 / 127)]);
    expect(Array.from(q.q)).toEqual([64, -127, 32, 127, -64, 0]);
  });

  it('asymmetric uint8 keeps 0 exactly representable', () => {
    const { scale, zeroPoint } = uint8Params(-1, 3);
    expect(scale).toBeCloseTo(4 / 255, 7);
    const w = Float32Array.of(0, -1, 3, 0.7);
    const q = quantizeAsymmetricUint8(w, [4], undefined);
    expect(q.q[0]).toBe(zeroPoint); // 0 dequantises to exactly 0
    // every value comes back within half a step
    w.forEach((v, i) => expect(Math.abs((q.q[i]! - q.zeroPoints[0]!) * q.scales[0]! - v)).toBeLessThanOrEqual(scale / 2 + 1e-7));
  });
});
