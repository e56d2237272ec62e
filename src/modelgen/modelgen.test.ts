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
import { DataType } from '../onnx/proto.js';
import { readTensor } from '../onnx/tensor.js';
import { ensureModels } from './ensure-models.js';
import { loadTfjsFromDisk } from './load-tfjs-from-disk.js';
import { accountSpec } from './accounting.js';
import type { ArchSpec } from './spec.js';
import type { ZooEntry } from './zoo-entry.js';

type Topology = { class_name: string; config: { layers: { name?: string }[] } };

/**
 * The zoo's small models plus shapes that catch layout mistakes: no hidden layer, non-square
 * single-channel input, 3 conv blocks, odd sizes under stride-2 "same" padding, one attention head
 * and several.
 */
const testZoo: ZooEntry[] = [
  ...zoo.filter((z) => z.id === 'mlp-s' || z.id === 'cnn-s' || z.id === 'fam-dwcnn-d2-w8-i32' || z.id === 'fam-tx-l2-d32-t16').map((z) => ({ ...z, variants: undefined })),
  { id: 'mlp-linear', name: 'linear', seed: 5, spec: { kind: 'mlp', inputSize: 7, hidden: [], classes: 3 } },
  { id: 'cnn-odd', name: 'odd cnn', seed: 6, spec: { kind: 'cnn', height: 12, width: 20, channels: 1, convChannels: [4, 6, 5], classes: 7 } },
  { id: 'dwcnn-odd', name: 'odd dw cnn', seed: 7, spec: { kind: 'dwcnn', height: 13, width: 18, channels: 2, stem: 5, blocks: [{ channels: 6, stride: 2 }, { channels: 4, stride: 1 }, { channels: 7, stride: 2 }], classes: 3 } },
  { id: 'tx-one-head', name: 'one-head transformer', seed: 8, spec: { kind: 'transformer', seqLen: 5, dModel: 12, heads: 1, ffn: 20, layers: 1, classes: 4 } },
  { id: 'tx-three-heads', name: 'three-head transformer', seed: 9, spec: { kind: 'transformer', seqLen: 7, dModel: 24, heads: 3, ffn: 16, layers: 2, classes: 5 } },
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

  it('counts as many parameters as the ONNX weights and TF.js weights hold, and the MACs of the spec', async () => {
    const onnx = decodeModel(await readFile(join(dir, entry().files.onnx!)));
    const inOnnx = onnx.graph.initializer.filter((t) => t.dataType === DataType.FLOAT).reduce((n, t) => n + readTensor(t).data.length, 0);
    const model = await loadTfjsFromDisk(dir, entry());
    const spec = accountSpec((testZoo.find((z) => z.id === id) as { spec: ArchSpec }).spec);
    expect(entry().accounting.params).toBe(inOnnx);
    expect(entry().accounting.params).toBe(model.countParams());
    expect(entry().accounting.params).toBe(spec.params);
    expect(entry().accounting.macs).toBe(spec.macs);
    expect(entry().accounting.complete).toBe(true);
    expect(entry().accounting.flops).toBeGreaterThan(2 * entry().accounting.macs);
    model.dispose();
  });

  it('writes model.json exactly as tfjs-layers itself would save the same model', async () => {
    const ours = JSON.parse(await readFile(join(dir, entry().files.tfjs!), 'utf8')) as { modelTopology: Topology; weightsManifest: { weights: { name: string }[] }[] };
    const model = await loadTfjsFromDisk(dir, entry());
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        saved = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const theirs = saved?.modelTopology as Topology;
    if (ours.modelTopology.class_name === 'Model') {
      // a functional model's layer order is tfjs' own topological sort: compare layer by layer, by name
      const byName = (t: Topology) => Object.fromEntries(t.config.layers.map((l) => [l.name, l]));
      expect(byName(theirs)).toEqual(byName(ours.modelTopology));
      expect({ ...theirs, config: { ...theirs.config, layers: [] } }).toEqual({ ...ours.modelTopology, config: { ...ours.modelTopology.config, layers: [] } });
      const names = (w: { name: string }[]) => w.map((x) => x.name).sort();
      expect(names(saved!.weightSpecs as { name: string }[])).toEqual(names(ours.weightsManifest[0]!.weights));
    } else {
      expect(theirs).toEqual(ours.modelTopology);
      expect(saved?.weightSpecs).toEqual(ours.weightsManifest[0]!.weights);
    }
    model.dispose();
  });
});
