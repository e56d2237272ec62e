import { describe, expect, it } from 'vitest';
import { HintedError } from '../core/serialized-error.js';
import { ints } from '../onnx/attributes.js';
import { encodeModel } from '../onnx/codec.js';
import { GraphBuilder, makeModel } from '../onnx/graph-builder.js';
import { DataType, onnx } from '../onnx/proto.js';
import { float32Tensor } from '../onnx/tensor.js';
import { webRunner, zooModel } from './test-fixtures.node.js';
import { forgeVariant, parseVariantList, VARIANT_NAMES } from './variant-registry.js';

async function failure(p: Promise<unknown>): Promise<HintedError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HintedError);
  expect((err as HintedError).hint.length).toBeGreaterThan(10);
  return err as HintedError;
}

/** Conv → (an op the forge cannot rewrite) → output */
function modelWith(op: { opType: string; domain?: string; subgraph?: boolean }): Uint8Array {
  const g = new GraphBuilder('odd');
  g.addInput('x', DataType.FLOAT, [1, 2, 4, 4]);
  g.addInitializer(float32Tensor('w', [4, 2, 1, 1], new Float32Array(8).fill(0.5)));
  const [c] = g.addNode({ opType: 'Conv', name: 'conv', inputs: ['x', 'w'], outputs: ['c'], attributes: { kernel_shape: ints([1, 1]) } });
  g.addNode({ opType: op.opType, name: 'the_odd_one', domain: op.domain, inputs: [c], outputs: ['y'] });
  g.addOutput('y', DataType.FLOAT, [1, 4, 4, 4]);
  const m = makeModel(g.toGraph(), { producerName: 'test' });
  if (op.domain) m.opsetImport.push({ domain: op.domain, version: 1 });
  if (op.subgraph) {
    const body = onnx.GraphProto.create({ name: 'body', node: [], output: [] });
    m.graph!.node![1]!.attribute!.push(onnx.AttributeProto.create({ name: 'then_branch', type: onnx.AttributeProto.AttributeType.GRAPH, g: body }));
  }
  return encodeModel(m);
}

describe('bad input gets a clear error, never a broken model', () => {
  it.each(VARIANT_NAMES)('%s: truncated file and random bytes', async (name) => {
    const m = await zooModel('cnn-s');
    const ctx = m.ctx;
    const truncated = await failure(forgeVariant(name, m.bytes.subarray(0, m.bytes.length >> 1), ctx));
    expect(truncated.message).toMatch(/not an ONNX model/);
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    expect((await failure(forgeVariant(name, noise, ctx))).message).toMatch(/not an ONNX model/);
    expect((await failure(forgeVariant(name, new Uint8Array(0), ctx))).message).toMatch(/empty/);
  });

  it.each(VARIANT_NAMES)('%s: a custom-domain op is refused with its op named: by the runtime, else by the forge with the node', async (name) => {
    const m = await zooModel('cnn-s');
    const err = await failure(forgeVariant(name, modelWith({ opType: 'FancyNorm', domain: 'com.example' }), m.ctx));
    expect(err.name).toBe('InvalidModelError');
    expect(err.message).toMatch(/cannot load this model file: .*com\.example:FancyNorm.* is not a registered function\/op/);
    expect(err.hint).toMatch(/standard ONNX ops/);
    if (name === 'int8-qdq') return; // it cannot run without a runtime
    const { runner: _, ...noRunner } = m.ctx;
    expect((await failure(forgeVariant(name, modelWith({ opType: 'FancyNorm', domain: 'com.example' }), noRunner))).message).toMatch(/node "the_odd_one" \(com\.example::FancyNorm\)/);
  });

  it('a malformed If (no else_branch, an empty then_branch) is blamed on the file, by the runtime', async () => {
    const err = await failure(forgeVariant('int8-dynamic', modelWith({ opType: 'If', subgraph: true }), { runner: webRunner }));
    expect(err.name).toBe('InvalidModelError');
    expect(err.message).toMatch(/cannot load this model file/);
  });

  it('fp16 refuses an op it has no type rule for, naming it', async () => {
    const err = await failure(forgeVariant('fp16', modelWith({ opType: 'Einsum' })));
    expect(err.message).toMatch(/fp16: node "the_odd_one" \(Einsum\) has no type rule/);
  });

  it('int8 variants refuse a model that is already quantised', async () => {
    const m = await zooModel('mlp-s');
    const q = await forgeVariant('int8-dynamic', m.bytes);
    const err = await failure(forgeVariant('int8-dynamic', q.bytes));
    expect(err.message).toMatch(/no Conv, MatMul or Gemm with a float32 weight/);
  });

  it('int8-qdq without a runner, and bad option values, are explained', async () => {
    const m = await zooModel('mlp-s');
    expect((await failure(forgeVariant('int8-qdq', m.bytes))).message).toMatch(/model runner/);
    expect(() => parseVariantList('fp16,int4')).toThrow(/unknown variant "int4"/);
    expect(() => parseVariantList('fp16,fp16')).toThrow(/named twice/);
  });
});
