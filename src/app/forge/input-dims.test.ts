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
    const bad = resolveInputs([image], { height: '0', width: '2.5' }, { x: '1' });
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
});
