import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HintedError } from '../core/serialized-error.js';
import { accountTfjsGraphModel } from './account-graph-model.js';
import { quantizeTfjsWeights } from './quantize-weights.js';
import { readHumanModel } from './human-models.node.js';
import { TINY_INPUT, tinyGraphModel } from './tiny-graph-fixture.js';
import { loadTfjsGraphModel, readTfjsModelFromDir, serializeTfjsModel, type TfjsModelFiles, tfjsModelFromParts, WEIGHTS_FILE_NAME } from './tfjs-model-files.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'edgewatt-tfjs-forge-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runTiny(files: TfjsModelFiles): Promise<Float32Array> {
  const model = await loadTfjsGraphModel(files);
  const x = tf.tensor(Float32Array.from({ length: 72 }, (_, i) => Math.sin(i)), [...TINY_INPUT.shape]);
  const y = model.execute({ [TINY_INPUT.name]: x }) as tf.Tensor;
  const out = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  model.dispose();
  return out;
}

/** The same object with every key order reversed, recursively. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]));
}

async function expectHinted(p: Promise<unknown> | (() => unknown), message: RegExp): Promise<HintedError> {
  let caught: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(HintedError);
  const e = caught as HintedError;
  expect(e.message).toMatch(message);
  expect(e.hint.length).toBeGreaterThan(20);
  return e;
}

describe('serializeTfjsModel', () => {
  it('writes one weights file that TF.js loads and runs with the same outputs', async () => {
    const tiny = tinyGraphModel();
    const { json, weights } = serializeTfjsModel(tiny);
    await writeFile(join(dir, 'model.json'), json);
    await writeFile(join(dir, WEIGHTS_FILE_NAME), weights);
    const back = await readTfjsModelFromDir(join(dir, 'model.json'));
    expect(back.modelJson.weightsManifest).toHaveLength(1);
    expect(back.modelJson.weightsManifest[0]!.paths).toEqual([WEIGHTS_FILE_NAME]);
    expect(Array.from(back.weightData)).toEqual(Array.from(tiny.weightData));
    expect(Array.from(await runTiny(back))).toEqual(Array.from(await runTiny(tiny)));
  });

  it('gives the same bytes for the same model, however its JSON keys were ordered', () => {
    const tiny = tinyGraphModel();
    const shuffled = { ...tiny, modelJson: reverseKeys(tiny.modelJson) as TfjsModelFiles['modelJson'] };
    const a = serializeTfjsModel(tiny);
    const b = serializeTfjsModel(shuffled);
    expect(new TextDecoder().decode(b.json)).toBe(new TextDecoder().decode(a.json));
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
  });

  it('loading leaves the files as they were, so hashes taken after a load match a fresh read (Human iris)', async () => {
    const iris = await readHumanModel('iris');
    const before = serializeTfjsModel(iris);
    (await loadTfjsGraphModel(iris)).dispose();
    const after = serializeTfjsModel(iris);
    expect(new TextDecoder().decode(after.json)).toBe(new TextDecoder().decode(before.json));
  });

  it('concatenates weight files of several groups in manifest order', async () => {
    const tiny = tinyGraphModel();
    const entries = tiny.modelJson.weightsManifest[0]!.weights;
    const split = 3 * 3 * 2 * 4 * 4; // the first weight, w1, in its own file
    const json = { ...tiny.modelJson, weightsManifest: [{ paths: ['a.bin'], weights: entries.slice(0, 1) }, { paths: ['b1.bin', 'b2.bin'], weights: entries.slice(1) }] };
    const files: Record<string, Uint8Array> = { 'a.bin': tiny.weightData.slice(0, split), 'b1.bin': tiny.weightData.slice(split, split + 10), 'b2.bin': tiny.weightData.slice(split + 10) };
    const back = await tfjsModelFromParts(JSON.stringify(json), async (p) => files[p]!);
    expect(Array.from(back.weightData)).toEqual(Array.from(tiny.weightData));
  });
});

describe('bad input', () => {
  const tiny = tinyGraphModel();
  const { weightsManifest: _drop, ...noManifest } = tiny.modelJson;
  const truncated: TfjsModelFiles = { modelJson: tiny.modelJson, weightData: tiny.weightData.subarray(0, tiny.weightData.byteLength - 8) };

  it('a model.json without weightsManifest', async () => {
    const e = await expectHinted(tfjsModelFromParts(JSON.stringify(noManifest), async () => new Uint8Array()), /no weightsManifest/);
    expect(e.hint).toMatch(/tensorflowjs_converter/);
  });

  it('weight data shorter than the manifest says, wherever it is used', async () => {
    const why = /weight data is \d+ bytes but the weightsManifest describes \d+ bytes \(8 missing\)/;
    const e = await expectHinted(tfjsModelFromParts(JSON.stringify(tiny.modelJson), async () => truncated.weightData), why);
    expect(e.hint).toMatch(/truncated/);
    await expectHinted(loadTfjsGraphModel(truncated), why);
    await expectHinted(() => quantizeTfjsWeights(truncated, { dtype: 'uint8' }), why);
    await expectHinted(() => serializeTfjsModel(truncated), why);
    await expectHinted(accountTfjsGraphModel(truncated, { inputShapes: {} }), why);
  });

  it('a truncated weights file on disk, and a missing one', async () => {
    const sub = join(dir, 'broken');
    await rm(sub, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(sub));
    await writeFile(join(sub, 'model.json'), JSON.stringify(tiny.modelJson));
    await expectHinted(readTfjsModelFromDir(join(sub, 'model.json')), /cannot read weight file .*tiny\.bin/);
    await writeFile(join(sub, 'tiny.bin'), truncated.weightData);
    await expectHinted(readTfjsModelFromDir(join(sub, 'model.json')), /8 missing/);
  });

  it('not JSON, a layers model, a quantised weight without scale', async () => {
    await expectHinted(tfjsModelFromParts('{"format": "graph-model", ', async () => new Uint8Array()), /not valid JSON/);
    await expectHinted(tfjsModelFromParts(JSON.stringify({ ...tiny.modelJson, format: 'layers-model' }), async () => new Uint8Array()), /format "layers-model"/);
    const w = tiny.modelJson.weightsManifest[0]!.weights.map((e, i) => (i === 0 ? { ...e, quantization: { dtype: 'uint8' } } : e));
    await expectHinted(tfjsModelFromParts(JSON.stringify({ ...tiny.modelJson, weightsManifest: [{ paths: ['tiny.bin'], weights: w }] }), async () => tiny.weightData), /"w1" is uint8-quantised but lacks a finite scale and min/);
  });
});
