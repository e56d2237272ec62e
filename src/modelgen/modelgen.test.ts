import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoo } from '../../models/zoo.js';
import type { ModelEntry } from '../core/model-manifest.js';
import { makeInput } from '../core/seeded-inputs.js';
import { decodeModel } from '../onnx/codec.js';
import { readTensor } from '../onnx/tensor.js';
import { ensureModels } from './ensure-models.js';
import { loadTfjsFromDisk } from './load-tfjs-from-disk.js';
import type { ZooEntry } from './zoo-entry.js';

/** The real zoo plus shapes that catch layout mistakes: no hidden layer, non-square single-channel input, 3 conv blocks. */
const testZoo: ZooEntry[] = [
  ...zoo,
  { id: 'mlp-linear', name: 'linear', seed: 5, spec: { kind: 'mlp', inputSize: 7, hidden: [], classes: 3 } },
  { id: 'cnn-odd', name: 'odd cnn', seed: 6, spec: { kind: 'cnn', height: 12, width: 20, channels: 1, convChannels: [4, 6, 5], classes: 7 } },
];

let dir: string;
let entries: ModelEntry[];
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'edgewatt-modelgen-'));
  entries = (await ensureModels({ outDir: dir, zoo: testZoo, log: () => {} })).manifest.models;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runOrt(entry: ModelEntry, input: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(await readFile(join(dir, entry.files.onnx!)));
  const spec = entry.inputs[0]!;
  const out = await session.run({ [spec.name]: new ort.Tensor('float32', input, spec.shape) });
  await session.release();
  return out[entry.outputs[0]!.name]!.data as Float32Array;
}

async function runTfjs(entry: ModelEntry, input: Float32Array): Promise<Float32Array> {
  const model = await loadTfjsFromDisk(dir, entry);
  const x = tf.tensor(input, entry.inputs[0]!.shape);
  const y = model.predict(x) as tf.Tensor;
  const data = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  model.dispose();
  return data;
}

describe.each(testZoo.map((z) => z.id))('generated model %s', (id) => {
  const entry = () => entries.find((e) => e.id === id)!;

  it('gives the same logits in onnxruntime and TF.js for the same seeded inputs', async () => {
    for (const index of [0, 1]) {
      const input = makeInput(entry().inputs[0]!, 1234, index) as Float32Array;
      const [a, b] = [await runOrt(entry(), input), await runTfjs(entry(), input)];
      expect(a.length).toBe(entry().outputs[0]!.shape.reduce((x, y) => x * y, 1));
      expect(b.length).toBe(a.length);
      const maxAbs = Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
      expect(maxAbs).toBeLessThan(1e-4);
    }
  });

  it('produces realistic, input-dependent outputs (not constant, not zero)', async () => {
    const spec = entry().inputs[0]!;
    const y0 = await runOrt(entry(), makeInput(spec, 1234, 0) as Float32Array);
    const y1 = await runOrt(entry(), makeInput(spec, 1234, 1) as Float32Array);
    expect(Math.max(...y0) - Math.min(...y0)).toBeGreaterThan(1e-3);
    expect(y0.every(Number.isFinite)).toBe(true);
    expect(Math.max(...y0.map((v, i) => Math.abs(v - y1[i]!)))).toBeGreaterThan(1e-4);
  });

  it('counts as many parameters as the ONNX initializers and TF.js weights hold', async () => {
    const onnx = decodeModel(await readFile(join(dir, entry().files.onnx!)));
    const inOnnx = onnx.graph.initializer.reduce((n, t) => n + readTensor(t).data.length, 0);
    const model = await loadTfjsFromDisk(dir, entry());
    expect(entry().accounting.params).toBe(inOnnx);
    expect(entry().accounting.params).toBe(model.countParams());
    expect(entry().accounting.flops).toBe(2 * entry().accounting.macs);
    model.dispose();
  });

  it('writes model.json exactly as tfjs-layers itself would save the same model', async () => {
    const ours = JSON.parse(await readFile(join(dir, entry().files.tfjs!), 'utf8')) as { modelTopology: unknown; weightsManifest: { weights: unknown }[] };
    const model = await loadTfjsFromDisk(dir, entry());
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        saved = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(saved?.modelTopology).toEqual(ours.modelTopology);
    expect(saved?.weightSpecs).toEqual(ours.weightsManifest[0]!.weights);
    model.dispose();
  });
});
