import { describe, expect, it } from 'vitest';
import type { DeclaredInput } from './declared-input.js';
import { feedsFor, fidelityInputCount } from './feeds-for.js';
import { applyInputFlag, emptyInputFlags, parseInputFlags } from './input-flags.js';
import { InputsError } from './inputs-error.js';
import { npyBytes, npzBytes } from './npy-test-writer.js';
import { parseInputsFile } from './parse-inputs-file.js';
import { inputOptionsFrom, resolveInputs } from './resolve-inputs.js';

const audio: DeclaredInput[] = [
  { name: 'x', dtype: 'float32', shape: ['batch', 1, 'time'] },
  { name: 'sr', dtype: 'int64', shape: [] },
];
const text: DeclaredInput[] = [
  { name: 'ids', dtype: 'int64', shape: ['batch', 8] },
  { name: 'mask', dtype: 'int64', shape: ['batch', 8] },
];

/** The InputsError thrown, so a test can check both the message and the input it names. */
function errorOf(fn: () => unknown): InputsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputsError) return err;
    throw err;
  }
  throw new Error('no error thrown');
}

describe('input flags', () => {
  it('parses shapes with x or , and ranges with negative bounds', () => {
    const f = parseInputFlags([['--input-shape', 'x=1x1x512'], ['--input-shape', 'y=1,3'], ['--input-range', 'x=-32768,32767'], ['--input-value', 'sr=16000'], ['--input-value', 'flag=true'], ['--inputs', 'a.npz']]);
    expect(f).toEqual({ inputsFile: 'a.npz', shapes: { x: [1, 1, 512], y: [1, 3] }, ranges: { x: [-32768, 32767] }, values: { sr: 16000, flag: 1 } });
  });

  it('refuses a range with lo ≥ hi and bad dims, naming the input', () => {
    expect(errorOf(() => applyInputFlag(emptyInputFlags(), '--input-range', 'x=1,1'))).toMatchObject({ input: 'x', message: expect.stringMatching(/lo \(1\) must be below hi \(1\)/), hint: expect.stringMatching(/--input-value x=1/) });
    expect(errorOf(() => applyInputFlag(emptyInputFlags(), '--input-shape', 'x=1x0'))).toMatchObject({ input: 'x' });
    expect(errorOf(() => applyInputFlag(emptyInputFlags(), '--input-value', 'sr'))).toMatchObject({ message: expect.stringMatching(/wants name=…/) });
  });
});

