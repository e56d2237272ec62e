import { describe, expect, it } from 'vitest';
import type { TensorSpec } from './cell.js';
import { makeInput, makeInputSet } from './seeded-inputs.js';

const image = { name: 'x', shape: [1, 3, 8, 8], dtype: 'float32' } satisfies TensorSpec;

describe('makeInput', () => {
  it('fills the spec’s element count with the spec’s dtype', () => {
    expect(makeInput(image, 1, 0)).toBeInstanceOf(Float32Array);
    expect(makeInput(image, 1, 0).length).toBe(192);
    expect(makeInput({ name: 'ids', shape: [2, 5], dtype: 'int64' }, 1, 0)).toBeInstanceOf(BigInt64Array);
    expect(makeInput({ name: 'ids', shape: [2, 5], dtype: 'int32' }, 1, 0)).toBeInstanceOf(Int32Array);
    expect(makeInput({ name: 'px', shape: [4], dtype: 'uint8' }, 1, 0)).toBeInstanceOf(Uint8Array);
  });

  it('stays within the range, defaulting to [-1, 1] for floats, and spreads across it', () => {
    const x = makeInput({ ...image, shape: [10_000] }, 5, 0);
    const min = Math.min(...x);
    const max = Math.max(...x);
    expect(min).toBeGreaterThanOrEqual(-1);
    expect(max).toBeLessThanOrEqual(1);
    expect(min).toBeLessThan(-0.99);
    expect(max).toBeGreaterThan(0.99);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);

    const ids = makeInput({ name: 'ids', shape: [5000], dtype: 'int64', range: [3, 7] }, 5, 0);
    const seen = new Set(Array.from(ids, Number));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('is deterministic for (seed, index, name) and differs when any of them changes', () => {
    const a = makeInput(image, 7, 0);
    expect(makeInput(image, 7, 0)).toEqual(a);
    expect(makeInput(image, 8, 0)).not.toEqual(a);
    expect(makeInput(image, 7, 1)).not.toEqual(a);
    expect(makeInput({ ...image, name: 'y' }, 7, 0)).not.toEqual(a);
  });

  it('keeps the same bytes across releases and platforms (stored fidelity references depend on them)', () => {
    // a golden fingerprint on purpose: if this changes, every stored reference output was computed
    // on other inputs. The browser e2e can assert the same bytes to prove Node/browser agreement.
    const x = makeInput({ name: 'x', shape: [4], dtype: 'float32' }, 1234, 0);
    expect(Buffer.from(x.buffer).toString('hex')).toBe('b7364c3f47210e3f68e0d43e809a0cbf');
  });

  it('never returns all zeros, even for one-element tensors with a zero in range', () => {
    for (let seed = 0; seed < 200; seed++) {
      const v = makeInput({ name: 'b', shape: [1], dtype: 'uint8', range: [0, 1] }, seed, 0);
      expect(v[0]).not.toBe(0);
      const w = makeInput({ name: 'b', shape: [1], dtype: 'int64', range: [-1, 0] }, seed, 0);
      expect(w[0]).not.toBe(0n);
    }
  });

  it('rejects specs that cannot give realistic non-zero inputs', () => {
    expect(() => makeInput({ ...image, range: [0, 0] }, 1, 0)).toThrow(/range/);
    expect(() => makeInput({ ...image, range: [1, -1] }, 1, 0)).toThrow(/low < high/);
    expect(() => makeInput({ name: 'i', shape: [2], dtype: 'int32', range: [0, 0] }, 1, 0)).toThrow(/all zeros/);
    expect(() => makeInput({ name: 'i', shape: [2], dtype: 'int32', range: [0.5, 3] }, 1, 0)).toThrow(/integer bounds/);
    expect(() => makeInput({ name: 'p', shape: [2], dtype: 'uint8', range: [0, 300] }, 1, 0)).toThrow(/\[0, 255\]/);
    expect(() => makeInput({ ...image, shape: [1, -1] }, 1, 0)).toThrow(/dynamic dimensions/);
    expect(() => makeInput({ ...image, shape: [65536, 65536] }, 1, 0)).toThrow(/smaller input shape/);
  });
});

describe('makeInputSet', () => {
  it('gives count feeds in spec order, feed i equal to makeInput(spec, seed, i)', () => {
    const mask: TensorSpec = { name: 'mask', shape: [1, 8], dtype: 'int64', range: [0, 1] };
    const set = makeInputSet([image, mask], 3, 2);
    expect(set).toHaveLength(2);
    expect(set[1]?.[0]).toEqual(makeInput(image, 3, 1));
    expect(set[1]?.[1]).toEqual(makeInput(mask, 3, 1));
    expect(set[1]?.[1]).toBeInstanceOf(BigInt64Array);
    expect(set[0]?.[0]).not.toEqual(set[1]?.[0]);
  });

  it('rejects duplicate names and empty sets', () => {
    expect(() => makeInputSet([image, image], 1, 1)).toThrow(/unique/);
    expect(() => makeInputSet([image], 1, 0)).toThrow(/positive integer/);
  });
});

describe('set values and bool inputs', () => {
  it('fills a tensor with its value (zero included) and draws bools as 0/1', () => {
    expect(makeInput({ name: 'sr', dtype: 'int64', shape: [], value: 16000 }, 1, 0)).toEqual(new BigInt64Array([16000n]));
    expect(makeInput({ name: 'off', dtype: 'float32', shape: [2], value: 0 }, 1, 0)).toEqual(new Float32Array([0, 0]));
    const mask = makeInput({ name: 'm', dtype: 'bool', shape: [64] }, 1, 0);
    expect(mask.every((v) => v === 0 || v === 1) && mask.some((v) => v === 1)).toBe(true);
    expect(() => makeInput({ name: 'sr', dtype: 'int32', shape: [1], value: 1.5 }, 1, 0)).toThrow(/input "sr" \(int32\) has value 1\.5: integer and bool inputs need a whole-number value/);
  });
});
