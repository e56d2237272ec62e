import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { HintedError } from '../core/serialized-error.js';
import { float, graphAttr, int, ints } from './attributes.js';
import { decodeModel, encodeModel } from './codec.js';
import { GraphBuilder, makeModel } from './graph-builder.js';
import { graphInputs, graphOutputs } from './model-info.js';
import { DataType } from './proto.js';
import { float32Tensor, int64Tensor, readFloat32 } from './tensor.js';

/** y = LeakyRelu(Reshape(x, [1, 4]) · W + b) — exercises float and int64 initializers and attributes. */
function tinyModel(): Uint8Array {
  const g = new GraphBuilder('tiny');
  g.addInput('x', DataType.FLOAT, [2, 2]);
  g.addInitializer(int64Tensor('shape', [2], [1, 4]));
  g.addInitializer(float32Tensor('W', [4, 2], Float32Array.of(1, 0, 0, 1, 1, 0, 0, 1)));
  g.addInitializer(float32Tensor('b', [2], Float32Array.of(0.5, -10)));
  const [flat] = g.addNode({ opType: 'Reshape', inputs: ['x', 'shape'], outputs: ['flat'] });
  const [gemm] = g.addNode({ opType: 'Gemm', inputs: [flat, 'W', 'b'], outputs: ['gemm'], attributes: { transB: int(0) } });
  g.addNode({ opType: 'LeakyRelu', inputs: [gemm], outputs: ['y'], attributes: { alpha: float(0.5) } });
  g.addOutput('y', DataType.FLOAT, [1, 2]);
  return encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-test' }));
}

describe('ONNX codec', () => {
  it('round-trips a model: decode(encode(m)) re-encodes to the same bytes', () => {
    const bytes = tinyModel();
    const m = decodeModel(bytes);
    expect(m.graph.node.map((n) => n.opType)).toEqual(['Reshape', 'Gemm', 'LeakyRelu']);
    expect(Number(m.opsetImport[0]?.version)).toBe(17);
    expect(Array.from(readFloat32(m.graph.initializer.find((t) => t.name === 'b')!))).toEqual([0.5, -10]);
    expect(encodeModel(m)).toEqual(bytes);
  });

  it('builds models onnxruntime accepts and computes correctly', async () => {
    const session = await ort.InferenceSession.create(tinyModel());
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, 2, 3, 4), [2, 2]) });
    // [1,2,3,4]·W = [1+3, 2+4] = [4, 6]; + b = [4.5, -4]; LeakyRelu(0.5) → [4.5, -2]
    expect(Array.from(out.y!.data as Float32Array)).toEqual([4.5, -2]);
    await session.release();
  });

  it.each([
    ['empty', new Uint8Array(0), /empty/],
    ['random bytes', Uint8Array.from({ length: 256 }, (_, i) => (i * 97 + 13) & 0xff), /not an ONNX model/],
    ['a truncated model', tinyModel().subarray(0, 40), /not an ONNX model/],
    ['a model.json', new TextEncoder().encode('{"format":"layers-model"}'), /JSON/],
    ['an HTML error page', new TextEncoder().encode('<!doctype html><title>404</title>'), /HTML/],
    ['a Git LFS pointer', new TextEncoder().encode('version https://git-lfs.github.com/spec/v1\noid sha256:ab\n'), /Git LFS/],
  ])('rejects %s with a HintedError that says what to do', (_label, bytes, message) => {
    let caught: unknown;
    try {
      decodeModel(bytes);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(HintedError);
    expect((caught as HintedError).message).toMatch(message);
    expect((caught as HintedError).hint.length).toBeGreaterThan(10);
  });
});

