import { describe, expect, it } from 'vitest';
import { bigEndian, npyBytes, npzBytes } from './npy-test-writer.js';
import { toInputArray } from './numeric-array.js';
import { parseInputsFile } from './parse-inputs-file.js';
import { parseNpy } from './parse-npy.js';

describe('.npy', () => {
  it('reads little-endian float32 with its shape', () => {
    const a = parseNpy(npyBytes('<f4', [2, 3], new Float32Array([1, 2, 3, 4, 5, 6])), 'x.npy');
    expect(a).toMatchObject({ kind: 'float', shape: [2, 3], origin: 'x.npy (<f4)' });
    expect([...(a.data as Float32Array)]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads big-endian files of every width', () => {
    const f8 = parseNpy(npyBytes('>f8', [3], bigEndian(new Float64Array([0.5, -32767, 1e10]), 8)), 'b.npy');
    expect([...(f8.data as Float64Array)]).toEqual([0.5, -32767, 1e10]);
    const i2 = parseNpy(npyBytes('>i2', [2], bigEndian(new Int16Array([-300, 32767]), 2)), 'b.npy');
    expect([...(i2.data as Int16Array)]).toEqual([-300, 32767]);
    const i8 = parseNpy(npyBytes('>i8', [1], bigEndian(new BigInt64Array([-5n]), 8)), 'b.npy');
    expect([...(i8.data as BigInt64Array)]).toEqual([-5n]);
  });

  it('decodes float16, bool, uint and 0-d (scalar) arrays', () => {
    // 0x3c00 = 1, 0xc000 = −2, 0x7c00 = +Inf, 0x0001 = smallest subnormal
    const f2 = parseNpy(npyBytes('<f2', [4], new Uint16Array([0x3c00, 0xc000, 0x7c00, 0x0001])), 'h.npy');
    expect([...(f2.data as Float32Array)]).toEqual([1, -2, Infinity, Math.fround(2 ** -24)]);
    expect(parseNpy(npyBytes('|b1', [2], new Uint8Array([1, 0])), 'b.npy').kind).toBe('bool');
    expect([...(parseNpy(npyBytes('<u4', [1], new Uint32Array([4e9])), 'u.npy').data as Uint32Array)]).toEqual([4e9]);
    const scalar = parseNpy(npyBytes('<i8', [], new BigInt64Array([16000n])), 'sr.npy');
    expect(scalar.shape).toEqual([]);
    expect(toInputArray(scalar, 'int64', 'sr')).toEqual(new BigInt64Array([16000n]));
  });

  it('reorders Fortran-order data to row-major', () => {
    // [[1, 2, 3], [4, 5, 6]] in column-major order
    const a = parseNpy(npyBytes('<f4', [2, 3], new Float32Array([1, 4, 2, 5, 3, 6]), { fortran: true }), 'f.npy');
    expect([...(a.data as Float32Array)]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses unsupported dtypes and truncated files, naming the file', () => {
    expect(() => parseNpy(npyBytes('<c8', [1], new Float32Array([1, 2])), 'c.npy')).toThrow(/c\.npy: dtype '<c8' is not supported/);
    expect(() => parseNpy(npyBytes('<f4', [4], new Float32Array([1])), 't.npy')).toThrow(/t\.npy: holds 4 data bytes, but shape \(4\).*needs 16/);
    expect(() => parseNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'z.npy')).toThrow(/not a \.npy file/);
  });
});

describe('conversion to the model dtype', () => {
  it('refuses a float file for an int64 input, and lossy integers', () => {
    const f = parseNpy(npyBytes('<f4', [2], new Float32Array([1, 2])), 'ids.npy');
    expect(() => toInputArray(f, 'int64', 'ids')).toThrow(/input "ids" \(int64\) from ids\.npy \(<f4\): the file holds floating-point values, the model wants int64/);
    const big = parseNpy(npyBytes('<i4', [1], new Int32Array([300])), 'u.npy');
    expect(() => toInputArray(big, 'uint8', 'u')).toThrow(/value 300 at element 0 does not fit uint8/);
    const wide = parseNpy(npyBytes('<i4', [1], new Int32Array([2 ** 25 + 1])), 'w.npy');
    expect(() => toInputArray(wide, 'float32', 'x')).toThrow(/beyond ±2\^24/);
    expect(toInputArray(big, 'float32', 'x')).toEqual(new Float32Array([300]));
  });
});

describe('inputs files', () => {
  it('reads .npz (stored and compressed) with arrays named after the inputs', () => {
    for (const compressed of [false, true]) {
      const f = parseInputsFile('in.npz', npzBytes({ x: npyBytes('<f4', [2, 1, 3], new Float32Array(6).fill(7)), sr: npyBytes('<i8', [], new BigInt64Array([8000n])) }, compressed));
      expect(Object.keys(f.stacked!).sort()).toEqual(['sr', 'x']);
      expect(f.stacked!.x!.shape).toEqual([2, 1, 3]);
    }
  });

  it('reads JSON objects and lists of objects, and refuses ragged arrays', () => {
    const one = parseInputsFile('a.json', new TextEncoder().encode('{"x": [[1, 2], [3, 4]], "flag": true}'));
    expect(one.stacked!.x).toMatchObject({ shape: [2, 2], data: [1, 2, 3, 4], kind: 'number' });
    expect(one.stacked!.flag).toMatchObject({ shape: [], data: [1], kind: 'bool' });
    const many = parseInputsFile('b.json', new TextEncoder().encode('[{"x": [1, 2]}, {"x": [3, 4]}]'));
    expect(many.samples!.map((s) => s.x!.data)).toEqual([[1, 2], [3, 4]]);
    expect(() => parseInputsFile('c.json', new TextEncoder().encode('{"x": [[1, 2], [3]]}'))).toThrow(/c\.json\.x\[1\]: ragged array/);
    expect(() => parseInputsFile('d.json', new TextEncoder().encode('{"x": [1, "a"]}'))).toThrow(/"a" is not a number/);
  });
});
