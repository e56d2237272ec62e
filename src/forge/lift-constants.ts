import { getAttribute } from '../onnx/attributes.js';
import { type ITensorProto, onnx } from '../onnx/proto.js';
import { float32Tensor, int64Tensor } from '../onnx/tensor.js';
import type { GraphIndex } from './graph-index.js';

/**
 * Turn `Constant` nodes into initializers, so weights stored either way (paddle2onnx writes
 * every weight as a Constant node) are found by the same lookups. Constants that are graph
 * outputs stay nodes: an initializer cannot be an output in every runtime. Returns how many moved.
 */
export function liftConstants(index: GraphIndex): number {
  const g = index.graph;
  let lifted = 0;
  g.node = g.node.filter((node) => {
    if (node.opType !== 'Constant' || (node.domain && node.domain !== 'ai.onnx')) return true;
    const out = node.output[0];
    if (!out || index.graphOutputs.has(out)) return true;
    const t = constantTensor(node.attribute.map((a) => a.name ?? ''), (name) => getAttribute(node, name));
    if (!t) return true;
    g.initializer.push(onnx.TensorProto.create({ ...t, name: out }));
    lifted++;
    return false;
  });
  if (lifted > 0) index.refresh();
  return lifted;
}

function constantTensor(names: string[], get: (name: string) => unknown): ITensorProto | undefined {
  if (names.includes('value')) return get('value') as ITensorProto;
  if (names.includes('value_float')) return float32Tensor('', [], Float32Array.of(get('value_float') as number));
  if (names.includes('value_floats')) {
    const v = get('value_floats') as number[];
    return float32Tensor('', [v.length], Float32Array.from(v));
  }
  if (names.includes('value_int')) return int64Tensor('', [], [get('value_int') as number]);
  if (names.includes('value_ints')) {
    const v = get('value_ints') as number[];
    return int64Tensor('', [v.length], v);
  }
  return undefined; // sparse or string constants: left alone
}

