import { describe, expect, it } from 'vitest';
import { npyBytes } from '../core/inputs/npy-test-writer.js';
import { int } from '../onnx/attributes.js';
import { encodeModel } from '../onnx/codec.js';
import { GraphBuilder, makeModel } from '../onnx/graph-builder.js';
import { DataType } from '../onnx/proto.js';
import { float32Tensor } from '../onnx/tensor.js';
import { compareOutputs } from '../core/compare-outputs.js';
import { resolveInputs } from '../core/inputs/resolve-inputs.js';
import { forgeCommand } from './forge-command.js';
import { runnerFeeds } from './forge-inputs.js';
import { forgeVariant } from './variant-registry.js';
import { memoryForgeIo, webRunner } from './test-fixtures.node.js';

/**
 * A mel-spectrogram-like model whose fp16 variant is fine on [-1, 1] and all NaN on audio-range
 * input: power x ⊙ x, a filterbank MatMul, LayerNormalization of the bands. In fp32 it is finite;
 * in fp16 W·x² passes 65504 and the normalisation of +Inf is NaN (the failure of the issue).
 * Why a LayerNormalization last: ORT's WASM (CPU) backend has no fp16 Mul/MatMul kernels and runs
 * such chains in fp32 between its own Casts (the forge's input Cast is folded away too), so an
 * overflow shows only where a tensor really is fp16 — at an op with an fp16 CPU kernel
 * (LayerNormalization, Max, Min…) next to the graph's edge here; everywhere on WebGPU with shader-f16.
 */
function audioModel(): Uint8Array {
  const g = new GraphBuilder('mel');
  g.addInput('x', DataType.FLOAT, ['batch', 16]);
  const w = g.addInitializer(float32Tensor('W', [16, 4], Float32Array.from({ length: 64 }, (_, i) => 0.1 + ((i * 7) % 11) / 10)));
  const scale = g.addInitializer(float32Tensor('scale', [4], Float32Array.of(1, 0.5, 2, 1)));
  const bias = g.addInitializer(float32Tensor('bias', [4], Float32Array.of(0, 0.1, -0.1, 0.2)));
  const [sq] = g.addNode({ opType: 'Mul', inputs: ['x', 'x'], outputs: ['sq'] });
  const [h] = g.addNode({ opType: 'MatMul', inputs: [sq, w], outputs: ['h'] });
  g.addNode({ opType: 'LayerNormalization', inputs: [h, scale, bias], outputs: ['y'] });
  g.addOutput('y', DataType.FLOAT, ['batch', 4]);
  return encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-test' }));
}

/** The same with an int64 sample-rate input the graph reads (y = W·x · sr / sr). */
function modelWithSampleRate(): Uint8Array {
  const g = new GraphBuilder('sr');
  g.addInput('x', DataType.FLOAT, [1, 16]);
  g.addInput('sr', DataType.INT64, []);
  const w = g.addInitializer(float32Tensor('W', [16, 4], new Float32Array(64).fill(0.5)));
  const [h] = g.addNode({ opType: 'MatMul', inputs: ['x', w], outputs: ['h'] });
  const [srf] = g.addNode({ opType: 'Cast', inputs: ['sr'], outputs: ['srf'], attributes: { to: int(DataType.FLOAT) } });
  const [a] = g.addNode({ opType: 'Mul', inputs: [h, srf], outputs: ['a'] });
  g.addNode({ opType: 'Div', inputs: [a, srf], outputs: ['y'] });
  g.addOutput('y', DataType.FLOAT, [1, 4]);
  return encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-test' }));
}

const fp16Line = (io: { out: string[] }) => io.out.join('\n').split('\n').find((l) => /^fp16\s/.test(l)) ?? '';

