import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelEntry } from '../core/model-manifest.js';
import { makeInput } from '../core/seeded-inputs.js';
import { zoo } from '../../models/zoo.js';
import { ensureModels } from './ensure-models.js';

/** The browser runtime's WASM build, run under Node: the generated files load where the app loads them. */
let dir: string;
let entries: ModelEntry[];
beforeAll(async () => {
  ortWeb.env.wasm.numThreads = 1;
  dir = await mkdtemp(join(tmpdir(), 'edgewatt-ortweb-'));
  // the ONNX models only: the TF.js graph models have their own tests (src/tfjs-forge)
  const onnxZoo = zoo.filter((z) => !('format' in z && z.format === 'tfjs-graph'));
  entries = (await ensureModels({ outDir: dir, zoo: onnxZoo, log: () => {}, variants: false })).manifest.models;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('onnxruntime-web (wasm, 1 thread) under Node', () => {
  it('loads every zoo model (generated and from npm) and agrees with onnxruntime-node', async () => {
    for (const e of entries) {
      const bytes = await readFile(join(dir, e.files.onnx!));
      const spec = e.inputs[0]!;
      const input = makeInput(spec, 99, 0) as Float32Array;
      const web = await ortWeb.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
      const a = (await web.run({ [spec.name]: new ortWeb.Tensor('float32', input, spec.shape) }))[e.outputs[0]!.name]!.data as Float32Array;
      await web.release();
      const native = await ortNode.InferenceSession.create(bytes);
      const b = (await native.run({ [spec.name]: new ortNode.Tensor('float32', input, spec.shape) }))[e.outputs[0]!.name]!.data as Float32Array;
      await native.release();
      expect(a.length).toBe(b.length);
      expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThan(1e-4);
    }
  });
});
