import { attrBool, attrInts, attrStrings } from './tfjs-attrs.js';
import type { TfjsGraphNode } from './tfjs-model-files.js';

/**
 * Per-op costs over a TensorFlow graph as TF.js runs it, batch as fed. The same conventions as the
 * ONNX counter (src/forge/op-costs.ts), so TF.js and ONNX figures of one model can be compared.
 */
export const TFJS_FLOPS_METHOD =
  'counted over the TF.js graph with every tensor shape taken from one run of the graph on TF.js\'s cpu backend (batch 1): ' +
  'FLOPs = 2 × MACs of Conv2D/Conv3D/DepthwiseConv2dNative/Conv2DBackpropInput/MatMul/BatchMatMul (and the fused _FusedConv2D/FusedDepthwiseConv2dNative/_FusedMatMul) ' +
  '+ 1 per output element for bias adds (fused or not), elementwise arithmetic and activations (Sigmoid/Tanh/Erf: 4; fused activations the same) ' +
  '+ pools: kernel size per output element, reductions (Mean, Sum, Max, …): 1 per input element ' +
  '+ Softmax 3, FusedBatchNorm 2 (fused or not), ResizeBilinear 4 per output element; ' +
  'data movement (Reshape, Pad, ConcatV2, Identity, ResizeNearestNeighbor, …) 0';

export type TfjsOpCost =
  | { state: 'counted'; macs: number; flops: number }
  /** no rule for the op, or for one of its fused parts (named in `op`) */
  | { state: 'no-rule'; op: string }
  | { state: 'no-shape' };

type Shape = readonly number[];

const PER_ELEMENT: Readonly<Record<string, number>> = {
  Add: 1, AddV2: 1, Sub: 1, Mul: 1, RealDiv: 1, Div: 1, DivNoNan: 1, FloorDiv: 1, FloorMod: 1, Mod: 1, Maximum: 1, Minimum: 1, Pow: 1,
  SquaredDifference: 2, BiasAdd: 1, Relu: 1, Relu6: 1, Elu: 1, Selu: 1, LeakyRelu: 1, Prelu: 1, Neg: 1, Abs: 1, Sqrt: 1, Rsqrt: 1,
  Square: 1, Reciprocal: 1, Inv: 1, Exp: 1, Expm1: 1, Log: 1, Log1p: 1, Floor: 1, Ceil: 1, Round: 1, Rint: 1, Sign: 1, Softplus: 1,
  Softsign: 1, ClipByValue: 1, Sin: 1, Cos: 1, Equal: 1, NotEqual: 1, Less: 1, LessEqual: 1, Greater: 1, GreaterEqual: 1,
  LogicalAnd: 1, LogicalOr: 1, LogicalNot: 1, Select: 1, SelectV2: 1, IsNan: 1, Sigmoid: 4, Tanh: 4, Erf: 4,
  Softmax: 3, LogSoftmax: 3, FusedBatchNorm: 2, FusedBatchNormV2: 2, FusedBatchNormV3: 2, ResizeBilinear: 4,
};

/** Ops that only move, relabel or create data. */
const ZERO_COST = new Set([
  'Identity', 'IdentityN', 'Snapshot', 'StopGradient', 'NoOp', 'Reshape', 'Squeeze', 'ExpandDims', 'Transpose', 'ConcatV2', 'Concat',
  'Pack', 'Unpack', 'Split', 'SplitV', 'Slice', 'StridedSlice', 'Pad', 'PadV2', 'MirrorPad', 'Tile', 'Gather', 'GatherV2', 'GatherNd',
  'Shape', 'ShapeN', 'Size', 'Rank', 'Fill', 'ZerosLike', 'OnesLike', 'Range', 'Cast', 'BroadcastTo', 'DepthToSpace', 'SpaceToDepth',
  'ResizeNearestNeighbor', 'Reverse', 'ReverseV2', 'OneHot',
]);

const POOLS = new Set(['MaxPool', 'AvgPool', 'MaxPoolWithArgmax', 'MaxPool3D', 'AvgPool3D']);
const REDUCTIONS = new Set(['Mean', 'Sum', 'Max', 'Min', 'Prod', 'All', 'Any', 'ArgMax', 'ArgMin', 'EuclideanNorm']);

/** Per output element, by the lower-cased names TF.js reads from `fused_ops`. */
const FUSED_PART: Readonly<Record<string, number>> = {
  biasadd: 1, fusedbatchnorm: 2, relu: 1, relu6: 1, elu: 1, leakyrelu: 1, prelu: 1, sigmoid: 4, tanh: 4,
};

