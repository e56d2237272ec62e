import { describe, expect, it } from 'vitest';
import { HintedError } from '../core/serialized-error.js';
import { float, int, ints } from '../onnx/attributes.js';
import { decodeModel, encodeModel } from '../onnx/codec.js';
import { GraphBuilder, makeModel } from '../onnx/graph-builder.js';
import { DataType } from '../onnx/proto.js';
import { float32Tensor } from '../onnx/tensor.js';
import { finishModel, prepareModel } from './prepare-model.js';
import { runModel } from './test-fixtures.node.js';
import { upgradeOpset } from './upgrade-opset.js';

/** An opset-9 graph using the ops whose form changed by opset 13: Clip, Slice, Unsqueeze, Squeeze, Softmax on a middle axis. */
function opset9Model(extraOp?: string): Uint8Array {
  const g = new GraphBuilder('old');
  g.addInput('x', DataType.FLOAT, [1, 3, 4, 4]);
  g.addInitializer(float32Tensor('w', [3, 3, 1, 1], Float32Array.from({ length: 9 }, (_, i) => (i % 4) - 1.5)));
  const [c] = g.addNode({ opType: 'Conv', inputs: ['x', 'w'], outputs: ['c'], attributes: { kernel_shape: ints([1, 1]) } });
  const [clip] = g.addNode({ opType: 'Clip', inputs: [c], outputs: ['clip'], attributes: { min: float(-0.5), max: float(0.8) } });
  const [sl] = g.addNode({ opType: 'Slice', inputs: [clip], outputs: ['sl'], attributes: { starts: ints([1]), ends: ints([3]), axes: ints([2]) } });
  const [un] = g.addNode({ opType: 'Unsqueeze', inputs: [sl], outputs: ['un'], attributes: { axes: ints([0]) } });
  const [sq] = g.addNode({ opType: 'Squeeze', inputs: [un], outputs: ['sq'], attributes: { axes: ints([0]) } });
  let y: string = g.addNode({ opType: 'Softmax', inputs: [sq], outputs: ['y'], attributes: { axis: int(1) } })[0];
  if (extraOp) y = g.addNode({ opType: extraOp, name: 'legacy', inputs: [y], outputs: ['z'] })[0];
  g.addOutput(y, DataType.FLOAT, [1, 3, 2, 4]);
  return encodeModel(makeModel(g.toGraph(), { producerName: 'test', opsetVersion: 9, irVersion: 4 }));
}

const entry = { inputs: [{ name: 'x', shape: [1, 3, 4, 4], dtype: 'float32' as const }], outputs: [{ name: 'y', shape: [1, 3, 2, 4], dtype: 'float32' as const }] };

describe('upgradeOpset', () => {
  it('raises opset 9 to 13 with the same outputs, rewriting the ops whose form changed', async () => {
    const old = opset9Model();
    const p = prepareModel(old, 'test');
    const changes = upgradeOpset(p, 13, 'test');
    const upgraded = finishModel(p, 'test', {});
    expect(changes[0]).toBe('opset 9 → 13');
    expect(changes.join('\n')).toMatch(/Clip: min\/max attributes → inputs/);
    expect(changes.join('\n')).toMatch(/Softmax: axis semantics/);
    expect(Number(decodeModel(upgraded).opsetImport[0]!.version)).toBe(13);
    const x = [[Float32Array.from({ length: 48 }, (_, i) => Math.sin(i))]];
    const [a, b] = [await runModel(old, entry as never, x), await runModel(upgraded, entry as never, x)];
    expect(Array.from(b[0]![0]!)).toEqual(Array.from(a[0]![0]!));
  });

  it('stops with the node named when an op has no upgrade rule', () => {
    const p = prepareModel(opset9Model('Scatter'), 'int8-qdq');
    expect(() => upgradeOpset(p, 13, 'int8-qdq')).toThrowError(HintedError);
    expect(() => upgradeOpset(prepareModel(opset9Model('Scatter'), 'int8-qdq'), 13, 'int8-qdq')).toThrow(/node "legacy" \(Scatter\) blocks the opset upgrade 9 → 13/);
  });
});