describe('resolveInputs', () => {
  it('synthetic by default: batch → 1 with a note; a scalar integer input without a value is an error', () => {
    const e = errorOf(() => resolveInputs(audio, { shapes: { x: [1, 1, 512] } }));
    expect(e.input).toBe('sr');
    expect(e.message).toMatch(/input "sr" \(int64, shape \[\]\) is a single integer.*has no value/);
    expect(e.hint).toMatch(/--input-value sr=/);
    const r = resolveInputs([{ name: 'x', dtype: 'float32', shape: ['batch', 16] }]);
    expect(r).toMatchObject({ source: 'synthetic', specs: [{ name: 'x', dtype: 'float32', shape: [1, 16] }], warnings: [] });
    expect(r.notes[0]).toMatch(/open dim 0 \("batch"\) taken as 1/);
  });

  it('user ranges when every float input has a range or value; values ride in the spec', () => {
    const r = resolveInputs(audio, { shapes: { x: [1, 1, 512] }, ranges: { x: [-32768, 32767] }, values: { sr: 16000 } });
    expect(r.source).toBe('user-ranges');
    expect(r.specs).toEqual([
      { name: 'x', dtype: 'float32', shape: [1, 1, 512], range: [-32768, 32767] },
      { name: 'sr', dtype: 'int64', shape: [], value: 16000 },
    ]);
    const [feeds] = feedsFor(r, 1, 1);
    expect(feeds![1]).toEqual(new BigInt64Array([16000n]));
    expect(Math.max(...(feeds![0] as Float32Array).map(Math.abs))).toBeGreaterThan(1000);
  });

  it('an integer tensor without a range gets the default with a warning; a symbol sized once sizes every input', () => {
    const r = resolveInputs(text, { ranges: { ids: [0, 30521] } });
    expect(r.specs.map((s) => s.shape)).toEqual([[1, 8], [1, 8]]);
    expect(r.warnings).toEqual([expect.stringMatching(/Input "mask" \(int64\) had no range: drawn from \[0, 99\]/)]);
    const seq: DeclaredInput[] = [{ name: 'a', dtype: 'float32', shape: [1, 'seq'] }, { name: 'b', dtype: 'float32', shape: [1, 'seq'] }];
    expect(resolveInputs(seq, { shapes: { a: [1, 7] } }).specs[1]!.shape).toEqual([1, 7]);
  });

  it('each error names the input and what was expected', () => {
    expect(errorOf(() => resolveInputs(audio, { ranges: { y: [0, 1] } }))).toMatchObject({ input: 'y', message: expect.stringMatching(/--input-range names "y", which is not an input/), hint: expect.stringMatching(/x \(float32 \[batch, 1, time\]\), sr \(int64 \[\]\)/) });
    expect(errorOf(() => resolveInputs(audio, { values: { sr: 16000 } }))).toMatchObject({ input: 'x', message: expect.stringMatching(/open dims.*axis 2 \("time"\)/), hint: expect.stringMatching(/--input-shape x=1x1x<time>/) });
    expect(errorOf(() => resolveInputs(audio, { shapes: { x: [1, 2, 512] }, values: { sr: 1 } }))).toMatchObject({ input: 'x', message: expect.stringMatching(/size 2 on axis 1, but the model fixes it to 1/) });
    expect(errorOf(() => resolveInputs(audio, { shapes: { x: [1, 512] }, values: { sr: 1 } }))).toMatchObject({ input: 'x', message: expect.stringMatching(/\(2 dims\).*with 3/) });
    expect(errorOf(() => resolveInputs(audio, { shapes: { x: [1, 1, 8] }, values: { sr: 16000.5 } }))).toMatchObject({ input: 'sr', message: expect.stringMatching(/sr is int64|"sr" is int64/) });
    expect(errorOf(() => resolveInputs(text, { ranges: { ids: [0.5, 9] } }))).toMatchObject({ input: 'ids' });
    expect(errorOf(() => resolveInputs([{ name: 'h', dtype: 'FLOAT16', shape: [1] }]))).toMatchObject({ input: 'h', message: expect.stringMatching(/"h" is FLOAT16, which edgewatt cannot feed/) });
  });

  it('samples: a leading sample axis, inputs left out filled from their value, source user-samples', () => {
    const x = npyBytes('<f4', [3, 1, 1, 4], new Float32Array(12).map((_, i) => i * 1000));
    const file = parseInputsFile('w.npy', x);
    const r = resolveInputs(audio, inputOptionsFrom(parseInputFlags([['--input-value', 'sr=16000']]), file));
    expect(r.source).toBe('user-samples');
    expect(r.specs[0]!.shape).toEqual([1, 1, 4]);
    expect(r.samples).toHaveLength(3);
    expect(r.samples![2]![0]).toEqual(new Float32Array([8000, 9000, 10000, 11000]));
    expect(r.samples![0]![1]).toEqual(new BigInt64Array([16000n]));
    expect(feedsFor(r, 0, 4, 1).map((f) => (f[0] as Float32Array)[0])).toEqual([4000, 8000, 0, 4000]);
    expect(fidelityInputCount(3, r.samples)).toBe(3);
  });

  it('samples: mismatched counts, a float file for an int64 input, unknown names', () => {
    const npz = npzBytes({ ids: npyBytes('<i8', [2, 1, 8], new BigInt64Array(16)), mask: npyBytes('<i8', [3, 1, 8], new BigInt64Array(24)) });
    expect(errorOf(() => resolveInputs(text, { file: parseInputsFile('t.npz', npz) })).message).toMatch(/different sample counts \(ids: 2, mask: 3\)/);
    const floats = npzBytes({ ids: npyBytes('<f4', [1, 8], new Float32Array(8)), mask: npyBytes('<i8', [1, 8], new BigInt64Array(8)) });
    expect(errorOf(() => resolveInputs(text, { file: parseInputsFile('f.npz', floats) }))).toMatchObject({ input: 'ids', message: expect.stringMatching(/floating-point values, the model wants int64/) });
    const json = parseInputsFile('j.json', new TextEncoder().encode('{"input_ids": [[1]]}'));
    expect(errorOf(() => resolveInputs(text, { file: json }))).toMatchObject({ input: 'input_ids', hint: expect.stringMatching(/the model's inputs: ids/) });
    const npy = parseInputsFile('one.npy', npyBytes('<i8', [1, 8], new BigInt64Array(8)));
    expect(errorOf(() => resolveInputs(text, { file: npy })).message).toMatch(/a \.npy file holds one array, but the model has 2 inputs without --input-value \(ids, mask\)/);
  });
});
