import { describe, expect, it } from 'vitest';
import { decodeSamples, encodeSamples } from './sample-transport.js';

describe('sample transport (Node → page)', () => {
  it('gives back every value exactly, int64 beyond 2^53 included, in the specs’ dtypes', () => {
    const specs = [
      { name: 'x', dtype: 'float32' as const, shape: [3] },
      { name: 'sr', dtype: 'int64' as const, shape: [] },
      { name: 'mask', dtype: 'bool' as const, shape: [2] },
    ];
    const samples = [[Float32Array.of(0.1, -32768, Number.NaN), BigInt64Array.of(2n ** 60n + 1n), Uint8Array.of(1, 0)]];
    const back = decodeSamples(JSON.parse(JSON.stringify(encodeSamples(samples))) as string[][], specs);
    expect(back[0]![0]).toEqual(samples[0]![0]);
    expect(back[0]![1]).toBeInstanceOf(BigInt64Array);
    expect((back[0]![1] as BigInt64Array)[0]).toBe(2n ** 60n + 1n);
    expect(Array.from(back[0]![2] as Uint8Array)).toEqual([1, 0]);
  });

  it('refuses a sample with more tensors than the model has inputs', () => {
    expect(() => decodeSamples([['AAAAAA==', 'AAAAAA==']], [{ name: 'x', dtype: 'float32', shape: [1] }])).toThrow(/2 tensors, the model 1 inputs/);
  });
});
