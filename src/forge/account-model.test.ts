import { describe, expect, it } from 'vitest';
import { zoo } from '../../models/zoo.js';
import { accountSpec } from '../modelgen/accounting.js';
import { buildGeneratedModel } from '../modelgen/build-model.js';
import { parseZoo } from '../modelgen/parse-zoo.js';
import { isGenerated } from '../modelgen/zoo-entry.js';
import { int, ints } from '../onnx/attributes.js';
import { encodeModel } from '../onnx/codec.js';
import { GraphBuilder, makeModel } from '../onnx/graph-builder.js';
import { DataType } from '../onnx/proto.js';
import { float32Tensor } from '../onnx/tensor.js';
import { accountModel } from './account-model.js';
import { zooModel } from './test-fixtures.node.js';
import { forgeFp16 } from './variant-fp16.js';
import { forgeMagnitudePrune } from './variant-prune-magnitude.js';

const ones = (n: number) => new Float32Array(n).fill(0.5);

/** x [1,2,5,5] → Conv 3×3 pad 1 (4 ch) → Relu → MaxPool 2×2/2 → GlobalAveragePool → Flatten → Gemm (3) → Softmax */
function handModel(extra?: (g: GraphBuilder, x: string) => string): Uint8Array {
  const g = new GraphBuilder('hand');
  let x = g.addInput('x', DataType.FLOAT, [1, 2, 5, 5]);
  g.addInitializer(float32Tensor('W', [4, 2, 3, 3], ones(72)));
  g.addInitializer(float32Tensor('B', [4], ones(4)));
  g.addInitializer(float32Tensor('G', [4, 3], ones(12)));
  g.addInitializer(float32Tensor('C', [3], ones(3)));
  [x] = g.addNode({ opType: 'Conv', inputs: [x, 'W', 'B'], outputs: ['c'], attributes: { kernel_shape: ints([3, 3]), pads: ints([1, 1, 1, 1]) } });
  [x] = g.addNode({ opType: 'Relu', inputs: [x], outputs: ['r'] });
  [x] = g.addNode({ opType: 'MaxPool', inputs: [x], outputs: ['p'], attributes: { kernel_shape: ints([2, 2]), strides: ints([2, 2]) } });
  [x] = g.addNode({ opType: 'GlobalAveragePool', inputs: [x], outputs: ['gap'] });
  [x] = g.addNode({ opType: 'Flatten', inputs: [x], outputs: ['f'], attributes: { axis: int(1) } });
  if (extra) x = extra(g, x);
  [x] = g.addNode({ opType: 'Gemm', inputs: [x, 'G', 'C'], outputs: ['gemm'] });
  g.addNode({ opType: 'Softmax', inputs: [x], outputs: ['y'], attributes: { axis: int(-1) } });
  g.addOutput('y', DataType.FLOAT, [1, 3]);
  return encodeModel(makeModel(g.toGraph(), { producerName: 'test' }));
}

describe('accountModel', () => {
  it('counts a small model exactly as worked out by hand', async () => {
    const a = await accountModel(handModel());
    // Conv: 4×5×5 outputs × (2×3×3) = 1800 MACs; Gemm: 3 outputs × 4 = 12 MACs
    expect(a.macs).toBe(1812);
    // 2×1800 + 100 bias + 100 Relu + 16 pooled × 4 + 16 averaged + 2×12 + 3 bias + 3 softmax × 3
    expect(a.flops).toBe(3600 + 100 + 100 + 64 + 16 + 24 + 3 + 9);
    expect(a.params).toBe(72 + 4 + 12 + 3);
    expect(a.complete).toBe(true);
    expect(a.opsCounted.map((o) => o.opType)).toEqual(['Conv', 'Flatten', 'Gemm', 'GlobalAveragePool', 'MaxPool', 'Relu', 'Softmax']);
    expect(a.opsCounted.find((o) => o.opType === 'Conv')).toEqual({ opType: 'Conv', nodes: 1, macs: 1800, flops: 3700 });
    expect(a.outputs).toEqual([{ name: 'y', dtype: 'float32', shape: [1, 3] }]);
    expect(a.precisionMix).toEqual([{ dtype: 'FLOAT', params: 91, bytes: 364, share: 1 }]);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('marks the count incomplete and names the ops it has no rule for', async () => {
    const a = await accountModel(
      handModel((g, x) => {
        const [y] = g.addNode({ opType: 'Foo', domain: 'com.example', inputs: [x], outputs: ['foo'] });
        return g.addNode({ opType: 'Einsum', inputs: [y], outputs: ['ein'], attributes: {} })[0];
      }),
    );
    expect(a.complete).toBe(false);
    expect(a.unknownOps).toEqual(['Einsum', 'com.example::Foo']);
    // the Gemm after the unknown ops has no known input shape: left out, and said so
    expect(a.uncountedNodes).toBe(2);
    expect(a.macs).toBe(1800);
    expect(a.notes.join(' ')).toMatch(/Einsum/);
  });

  it('needs concrete input shapes for symbolic dimensions, and says so', async () => {
    const det = await zooModel('ppocr-det');
    const open = await accountModel(det.bytes);
    expect(open.complete).toBe(false);
    expect(open.notes.join(' ')).toMatch(/inputShapes/);
    const fixed = await accountModel(det.bytes, { inputShapes: { x: [1, 3, 320, 320] } });
    expect(fixed.complete).toBe(true);
    expect(fixed.macs).toBeGreaterThan(open.macs);
    expect(fixed.outputs[0]!.shape).toEqual([1, 1, 320, 320]);
  });

  it('agrees with the analytic params and MACs of every generated zoo model', async () => {
    const generated = parseZoo(zoo).filter(isGenerated);
    expect(generated.length).toBeGreaterThanOrEqual(50);
    for (const z of generated) {
      const built = await buildGeneratedModel(z);
      const counted = await accountModel(built.files[0]!.bytes);
      const spec = accountSpec(z.spec);
      expect({ id: z.id, params: counted.params, macs: counted.macs, complete: counted.complete }).toEqual({ id: z.id, ...spec, complete: true });
    }
  });

  it('reports precision mix and sparsity of variants', async () => {
    const m = await zooModel('mlp-s');
    const half = await forgeFp16(m.bytes);
    expect(half.report.accounting.precisionMix[0]).toMatchObject({ dtype: 'FLOAT16', share: 1 });
    expect(half.report.accounting.macsByDtype).toEqual({ FLOAT16: m.entry.accounting.macs });
    const pruned = await forgeMagnitudePrune(m.bytes, { sparsity: 0.75 });
    const kernels = 256 * 128 + 128 * 64 + 64 * 10;
    expect(pruned.report.accounting.params - pruned.report.accounting.nonZeroParams).toBe(Math.floor(0.75 * 256 * 128) + Math.floor(0.75 * 128 * 64) + Math.floor(0.75 * 64 * 10));
    expect(pruned.report.accounting.sparsity).toBeCloseTo((0.75 * kernels) / m.entry.accounting.params, 3);
  });
});
