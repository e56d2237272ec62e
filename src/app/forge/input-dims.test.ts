import { describe, expect, it } from 'vitest';
import type { ForgeTensorInfo } from '../../client/forge-protocol.js';
import { dynamicDims, inputSpecs, resolveInputs, unprofilableInputs } from './input-dims.js';

const image: ForgeTensorInfo = { name: 'x', dtype: 'float32', shape: ['N', 3, 'height', 'width'] };
const ids: ForgeTensorInfo = { name: 'input_ids', dtype: 'int64', shape: ['batch_size', 'seq'] };
const mask: ForgeTensorInfo = { name: 'attention_mask', dtype: 'int64', shape: ['batch_size', 'seq'] };

describe('dynamic input dims of a dropped model', () => {
  it('presets the batch axis to 1 and asks for every other dynamic dim, once per symbol', () => {
    const dims = dynamicDims([ids, mask]);
    expect(dims.map((d) => [d.key, d.preset])).toEqual([
      ['batch_size', 1],
      ['seq', null],
    ]);
    expect(dims[1]!.label).toBe('dim "seq" (axis 1 of input "input_ids")');
    expect(dynamicDims([{ name: 'y', dtype: 'float32', shape: [1, null, 8] }]).map((d) => d.key)).toEqual(['y[1]']);
  });

  it('says which dims are missing, and resolves shapes and ranges once they are given', () => {
    const missing = resolveInputs([image], {}, {});
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.problems).toEqual([
      'dim "height" (axis 2 of input "x") has no size: enter one (a positive whole number) in its field',
      'dim "width" (axis 3 of input "x") has no size: enter one (a positive whole number) in its field',
    ]);
    const bad = resolveInputs([image], { height: '0', width: '2.5' }, { x: '1, 0' });
    expect(bad.ok === false && bad.problems.length).toBe(3);

    const ok = resolveInputs([image], { height: '224', width: ' 160 ' }, { x: '0, 1' });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.value.inputShapes).toEqual({ x: [1, 3, 224, 160] });
    expect(ok.value.inputRanges).toEqual({ x: [0, 1] });
    expect(ok.value.notes).toEqual(['dim "N" (axis 0 of input "x") taken as 1 (batch)']);
  });

  it('inputs sharing a symbol get the same size; a batch the person overrides is used as given', () => {
    const r = resolveInputs([ids, mask], { seq: '128', batch_size: '4' }, {});
    expect(r.ok && r.value.inputShapes).toEqual({ input_ids: [4, 128], attention_mask: [4, 128] });
    // integer inputs draw small ids by default, never floats in [-1, 1]
    expect(r.ok && r.value.inputRanges.input_ids).toEqual([0, 99]);
    if (r.ok) expect(inputSpecs([ids, mask], r.value)[0]).toEqual({ name: 'input_ids', dtype: 'int64', shape: [4, 128], range: [0, 99] });
  });

  it('an input the profiler cannot feed is named with what to do', () => {
    expect(unprofilableInputs([image, ids])).toEqual([]);
    const [msg] = unprofilableInputs([{ name: 'h', dtype: 'float16', shape: [1, 8] }]);
    expect(msg).toMatch(/input "h" is float16.*export the model with a float32 input/);
  });

  it('one number is a set value; a one-element integer input must be given one; source and warnings follow the shared rules', () => {
    const sr: ForgeTensorInfo = { name: 'sr', dtype: 'int64', shape: [] };
    const audio: ForgeTensorInfo = { name: 'x', dtype: 'float32', shape: [1, 16] };
    const missing = resolveInputs([audio, sr], {}, { x: '-1, 1', sr: '' });
    expect(missing.ok === false && missing.problems).toEqual([expect.stringMatching(/input "sr" \(int64, shape \[\]\) is a single integer.*: type its value in the "sr" range field/)]);
    const given = resolveInputs([audio, sr], {}, { x: '-32768, 32767', sr: '16000' });
    if (!given.ok) throw new Error(given.problems.join());
    expect(given.value.core.source).toBe('user-ranges');
    expect(inputSpecs([audio, sr], given.value)).toEqual([
      { name: 'x', dtype: 'float32', shape: [1, 16], range: [-32768, 32767] },
      { name: 'sr', dtype: 'int64', shape: [], value: 16000 },
    ]);
    // the prefilled default range is not the person's: synthetic
    const untouched = resolveInputs([audio], {}, { x: '-1, 1' });
    expect(untouched.ok && untouched.value.core.source).toBe('synthetic');
  });

  it('a samples file gives shapes and samples, and its problems are listed', () => {
    const seq: ForgeTensorInfo = { name: 'x', dtype: 'float32', shape: ['batch', 'time'] };
    const samples = { file: 'a.json', samples: [{ x: { origin: 'a.json', kind: 'number' as const, shape: [1, 3], data: [1, 2, 3] } }] };
    const r = resolveInputs([seq], { time: '' }, {}, samples);
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.value.core).toMatchObject({ source: 'user-samples', specs: [{ shape: [1, 3] }] });
    expect(r.value.core.samples![0]![0]).toEqual(new Float32Array([1, 2, 3]));
    const wrong = resolveInputs([{ name: 'y', dtype: 'float32', shape: [1, 3] }], {}, {}, samples);
    expect(wrong.ok === false && wrong.problems[0]).toMatch(/names "x", which is not an input of the model/);
  });
});
