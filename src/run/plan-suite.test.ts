import { describe, expect, it } from 'vitest';
import { cellKey } from '../core/cell.js';
import { isUsageError } from '../bench/exit-codes.js';
import { planSuite } from './plan-suite.js';
import { suiteSchema } from '../bench/suite-schema.js';

const suite = suiteSchema.parse({
  name: 't',
  models: ['mlp-s', 'cnn-s'],
  runtimes: ['ort', 'tfjs'],
  backends: ['wasm', 'webgl'],
  repetitions: 2,
  protocol: { samplesMin: 60 },
});

describe('planSuite', () => {
  it('expands models × variants × runtimes × backends × repetitions, leaving out what a runtime lacks', () => {
    const plan = planSuite(suite);
    const keys = plan.cells.map((c) => `${cellKey(c.cell)}#${c.repetition}`);
    expect(keys).toEqual([
      'mlp-s/fp32/ort/wasm#1',
      'mlp-s/fp32/ort/wasm#2',
      'mlp-s/fp32/tfjs/wasm#1',
      'mlp-s/fp32/tfjs/wasm#2',
      'mlp-s/fp32/tfjs/webgl#1',
      'mlp-s/fp32/tfjs/webgl#2',
      'cnn-s/fp32/ort/wasm#1',
      'cnn-s/fp32/ort/wasm#2',
      'cnn-s/fp32/tfjs/wasm#1',
      'cnn-s/fp32/tfjs/wasm#2',
      'cnn-s/fp32/tfjs/webgl#1',
      'cnn-s/fp32/tfjs/webgl#2',
    ]);
    expect(plan.unsupported.map((u) => [cellKey(u.cell), u.reason])).toEqual([
      ['mlp-s/fp32/ort/webgl', 'ort has no webgl backend'],
      ['cnn-s/fp32/ort/webgl', 'ort has no webgl backend'],
    ]);
  });

  it('fills the protocol defaults around the suite settings', () => {
    const { protocol } = planSuite(suite);
    expect(protocol.samplesMin).toBe(60);
    expect(protocol.warmupMin).toBe(3);
  });

  it('lets command-line lists replace the suite lists', () => {
    const plan = planSuite(suite, { models: ['cnn-s'], runtimes: ['tfjs'], backends: ['webgl', 'webgl'] });
    expect(new Set(plan.cells.map((c) => cellKey(c.cell)))).toEqual(new Set(['cnn-s/fp32/tfjs/webgl']));
  });

  it('refuses a narrowing that leaves nothing to run', () => {
    let caught: unknown;
    try {
      planSuite(suite, { runtimes: ['ort'], backends: ['webgl'] });
    } catch (err) {
      caught = err;
    }
    expect(isUsageError(caught)).toBe(true);
    expect((caught as Error).message).toContain('nothing to run');
  });
});

describe('planSuite with model files', () => {
  const fileSuite = suiteSchema.parse({ name: 'files', models: ['./vad.onnx', 'face/model.json'], variants: ['fp32', 'fp16'], runtimes: ['ort', 'tfjs'], backends: ['wasm', 'webgpu'] });
  const facts = { name: 'vad.onnx', sha256: 'a'.repeat(64), bytes: 10 };
  const vad = { id: 'vad', variant: 'fp32', name: 'vad.onnx', inputs: [], outputs: [], files: { onnx: 'vad-aaaaaaaa/fp32.onnx' }, file: facts };
  const vadFp16 = { ...vad, variant: 'fp16', baseModelId: 'vad', files: { onnx: 'vad-aaaaaaaa/fp16.onnx' } };
  const face = { id: 'face', variant: 'fp32', name: 'face/model.json', inputs: [], outputs: [], files: { tfjs: 'face-bbbbbbbb/tfjs/model.json' }, file: { ...facts, name: 'face/model.json' } };

  it('runs each file on the runtime its format has, with every forged variant, and no zoo model', () => {
    const plan = planSuite(fileSuite, {}, [vad, vadFp16, face]);
    expect(plan.cells.map((c) => cellKey(c.cell))).toEqual([
      'vad/fp32/ort/wasm',
      'vad/fp32/ort/webgpu',
      'vad/fp16/ort/wasm',
      'vad/fp16/ort/webgpu',
      'face/fp32/tfjs/wasm',
      'face/fp32/tfjs/webgpu',
    ]);
    expect(plan.zooModels).toEqual([]);
    expect(plan.fileModels).toHaveLength(3);
  });

  it('says why a runtime asked for on the command line cannot run a file of the other format', () => {
    const plan = planSuite(fileSuite, { runtimes: ['ort', 'tfjs'], backends: ['wasm'], threads: 2 }, [vad]);
    expect(plan.cells.map((c) => cellKey(c.cell))).toEqual(['vad/fp32/ort/wasm']);
    expect(plan.unsupported).toEqual([{ cell: { modelId: 'vad', variant: 'fp32', runtime: 'tfjs', backend: 'wasm' }, reason: 'vad.onnx is an ONNX file; tfjs runs TF.js folders' }]);
    expect(plan.protocol.threads).toBe(2);
    expect(() => planSuite(fileSuite, { runtimes: ['tfjs'], backends: ['wasm'] }, [vad])).toThrow(/nothing to run: vad\.onnx is an ONNX file; tfjs runs TF\.js folders/);
  });
});