/** MAC rules: (node, input shapes, output shape) → MACs, or undefined when a shape is missing. */
const MAC_RULES: Readonly<Record<string, (node: TfjsGraphNode, ins: (Shape | undefined)[], out: Shape) => number | undefined>> = {
  // filter [kh, kw, (kd,) in, out]: each output element sums over everything but the last filter dim
  Conv2D: (_n, ins, out) => perOutput(ins[1], out, (f) => numel(f.slice(0, -1))),
  Conv3D: (_n, ins, out) => perOutput(ins[1], out, (f) => numel(f.slice(0, -1))),
  _FusedConv2D: (_n, ins, out) => perOutput(ins[1], out, (f) => numel(f.slice(0, -1))),
  // filter [kh, kw, in, multiplier]: each output channel reads one input channel
  DepthwiseConv2dNative: (_n, ins, out) => perOutput(ins[1], out, (f) => numel(f.slice(0, -2))),
  DepthwiseConv2d: (_n, ins, out) => perOutput(ins[1], out, (f) => numel(f.slice(0, -2))),
  FusedDepthwiseConv2dNative: (_n, ins, out) => perOutput(ins[1], out, (f) => numel(f.slice(0, -2))),
  // transposed conv: every input element (ins[2]) is spread over kh × kw × out-channels outputs; filter [kh, kw, out, in]
  Conv2DBackpropInput: (_n, ins) => (ins[1] && ins[2] ? numel(ins[2]) * numel(ins[1].slice(0, -1)) : undefined),
  MatMul: (n, ins, out) => perOutput(ins[0], out, (a) => (attrBool(n, 'transpose_a') ? a[a.length - 2] : a[a.length - 1])),
  _FusedMatMul: (n, ins, out) => perOutput(ins[0], out, (a) => (attrBool(n, 'transpose_a') ? a[a.length - 2] : a[a.length - 1])),
  BatchMatMul: (n, ins, out) => perOutput(ins[0], out, (a) => (attrBool(n, 'adj_x') ? a[a.length - 2] : a[a.length - 1])),
  BatchMatMulV2: (n, ins, out) => perOutput(ins[0], out, (a) => (attrBool(n, 'adj_x') ? a[a.length - 2] : a[a.length - 1])),
  BatchMatMulV3: (n, ins, out) => perOutput(ins[0], out, (a) => (attrBool(n, 'adj_x') ? a[a.length - 2] : a[a.length - 1])),
};

/** Ops that are not computation at all: weights and graph inputs. */
export const NOT_COMPUTE = new Set(['Const', 'Placeholder', 'PlaceholderWithDefault']);

export function hasTfjsCostRule(op: string): boolean {
  return op in MAC_RULES || op in PER_ELEMENT || ZERO_COST.has(op) || POOLS.has(op) || REDUCTIONS.has(op) || op === 'LRN' || op === 'AddN';
}

/** Cost of one node from its input shapes (non-control inputs, in order) and its first output's shape. */
export function tfjsOpCost(node: TfjsGraphNode, ins: (Shape | undefined)[], out: Shape | undefined): TfjsOpCost {
  const op = node.op;
  if (!hasTfjsCostRule(op)) return { state: 'no-rule', op };
  if (ZERO_COST.has(op)) return { state: 'counted', macs: 0, flops: 0 };
  if (out === undefined) return { state: 'no-shape' };
  const n = numel(out);
  const mm = MAC_RULES[op];
  if (mm) {
    const macs = mm(node, ins, out);
    if (macs === undefined) return { state: 'no-shape' };
    let extra = 0;
    // fused ops: TF.js reads `fused_ops` as [bias or batch norm, activation]
    for (const part of attrStrings(node, 'fused_ops').map((s) => s.toLowerCase())) {
      const perOut = FUSED_PART[part];
      if (perOut === undefined) return { state: 'no-rule', op: `${op}+${part}` };
      extra += perOut * n;
    }
    return { state: 'counted', macs, flops: 2 * macs + extra };
  }
  const perElement = PER_ELEMENT[op];
  if (perElement !== undefined) return { state: 'counted', macs: 0, flops: perElement * n };
  if (op === 'AddN') return { state: 'counted', macs: 0, flops: Math.max(0, ins.length - 1) * n };
  if (POOLS.has(op)) {
    const k = attrInts(node, 'ksize');
    return k ? { state: 'counted', macs: 0, flops: n * numel(k) } : { state: 'no-shape' };
  }
  if (REDUCTIONS.has(op)) return ins[0] ? { state: 'counted', macs: 0, flops: numel(ins[0]) } : { state: 'no-shape' };
  // op === 'LRN': a window of 2r + 1 channels, then scale, power and divide
  const radius = Number(node.attr?.depth_radius?.i ?? 5);
  return { state: 'counted', macs: 0, flops: n * (2 * radius + 1 + 3) };
}

function numel(shape: Shape): number {
  return shape.reduce((a, d) => a * d, 1);
}

function perOutput(shape: Shape | undefined, out: Shape, perOut: (s: Shape) => number | undefined): number | undefined {
  if (!shape) return undefined;
  const k = perOut(shape);
  return k === undefined ? undefined : numel(out) * k;
}