describe('edgewatt forge --check with user inputs', () => {
  it('fp16 is within bound on the default [-1, 1] but NaN/Inf on --input-range x=-32768,32767: named, OUTSIDE bound, exit 3', async () => {
    const quiet = memoryForgeIo({ 'm.onnx': audioModel() });
    expect(await forgeCommand(['m.onnx', '--out', 'o', '--variants', 'fp16', '--check'], quiet)).toBe(0);
    expect(fp16Line(quiet)).toMatch(/cos 1\.0000\d, rel .*\(within bound; synthetic inputs: may not hold on real data\)/);
    expect(quiet.out.join('\n')).toMatch(/note: Fidelity was checked on synthetic inputs/);

    const loud = memoryForgeIo({ 'm.onnx': audioModel() });
    expect(await forgeCommand(['m.onnx', '--out', 'o', '--variants', 'fp16', '--check', '--input-range', 'x=-32768,32767'], loud)).toBe(3);
    expect(fp16Line(loud)).toMatch(/NaN in 100 % of output values \(12 of 12\) \(OUTSIDE bound\)/);
    expect(fp16Line(loud)).not.toMatch(/synthetic/);
    expect(loud.err.join('\n')).toMatch(/--check: 1 variant\(s\) outside their bound or with non-finite outputs/);
  });

  it('user samples from an .npy with a leading sample axis are what --check runs', async () => {
    const windows = new Float32Array(2 * 16).map((_, i) => (i % 2 ? 30000 : -30000));
    const io = memoryForgeIo({ 'm.onnx': audioModel(), 'w.npy': npyBytes('<f4', [2, 1, 16], windows) });
    expect(await forgeCommand(['m.onnx', '--out', 'o', '--variants', 'fp16', '--check', '--inputs', 'w.npy'], io)).toBe(3);
    expect(fp16Line(io)).toMatch(/NaN in 100 % of output values \(8 of 8\)/);
  });

  it('an int64 sample-rate input needs --input-value (exit 2 naming it), and works with it', async () => {
    const io = memoryForgeIo({ 'sr.onnx': modelWithSampleRate() });
    expect(await forgeCommand(['sr.onnx', '--out', 'o', '--variants', 'fp16', '--check'], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/input "sr" \(int64, shape \[\]\) is a single integer.*\n  hint: pass --input-value sr=<value>/);
    const ok = memoryForgeIo({ 'sr.onnx': modelWithSampleRate() });
    expect(await forgeCommand(['sr.onnx', '--out', 'o', '--variants', 'fp16,int8-qdq', '--check', '--input-value', 'sr=16000'], ok)).toBe(0);
    expect(fp16Line(ok)).toMatch(/within bound/);
  });

  it('usage errors for inputs exit 2 with a hint: unknown input, missing file, lo ≥ hi', async () => {
    const io = memoryForgeIo({ 'm.onnx': audioModel() });
    expect(await forgeCommand(['m.onnx', '--out', 'o', '--check', '--input-range', 'audio=0,1'], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/--input-range names "audio", which is not an input of the model\n  hint: the model's inputs: x \(float32 \[batch, 16\]\)/);
    expect(await forgeCommand(['m.onnx', '--out', 'o', '--check', '--inputs', 'nope.npz'], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/cannot read --inputs nope\.npz/);
    expect(await forgeCommand(['m.onnx', '--out', 'o', '--input-range', 'x=1,-1'], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/lo \(1\) must be below hi \(-1\)/);
  });

  it('int8-qdq calibrated on [-1, 1] loses real-range inputs; calibrated on the user range it keeps them', async () => {
    const g = new GraphBuilder('mlp');
    g.addInput('x', DataType.FLOAT, [1, 32]);
    const w1 = g.addInitializer(float32Tensor('W1', [32, 16], Float32Array.from({ length: 512 }, (_, i) => Math.sin(i * 1.3) / 4)));
    const w2 = g.addInitializer(float32Tensor('W2', [16, 8], Float32Array.from({ length: 128 }, (_, i) => Math.cos(i * 0.7) / 3)));
    const [h] = g.addNode({ opType: 'MatMul', inputs: ['x', w1], outputs: ['h'] });
    const [r] = g.addNode({ opType: 'Relu', inputs: [h], outputs: ['r'] });
    g.addNode({ opType: 'MatMul', inputs: [r, w2], outputs: ['y'] });
    g.addOutput('y', DataType.FLOAT, [1, 8]);
    const bytes = encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-test' }));
    const real = resolveInputs([{ name: 'x', dtype: 'float32', shape: [1, 32] }], { ranges: { x: [-100, 100] } });
    const feeds = runnerFeeds(real, 99, 4);
    const run = async (model: Uint8Array) => {
      const s = await webRunner.load(model);
      try {
        return await Promise.all(feeds.map(async (f) => [(await s.run(f, ['y'])).y!]));
      } finally {
        await s.release();
      }
    };
    const reference = await run(bytes);
    const cosineOf = async (v: Uint8Array) => compareOutputs(reference, await run(v), { tolerance: { maxRelError: 0.15, minCosine: 0.99 } }).cosineSimilarity;
    const uniform = await forgeVariant('int8-qdq', bytes, { runner: webRunner });
    const calibrated = await forgeVariant('int8-qdq', bytes, { runner: webRunner, calibrationFeeds: runnerFeeds(real, 1234, 32) });
    expect(await cosineOf(uniform.bytes)).toBeLessThan(0.99);
    expect(await cosineOf(calibrated.bytes)).toBeGreaterThan(0.99);
  });
});
