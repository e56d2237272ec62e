import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HintedError } from '../core/serialized-error.js';
import { sha256Hex } from '../forge/sha256.js';
import { quantizeTfjsWeights, TFJS_QUANT_DTYPES, type TfjsQuantDtype } from './quantize-weights.js';
import { TINY_INPUT, tinyGraphModel } from './tiny-graph-fixture.js';
import { decodeWithTfjs } from './decode-with-tfjs.js';
import { concatBytes, loadTfjsGraphModel, serializeTfjsModel, type TfjsModelFiles, weightEntries } from './tfjs-model-files.js';
import { maxStorageError } from './weight-error-bound.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function setFloat(files: TfjsModelFiles, index: number, value: number): TfjsModelFiles {
  const data = files.weightData.slice();
  new DataView(data.buffer).setFloat32(4 * index, value, true);
  return { ...files, weightData: data };
}

async function runTiny(files: TfjsModelFiles): Promise<Float32Array> {
  const model = await loadTfjsGraphModel(files);
  const x = tf.tensor(Float32Array.from({ length: 72 }, (_, i) => Math.cos(i)), [...TINY_INPUT.shape]);
  const y = model.execute({ [TINY_INPUT.name]: x }) as tf.Tensor;
  const out = y.dataSync() as Float32Array;
  tf.dispose([x, y]);
  model.dispose();
  return out;
}

describe.each(TFJS_QUANT_DTYPES)('quantizeTfjsWeights to %s (hand-written model)', (dtype: TfjsQuantDtype) => {
  // w1[0] set to exactly 0: quantisation must keep zeros zero (pruned weights stay pruned)
  const tiny = setFloat(tinyGraphModel(), 0, 0);
  const { files, report } = quantizeTfjsWeights(tiny, { dtype });
  let original: Map<string, Float32Array | Int32Array>;
  let decoded: Map<string, Float32Array | Int32Array>;
  beforeAll(() => {
    original = decodeWithTfjs(tiny);
    decoded = decodeWithTfjs(files);
  });

  it('stores every float32 weight as TF.js decodes it, within the dtype\'s bound', () => {
    for (const entry of weightEntries(files.modelJson)) {
      const before = original.get(entry.name)!;
      const after = decoded.get(entry.name)!;
      expect(after.length).toBe(before.length);
      if (entry.dtype !== 'float32') continue;
      expect(entry.quantization?.dtype).toBe(dtype);
      before.forEach((v, i) => expect(Math.abs((after[i] as number) - v)).toBeLessThanOrEqual(maxStorageError(entry, v)));
    }
    expect(decoded.get('w1')![0]).toBe(0);
  });

  it('uses the finest affine step the tensor\'s range allows', () => {
    if (dtype === 'float16') return;
    const qmax = dtype === 'uint8' ? 255 : 65535;
    for (const entry of weightEntries(files.modelJson)) {
      if (entry.dtype !== 'float32' || entry.name === 'b2') continue;
      const v = Array.from(original.get(entry.name)!);
      expect(entry.quantization!.scale).toBeCloseTo((Math.max(...v) - Math.min(...v)) / qmax, 12);
    }
  });

  it('decodes a constant tensor exactly when codes are affine', () => {
    const b2 = decoded.get('b2')!;
    const want = Math.fround(0.1);
    if (dtype === 'float16') expect(Math.abs((b2[0] as number) - want)).toBeLessThanOrEqual(2 ** -11 * want);
    else expect(Array.from(b2)).toEqual([want, want, want]);
  });

  it('keeps int32 tensors as they are and lists them as skipped', () => {
    expect(Array.from(decoded.get('flat_shape')!)).toEqual([1, 12]);
    const entry = weightEntries(files.modelJson).find((e) => e.name === 'flat_shape')!;
    expect(entry.quantization).toBeUndefined();
    expect(report.skipped).toEqual([{ node: 'flat_shape', op: 'Const', reason: expect.stringMatching(/int32/) }]);
    expect(report.options).toEqual({ dtype });
  });

  it('packs weights back to back in one file of the expected size, and the model runs', async () => {
    const floats = weightEntries(tiny.modelJson).filter((e) => e.dtype === 'float32').reduce((n, e) => n + e.shape.reduce((a, d) => a * d, 1), 0);
    expect(files.weightData.byteLength).toBe(floats * (dtype === 'uint8' ? 1 : 2) + 2 * 4);
    expect(files.modelJson.weightsManifest).toHaveLength(1);
    const y = await runTiny(files);
    expect(y).toHaveLength(5);
    expect(y.every(Number.isFinite)).toBe(true);
  });

  it('is deterministic', async () => {
    const hash = async (f: TfjsModelFiles): Promise<string> => {
      const s = serializeTfjsModel(f);
      return sha256Hex(concatBytes([s.json, s.weights]));
    };
    expect(await hash(quantizeTfjsWeights(tiny, { dtype }).files)).toBe(await hash(files));
  });
});

describe('quantizeTfjsWeights edge cases', () => {
  it('decodes weights that arrive quantised before storing them again, and says so', () => {
    const u8 = quantizeTfjsWeights(tinyGraphModel(), { dtype: 'uint8' }).files;
    const { files, report } = quantizeTfjsWeights(u8, { dtype: 'float16' });
    expect(report.changes.join('\n')).toMatch(/6 weight\(s\) arrived stored as uint8: decoded/);
    const before = decodeWithTfjs(u8);
    const after = decodeWithTfjs(files);
    for (const entry of weightEntries(files.modelJson)) {
      if (entry.dtype !== 'float32') continue;
      expect(entry.quantization).toEqual({ dtype: 'float16' });
      before.get(entry.name)!.forEach((v, i) => expect(Math.abs((after.get(entry.name)![i] as number) - v)).toBeLessThanOrEqual(maxStorageError(entry, v)));
    }
  });

  it('keeps a weight with NaN as float32 for affine codes, and as a half-float NaN for float16', () => {
    const withNan = setFloat(tinyGraphModel(), 0, Number.NaN);
    const u8 = quantizeTfjsWeights(withNan, { dtype: 'uint8' });
    expect(u8.report.skipped.map((s) => s.node)).toContain('w1');
    expect(weightEntries(u8.files.modelJson).find((e) => e.name === 'w1')!.quantization).toBeUndefined();
    expect(Number.isNaN(decodeWithTfjs(u8.files).get('w1')![0])).toBe(true);
    const f16 = quantizeTfjsWeights(withNan, { dtype: 'float16' });
    expect(Number.isNaN(decodeWithTfjs(f16.files).get('w1')![0])).toBe(true);
  });

  it('clamps values beyond the float16 range and reports it', () => {
    const big = setFloat(tinyGraphModel(), 1, 1e6);
    const { files, report } = quantizeTfjsWeights(big, { dtype: 'float16' });
    expect(decodeWithTfjs(files).get('w1')![1]).toBe(65504);
    expect(report.changes.join('\n')).toMatch(/1 value\(s\) beyond the float16 range/);
  });

  it('rejects an unknown dtype with a hint', () => {
    expect(() => quantizeTfjsWeights(tinyGraphModel(), { dtype: 'int4' as TfjsQuantDtype })).toThrow(HintedError);
  });
});