describe('GraphBuilder', () => {
  it('refuses duplicate names and reads of unproduced tensors', () => {
    const g = new GraphBuilder('g');
    g.addInput('x', DataType.FLOAT, [1]);
    expect(() => g.addInitializer(float32Tensor('x', [1], Float32Array.of(1)))).toThrow(/already used/);
    expect(() => g.addNode({ opType: 'Relu', inputs: ['nope'], outputs: ['y'] })).toThrow(/nothing produces/);
    g.addOutput('z', DataType.FLOAT, [1]);
    expect(() => g.toGraph()).toThrow(/never produced/);
  });

  it('writes integer-list attributes readable by ORT (MaxPool kernel_shape/strides)', async () => {
    const g = new GraphBuilder('pool');
    g.addInput('x', DataType.FLOAT, [1, 1, 2, 2]);
    g.addNode({ opType: 'MaxPool', inputs: ['x'], outputs: ['y'], attributes: { kernel_shape: ints([2, 2]), strides: ints([2, 2]) } });
    g.addOutput('y', DataType.FLOAT, [1, 1, 1, 1]);
    const s = await ort.InferenceSession.create(encodeModel(makeModel(g.toGraph(), { producerName: 't' })));
    const out = await s.run({ x: new ort.Tensor('float32', Float32Array.of(3, -1, 7, 2), [1, 1, 2, 2]) });
    expect(Array.from(out.y!.data as Float32Array)).toEqual([7]);
    await s.release();
  });

  it('builds subgraphs that read outer names (an If whose branches use an outer weight) and ORT runs them', async () => {
    const g = new GraphBuilder('main');
    g.addInput('x', DataType.FLOAT, [1, 2]);
    g.addInput('flag', DataType.BOOL, []);
    g.addInitializer(float32Tensor('W', [2, 2], Float32Array.of(1, 2, 3, 4)));
    const then = new GraphBuilder('then', g.names());
    expect(() => then.addInput('W', DataType.FLOAT, [1])).toThrow(/already used/);
    then.addNode({ opType: 'MatMul', inputs: ['x', 'W'], outputs: ['t'] });
    then.addOutput('t', DataType.FLOAT, [1, 2]);
    const other = new GraphBuilder('else', [...g.names(), ...then.names()]);
    other.addNode({ opType: 'Neg', inputs: ['x'], outputs: ['e'] });
    other.addOutput('e', DataType.FLOAT, [1, 2]);
    g.addNode({ opType: 'If', inputs: ['flag'], outputs: ['y'], attributes: { then_branch: graphAttr(then.toGraph()), else_branch: graphAttr(other.toGraph()) } });
    g.addOutput('y', DataType.FLOAT, [1, 2]);
    const s = await ort.InferenceSession.create(encodeModel(makeModel(g.toGraph(), { producerName: 't' })));
    const run = async (flag: boolean) => Array.from((await s.run({ x: new ort.Tensor('float32', Float32Array.of(1, 1), [1, 2]), flag: new ort.Tensor('bool', Uint8Array.of(flag ? 1 : 0), []) })).y!.data as Float32Array);
    expect(await run(true)).toEqual([4, 6]);
    expect(await run(false)).toEqual([-1, -1]);
    await s.release();
  });
});

describe('graphInputs/graphOutputs', () => {
  it('lists real inputs (not initializers) with their shapes', () => {
    const g = new GraphBuilder('io');
    g.addInput('x', DataType.FLOAT, ['batch', 3]);
    g.addInitializer(float32Tensor('w', [3], Float32Array.of(1, 2, 3)));
    g.addNode({ opType: 'Mul', inputs: ['x', 'w'], outputs: ['y'] });
    g.addOutput('y', DataType.FLOAT, ['batch', 3]);
    const graph = decodeModel(encodeModel(makeModel(g.toGraph(), { producerName: 't' }))).graph;
    expect(graphInputs(graph)).toEqual([{ name: 'x', elemType: DataType.FLOAT, elemTypeName: 'FLOAT', shape: ['batch', 3] }]);
    expect(graphOutputs(graph).map((o) => o.name)).toEqual(['y']);
  });
});
