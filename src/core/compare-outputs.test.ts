import { describe, expect, it } from 'vitest';
import { compareOutputs, DEFAULT_TOLERANCE, toleranceForVariant } from './compare-outputs.js';
import { fidelitySchema } from './result-schema.js';
import { seededRandom } from './seeded-random.js';

const reference = { runtime: 'ort', backend: 'wasm', variant: 'fp32' } as const;
const fp32 = { reference, tolerance: DEFAULT_TOLERANCE.fp32 };

function logits(seed: number, n: number): Float32Array {
  const rng = seededRandom(seed);
  return Float32Array.from({ length: n }, () => rng.normal() * 3);
}
function perturb(v: Float32Array, relNoise: number, seed: number): Float32Array {
  const rng = seededRandom(seed);
  const scale = Math.max(...v.map(Math.abs));
  return v.map((x) => x + relNoise * scale * rng.uniform(-1, 1));
}

describe('compareOutputs', () => {
  it('passes identical outputs with zero error, cosine 1 and full top-1 agreement', () => {
    const ref = [[logits(1, 10)], [logits(2, 10)]];
    const f = compareOutputs(ref, ref.map((o) => o.map((t) => t.slice())), fp32);
    expect(fidelitySchema.parse(f)).toMatchObject({ state: 'compared', inputs: 2 });
    expect(f).toMatchObject({ maxAbsError: 0, maxRelError: 0, cosineSimilarity: 1, top1Agreement: 1, pass: true, nonFiniteValues: 0 });
  });

  it('measures abs and relative error against the reference’s largest magnitude', () => {
    const ref = [[Float32Array.of(4, -8, 2)]];
    const cand = [[Float32Array.of(4.5, -8, 2)]];
    const f = compareOutputs(ref, cand, fp32);
    expect(f.maxAbsError).toBeCloseTo(0.5, 7);
    expect(f.maxRelError).toBeCloseTo(0.5 / 8, 7);
    expect(f.pass).toBe(false);
  });

  it('accepts fp16-sized noise under the fp16 tolerance but not under fp32', () => {
    const ref = [[logits(3, 1000)], [logits(4, 1000)]];
    const cand = ref.map(([t], i) => [perturb(t as Float32Array, 2e-3, 10 + i)]);
    expect(compareOutputs(ref, cand, { reference, tolerance: DEFAULT_TOLERANCE.fp16 }).pass).toBe(true);
    expect(compareOutputs(ref, cand, fp32).pass).toBe(false);
  });

  it('fails a silently wrong result (unrelated values of the same shape) even under int8 tolerance', () => {
    const ref = [[logits(5, 1000)], [logits(6, 1000)], [logits(7, 1000)]];
    const wrong = [[logits(8, 1000)], [logits(9, 1000)], [logits(10, 1000)]];
    const f = compareOutputs(ref, wrong, { reference, tolerance: DEFAULT_TOLERANCE.int8 });
    expect(f.cosineSimilarity).toBeLessThan(0.5);
    expect(f.top1Agreement).toBeLessThan(1);
    expect(f.pass).toBe(false);
  });

  it('counts top-1 agreement per input', () => {
    const ref = [[Float32Array.of(0, 1, 0)], [Float32Array.of(1, 0, 0)], [Float32Array.of(0, 0, 1)], [Float32Array.of(0, 1, 0)]];
    const cand = [[Float32Array.of(0, 1, 0)], [Float32Array.of(0, 1, 0)], [Float32Array.of(0, 0, 1)], [Float32Array.of(0, 1, 0)]];
    expect(compareOutputs(ref, cand, fp32).top1Agreement).toBe(0.75);
  });

  it('gives no top-1 figure for multi-output, scalar or non-vector outputs', () => {
    const two = [[logits(1, 4), logits(2, 4)]];
    expect(compareOutputs(two, two, fp32).top1Agreement).toBeNull();
    const scalar = [[Float32Array.of(3)]];
    expect(compareOutputs(scalar, scalar, fp32).top1Agreement).toBeNull();
    const map = [[logits(3, 64)]];
    expect(compareOutputs(map, map, { ...fp32, outputDims: [[1, 1, 8, 8]] }).top1Agreement).toBeNull();
    expect(compareOutputs(map, map, { ...fp32, outputDims: [[1, 64]] }).top1Agreement).toBe(1);
  });

  it('turns NaN or Infinity into a failed comparison with schema-valid figures, not a crash', () => {
    const ref = [[Float32Array.of(1, 2, 3, 4)]];
    const cand = [[Float32Array.of(1, Number.NaN, 3, Number.POSITIVE_INFINITY)]];
    const f = compareOutputs(ref, cand, fp32);
    expect(f.pass).toBe(false);
    expect(f.nonFiniteValues).toBe(2);
    expect(fidelitySchema.safeParse(f).success).toBe(true);
    const allNaN = [[new Float32Array(4).fill(Number.NaN)]];
    const g = compareOutputs(ref, allNaN, fp32);
    expect(g.pass).toBe(false);
    expect(g.top1Agreement).toBe(0);
    expect(fidelitySchema.safeParse(g).success).toBe(true);
  });

  it('fails a non-zero candidate against an all-zero reference with finite figures', () => {
    const f = compareOutputs([[new Float32Array(3)]], [[Float32Array.of(0, 1e-3, 0)]], fp32);
    expect(f.pass).toBe(false);
    expect(fidelitySchema.safeParse(f).success).toBe(true);
    expect(compareOutputs([[new Float32Array(3)]], [[new Float32Array(3)]], fp32).pass).toBe(true);
  });

  it('throws a clear error when the two sides do not line up', () => {
    const a = [[logits(1, 4)]];
    expect(() => compareOutputs(a, [], fp32)).toThrow(/1 reference inputs but 0 candidate/);
    expect(() => compareOutputs(a, [[logits(1, 4), logits(2, 4)]], fp32)).toThrow(/1 outputs but the candidate has 2/);
    expect(() => compareOutputs(a, [[logits(1, 5)]], fp32)).toThrow(/4 values but the candidate has 5/);
    expect(() => compareOutputs([], [], fp32)).toThrow(/no inputs/);
  });
});

