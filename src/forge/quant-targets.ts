import { getAttribute } from '../onnx/attributes.js';
import { DataType, type NodeProto } from '../onnx/proto.js';
import { readFloat32 } from '../onnx/tensor.js';
import type { NodeNote } from './forge-types.js';
import { transpose2d } from './quantize-math.js';
import type { TensorInfo } from './tensor-info.js';
import type { GraphIndex } from './graph-index.js';
import type { PreparedModel } from './prepare-model.js';

/** A Conv, MatMul or Gemm whose weight is a float32 initializer: what the int8 variants rewrite. */
export interface QuantTarget {
  node: NodeProto;
  /** the graph holding the node (the main graph or a subgraph): new nodes and initializers go there */
  scope: GraphIndex;
  kind: 'conv' | 'matmul' | 'gemm';
  /** the activation operand (input 0) */
  activation: string;
  weight: string;
  /** weights as the integer op wants them: Conv [O, I/g, k…]; MatMul/Gemm [K, N] (Gemm transB undone) */
  weightData: Float32Array;
  weightDims: number[];
  /** axis of the output channels in weightDims: 0 for Conv, 1 for [K, N] */
  channelAxis: number;
  /** Conv B / Gemm C × beta, one value per output channel; absent when the node has no bias */
  bias?: Float32Array;
  /** Gemm alpha (1 otherwise), folded into the weight scales */
  alpha: number;
}

const QUANTIZABLE = new Set(['Conv', 'MatMul', 'Gemm']);

/** Targets in every graph of the model (subgraphs included), in graph order. */
export function findQuantTargets(p: PreparedModel, tensors: Map<string, TensorInfo>, exclude: ReadonlySet<string>): { targets: QuantTarget[]; skipped: NodeNote[] } {
  const all = p.index.scopes().map((s) => findScopeTargets(s, tensors, exclude));
  return { targets: all.flatMap((a) => a.targets), skipped: all.flatMap((a) => a.skipped) };
}

function findScopeTargets(scope: GraphIndex, tensors: Map<string, TensorInfo>, exclude: ReadonlySet<string>): { targets: QuantTarget[]; skipped: NodeNote[] } {
  const targets: QuantTarget[] = [];
  const skipped: NodeNote[] = [];
  // weights visible here: this graph's initializers or an enclosing graph's (outer scope)
  const inits = { get: (n: string) => scope.findInitializer(n)?.tensor, has: (n: string) => scope.findInitializer(n) !== undefined };
  scope.graph.node.forEach((node, i) => {
    const op = node.opType ?? '';
    const label = node.name || `#${i}`;
    const skip = (reason: string) => void skipped.push({ node: label, op, reason });
    if (!QUANTIZABLE.has(op)) return;
    if (exclude.has(node.name ?? '')) return skip('excluded by option');
    const [x, w] = [node.input[0] ?? '', node.input[1] ?? ''];
    const wt = inits.get(w);
    if (!wt) return skip(inits.has(x) ? 'the weight is the first operand' : 'both operands are activations (no weight to quantise)');
    if (wt.dataType !== DataType.FLOAT) return skip('the weight is not float32');
    if (inits.has(x) || tensors.get(x)?.dtype !== DataType.FLOAT) return skip('the first operand is not a float32 activation');
    const dims = (wt.dims ?? []).map(Number);
    const data = readFloat32(wt);
    if (op === 'Conv') {
      const bias = node.input[2] ? inits.get(node.input[2]) : undefined;
      if (node.input[2] && !bias) return skip('the bias is computed, not stored');
      targets.push({ node, scope, kind: 'conv', activation: x, weight: w, weightData: data, weightDims: dims, channelAxis: 0, bias: bias ? readFloat32(bias) : undefined, alpha: 1 });
      return;
    }
    if (dims.length !== 2) return skip(`the weight has rank ${dims.length}, not 2`);
    if (op === 'MatMul') {
      targets.push({ node, scope, kind: 'matmul', activation: x, weight: w, weightData: data, weightDims: dims, channelAxis: 1, alpha: 1 });
      return;
    }
    if (getAttribute(node, 'transA') === 1) return skip('transA = 1');
    const transB = getAttribute(node, 'transB') === 1;
    const [k, n] = transB ? [dims[1]!, dims[0]!] : [dims[0]!, dims[1]!];
    const kn = transB ? transpose2d(data, n, k) : data;
    let bias: Float32Array | undefined;
    if (node.input[2]) {
      const c = inits.get(node.input[2]);
      if (!c || c.dataType !== DataType.FLOAT) return skip('C is computed or not float32');
      const cv = readFloat32(c);
      if (cv.length !== n && cv.length !== 1) return skip(`C has ${cv.length} values, not ${n} or 1`);
      const beta = (getAttribute(node, 'beta') as number | undefined) ?? 1;
      bias = Float32Array.from({ length: n }, (_, j) => beta * cv[cv.length === 1 ? 0 : j]!);
    }
    targets.push({ node, scope, kind: 'gemm', activation: x, weight: w, weightData: kn, weightDims: [k, n], channelAxis: 1, bias, alpha: (getAttribute(node, 'alpha') as number | undefined) ?? 1 });
  });
  return { targets, skipped };
}

/** Remove initializers nothing reads any more (the fp32 weights a rewrite replaced), in every graph; subgraph reads count. */
export function dropUnusedInitializers(p: PreparedModel): void {
  p.index.refresh();
  for (const scope of p.index.scopes()) {
    const g = scope.graph;
    const used = (name: string) => scope.readersAnywhere(name).length > 0 || scope.graphOutputs.has(name);
    g.initializer = g.initializer.filter((t) => used(t.name ?? ''));
    g.input = g.input.filter((i) => !scope.initializers.has(i.name ?? '') || g.initializer.some((t) => t.name === i.name));
  }
  p.index.refresh();
}
