import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareOutputs } from '../core/compare-outputs.js';
import { type ModelAccounting, modelAccountingSchema } from '../core/model-manifest.js';
import { makeInputSet } from '../core/seeded-inputs.js';
import { sha256Hex } from '../forge/sha256.js';
import { accountTfjsGraphModel } from './account-graph-model.js';
import { decodeWithTfjs } from './decode-with-tfjs.js';
import { HUMAN_MODELS, type HumanModel, readHumanModel } from './human-models.node.js';
import { quantizeTfjsWeights, TFJS_QUANT_DTYPES } from './quantize-weights.js';
import { concatBytes, loadTfjsGraphModel, serializeTfjsModel, type TfjsModelFiles, weightEntries } from './tfjs-model-files.js';
import { tfjsVariantTolerance } from './tfjs-variant-tolerance.js';
import { elementCount } from './tfjs-weight-codec.js';
import { maxStorageError } from './weight-error-bound.js';

/**
 * The zoo's TF.js graph models from @vladmandic/human, float32 as shipped, and their weight-storage
 * variants: each variant decodes through TF.js's own loader, runs, and stays within its stated
 * tolerance of the float32 model on seeded inputs. Each model is read and run as float32 once.
 */
const FIDELITY_INPUTS = 2;
const SEED = 42;

async function runModel(files: TfjsModelFiles, h: HumanModel, feeds: Float32Array[][]): Promise<Float32Array[][]> {
  const model = await loadTfjsGraphModel(files);
  const names = model.outputs.map((o) => o.name);
  try {
    return feeds.map((feed) =>
      tf.tidy(() => {
        const out = model.execute({ [h.input.name]: tf.tensor(feed[0]!, h.input.shape) }, names);
        return (Array.isArray(out) ? out : [out]).map((t) => t.dataSync() as Float32Array);
      }),
    );
  } finally {
    model.dispose();
  }
}

async function fileHash(files: TfjsModelFiles): Promise<string> {
  const { json, weights } = serializeTfjsModel(files);
  return sha256Hex(concatBytes([json, weights]));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(HUMAN_MODELS)('$id (TF.js graph model from @vladmandic/human)', (h) => {
  let fp32: TfjsModelFiles;
  let feeds: Float32Array[][];
  let reference: Float32Array[][];
  let original: Map<string, Float32Array | Int32Array>;
  let accounting: ModelAccounting;

  beforeAll(async () => {
    fp32 = await readHumanModel(h.id);
    feeds = makeInputSet([h.input], SEED, FIDELITY_INPUTS) as Float32Array[][];
    reference = await runModel(fp32, h, feeds);
    original = decodeWithTfjs(fp32);
    accounting = await accountTfjsGraphModel(fp32, { inputShapes: { [h.input.name]: h.input.shape } });
  });

  it('is accounted completely: params are its float weights, MACs mostly in convolutions', () => {
    const a = modelAccountingSchema.parse(accounting);
    const floats = weightEntries(fp32.modelJson).filter((e) => e.dtype === 'float32');
    expect(a.params).toBe(floats.reduce((n, e) => n + elementCount(e.shape), 0));
    expect(a.complete).toBe(true);
    expect(a.unknownOps).toEqual([]);
    const rows = a.opsCounted!;
    expect(rows.reduce((n, r) => n + r.macs, 0)).toBe(a.macs);
    expect(rows.reduce((n, r) => n + r.flops, 0)).toBe(a.flops);
    const convMacs = rows.filter((r) => /Conv/.test(r.opType)).reduce((n, r) => n + r.macs, 0);
    expect(convMacs).toBe(a.macs);
    expect(a.macs).toBeGreaterThan(a.params);
    expect(a.flops).toBeGreaterThan(2 * a.macs);
    expect(a.precisionMix).toEqual([{ dtype: 'float32', params: a.params, bytes: 4 * a.params, share: 1 }]);
  });

  describe.each(TFJS_QUANT_DTYPES)('%s weights', (dtype) => {
    let variant: ReturnType<typeof quantizeTfjsWeights>;
    beforeAll(() => {
      variant = quantizeTfjsWeights(fp32, { dtype });
    });

    it('shrinks the float weights to ¼ (uint8) or ½ (uint16, float16), deterministically', async () => {
      const entries = weightEntries(fp32.modelJson);
      const floatBytes = entries.filter((e) => e.dtype === 'float32').reduce((n, e) => n + 4 * elementCount(e.shape), 0);
      const otherBytes = fp32.weightData.byteLength - floatBytes;
      expect(variant.files.weightData.byteLength).toBe(floatBytes / (dtype === 'uint8' ? 4 : 2) + otherBytes);
      expect(variant.report.skipped.length).toBe(entries.filter((e) => e.dtype !== 'float32').length);
      expect(await fileHash(quantizeTfjsWeights(fp32, { dtype }).files)).toBe(await fileHash(variant.files));
    });

    it('decodes through TF.js\'s loader to within the dtype\'s bound of every original weight', () => {
      const decoded = decodeWithTfjs(variant.files);
      let worst = 0;
      for (const entry of weightEntries(variant.files.modelJson)) {
        const before = original.get(entry.name)!;
        const after = decoded.get(entry.name)!;
        for (let i = 0; i < before.length; i++) {
          const v = before[i] as number;
          worst = Math.max(worst, Math.abs((after[i] as number) - v) / (maxStorageError(entry, v) || 1));
          if (!entry.quantization) expect(after[i]).toBe(v);
        }
      }
      expect(worst).toBeLessThanOrEqual(1);
    });

    it('runs and stays within the stated tolerance of the float32 model', async () => {
      const outputs = await runModel(variant.files, h, feeds);
      const { tolerance } = tfjsVariantTolerance(dtype);
      const cmp = compareOutputs(reference, outputs, { tolerance, reference: { runtime: 'tfjs', backend: 'cpu', variant: 'fp32' } });
      expect(cmp.nonFiniteValues).toBe(0);
      expect(cmp.maxRelError).toBeLessThanOrEqual(tolerance.maxRelError);
      expect(cmp.cosineSimilarity).toBeGreaterThanOrEqual(tolerance.minCosine);
      expect(cmp.pass).toBe(true);
    });

    it('is accounted by its stored dtype, with the same compute as float32', async () => {
      const a = modelAccountingSchema.parse(await accountTfjsGraphModel(variant.files, { inputShapes: { [h.input.name]: h.input.shape } }));
      expect({ params: a.params, macs: a.macs, flops: a.flops }).toEqual({ params: accounting.params, macs: accounting.macs, flops: accounting.flops });
      expect(a.precisionMix).toEqual([{ dtype, params: a.params, bytes: a.params * (dtype === 'uint8' ? 1 : 2), share: 1 }]);
      expect(a.bytes.tfjs).toBeLessThan(accounting.bytes.tfjs!);
      expect(a.sha256.tfjs).toBe(await fileHash(variant.files));
    });
  });
});
