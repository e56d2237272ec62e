import { describe, expect, it } from 'vitest';
import { decodeModel } from '../onnx/codec.js';
import { ints } from '../onnx/attributes.js';
import { encodeModel } from '../onnx/codec.js';
import { GraphBuilder, makeModel } from '../onnx/graph-builder.js';
import { DataType } from '../onnx/proto.js';
import { float32Tensor } from '../onnx/tensor.js';
import { webRunner, zooModel } from '../forge/test-fixtures.node.js';
import { createForgeEngine } from './forge-engine.js';
import type { ForgeOptions } from './forge-protocol.js';

const copy = (u8: Uint8Array) => u8.slice().buffer as ArrayBuffer;
const CNN_OPTIONS: ForgeOptions = { inputShapes: { input: [1, 32, 32, 3] }, inputRanges: { input: [0, 1] } };

/** Conv → an op from a domain nobody knows: the forge must refuse it by name. */
function customOpModel(): Uint8Array {
  const g = new GraphBuilder('odd');
  g.addInput('x', DataType.FLOAT, ['batch', 2, 4, 4]);
  g.addInitializer(float32Tensor('w', [4, 2, 1, 1], new Float32Array(8).fill(0.5)));
  const [c] = g.addNode({ opType: 'Conv', name: 'conv', inputs: ['x', 'w'], outputs: ['c'], attributes: { kernel_shape: ints([1, 1]) } });
  g.addNode({ opType: 'FancyNorm', name: 'fancy', domain: 'com.example', inputs: [c!], outputs: ['y'] });
  g.addOutput('y', DataType.FLOAT, ['batch', 4, 4, 4]);
  const m = makeModel(g.toGraph(), { producerName: 'test' });
  m.opsetImport.push({ domain: 'com.example', version: 1 });
  return encodeModel(m);
}

describe('forge engine (what the forge worker runs)', () => {
  it('opens a model and reports its signature; bad files are errors with a hint, and a good file afterwards still opens', async () => {
    const cnn = await zooModel('cnn-s');
    const engine = createForgeEngine({ runner: async () => webRunner });
    const truncated = await engine.open(copy(cnn.bytes.subarray(0, cnn.bytes.length >> 1)), 'half.onnx');
    expect(truncated.state).toBe('errored');
    if (truncated.state !== 'errored') return;
    expect(truncated.error.message).toMatch(/not an ONNX model/);
    expect(truncated.error.hint).toBeTruthy();
    const noise = await engine.open(copy(Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)), 'noise.onnx');
    expect(noise.state).toBe('errored');
    // a failed open leaves nothing half-open behind
    const stale = await engine.forge('fp16', CNN_OPTIONS);
    expect(stale.state === 'errored' && stale.error.message).toMatch(/no model is open/);

    const ok = await engine.open(copy(cnn.bytes), 'cnn-s.onnx');
    expect(ok.state).toBe('opened');
    if (ok.state !== 'opened') return;
    expect(ok.inputs).toEqual([{ name: 'input', dtype: 'float32', shape: [1, 32, 32, 3] }]);
    expect(ok.outputs).toEqual([{ name: 'logits', dtype: 'float32', shape: [1, 10] }]);
    expect(ok.fileBytes).toBe(cnn.bytes.length);
    expect(ok.opsets[0]).toMatch(/^ai\.onnx \d+$/);
  });

  it('accounts the model and forges variants whose bytes are valid ONNX with the accounting of what they are', async () => {
    const cnn = await zooModel('cnn-s');
    const engine = createForgeEngine({ runner: async () => webRunner });
    await engine.open(copy(cnn.bytes), 'cnn-s.onnx');
    const base = await engine.account(CNN_OPTIONS);
    expect(base.state).toBe('completed');
    if (base.state !== 'completed') return;
    expect(base.accounting.params).toBe(cnn.entry.accounting.params);
    expect(base.accounting.complete).toBe(true);

    const fp16 = await engine.forge('fp16', CNN_OPTIONS);
    const pruned = await engine.forge('prune-50', CNN_OPTIONS);
    const qdq = await engine.forge('int8-qdq', CNN_OPTIONS);
    for (const v of [fp16, pruned, qdq]) {
      expect(v.state).toBe('completed');
      if (v.state !== 'completed') return;
      expect(() => decodeModel(v.bytes)).not.toThrow();
      expect(v.accounting.bytes).toBe(v.bytes.byteLength);
      expect(v.changes.length).toBeGreaterThan(0);
    }
    if (fp16.state !== 'completed' || pruned.state !== 'completed' || qdq.state !== 'completed') return;
    expect(fp16.accounting.precisionMix.find((p) => p.dtype === 'FLOAT16')?.share).toBeGreaterThan(0.9);
    expect(pruned.accounting.sparsity).toBeGreaterThan(0.45);
    expect(qdq.runner).toMatch(/onnxruntime/);
    expect(fp16.runner).toBeUndefined(); // the runtime checked its input, but calibrated nothing
  });

  it('a model with an op the runtime cannot load: each variant is an InvalidModelError naming the op', async () => {
    const engine = createForgeEngine({ runner: async () => webRunner });
    const opened = await engine.open(copy(customOpModel()), 'odd.onnx');
    expect(opened.state === 'opened' && opened.inputs[0]!.shape).toEqual(['batch', 2, 4, 4]);
    const options: ForgeOptions = { inputShapes: { x: [1, 2, 4, 4] }, inputRanges: { x: [-1, 1] } };
    const base = await engine.account(options);
    expect(base.state === 'completed' && base.accounting.complete).toBe(false);
    for (const name of ['fp16', 'int8-dynamic', 'prune-50']) {
      const v = await engine.forge(name, options);
      expect(v.state).toBe('errored');
      if (v.state !== 'errored') return;
      expect(v.error.name).toBe('InvalidModelError');
      expect(v.error.message).toMatch(/com\.example:FancyNorm/);
      expect(v.error.hint).toBeTruthy();
    }
  });

  it('a calibration runtime that fails to load fails int8-qdq with its message, and is tried again next time', async () => {
    const cnn = await zooModel('cnn-s');
    let attempts = 0;
    const engine = createForgeEngine({
      runner: async () => {
        if (++attempts === 1) throw new Error('wasm fetch failed');
        return webRunner;
      },
    });
    await engine.open(copy(cnn.bytes), 'cnn-s.onnx');
    const first = await engine.forge('int8-qdq', CNN_OPTIONS);
    expect(first.state === 'errored' && first.error.message).toMatch(/wasm fetch failed/);
    expect((await engine.forge('int8-qdq', CNN_OPTIONS)).state).toBe('completed');
    expect(attempts).toBe(2);
  });
});
