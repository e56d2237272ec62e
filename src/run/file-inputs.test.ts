import { describe, expect, it } from 'vitest';
import { UsageError } from '../bench/exit-codes.js';
import { checkInputNames, resolveFileInputs } from './file-inputs.js';
import type { ModelFile } from './model-file.js';

const vad = { fileName: 'vad.onnx', inputs: [{ name: 'input', dtype: 'float32', shape: [null, 512] }, { name: 'sr', dtype: 'int64', shape: [] }] } as unknown as ModelFile;
const flags = (o: Partial<{ shapes: string[]; ranges: string[]; values: string[] }>) => ({ shapes: [], ranges: [], values: [], ...o });

describe('file inputs by the shared rules', () => {
  it('an integer setting without a value is a usage error naming the file, the input and the flag', () => {
    const err = (() => {
      try {
        resolveFileInputs(vad, flags({}));
      } catch (e) {
        return e;
      }
    })() as UsageError;
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/^vad\.onnx: input "sr" \(int64, shape \[\]\) is a single integer/);
    expect(err.hint).toMatch(/--input-value sr=/);
  });

  it('values ride in the spec, ranges make the source user-ranges, other files’ flags are ignored', () => {
    const r = resolveFileInputs(vad, flags({ values: ['sr=16000'], ranges: ['input=-32768,32767', 'other=0,1'] }));
    expect(r.source).toBe('user-ranges');
    expect(r.specs).toEqual([
      { name: 'input', dtype: 'float32', shape: [1, 512], range: [-32768, 32767] },
      { name: 'sr', dtype: 'int64', shape: [], value: 16000 },
    ]);
    expect(() => checkInputNames([vad], flags({ ranges: ['audio=0,1'] }))).toThrow(/--input-range: no model has an input "audio"/);
    expect(() => checkInputNames([vad], flags({ ranges: ['input=1,1'] }))).toThrow(UsageError);
  });
});