describe('toleranceForVariant', () => {
  it('picks the tolerance from the precision in the variant name', () => {
    expect(toleranceForVariant('fp32')).toEqual(DEFAULT_TOLERANCE.fp32);
    expect(toleranceForVariant('fp16')).toEqual(DEFAULT_TOLERANCE.fp16);
    expect(toleranceForVariant('int8-qdq')).toEqual(DEFAULT_TOLERANCE.int8);
    expect(toleranceForVariant('dynamic-quant')).toEqual(DEFAULT_TOLERANCE.int8);
    expect(toleranceForVariant('pruned-50')).toEqual(DEFAULT_TOLERANCE.fp32);
  });

  it('records the fp32 WASM reference when none is named', () => {
    const a = [[Float32Array.of(1, 2)]];
    expect(compareOutputs(a, a, { tolerance: toleranceForVariant('fp16') }).reference).toEqual({ runtime: 'ort', backend: 'wasm', variant: 'fp32' });
  });
});

describe('non-finite outputs by kind', () => {
  it('counts NaN, +Inf and −Inf in the candidate apart', () => {
    const ref = [[Float32Array.of(1, 2, 3, 4)]];
    const cand = [[Float32Array.of(Number.NaN, Infinity, -Infinity, 4)]];
    const c = compareOutputs(ref, cand, { tolerance: { maxRelError: 1, minCosine: -1 } });
    expect(c).toMatchObject({ pass: false, nonFiniteValues: 3, nonFinite: { nan: 1, posInf: 1, negInf: 1, values: 4 } });
  });
});
