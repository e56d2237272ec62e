import { getAttribute } from '../onnx/attributes.js';
import type { NodeProto } from '../onnx/proto.js';
import { RECURRENT_GATES } from './shape-rules-nn.js';
import { attrInt, attrInts, numel, type TensorInfo } from './tensor-info.js';

/**
 * Compute per node, batch as given. MACs are the multiply-accumulates of the matrix-product
 * ops; FLOPs are 2 × MACs plus the per-element costs below, so a reader can redo any count.
 */
export const FLOPS_METHOD =
  'counted over the ONNX graph after shape inference: FLOPs = 2 × MACs of Conv/ConvTranspose/Gemm/MatMul (and their integer and QLinear forms) ' +
  '+ 1 per output element for bias adds, elementwise arithmetic and activations (Sigmoid/HardSigmoid/HardSwish/Tanh/Erf/Gelu: 4) ' +
  '+ pools: kernel size per output element, global pools and reductions: 1 per input element ' +
  '+ Softmax 3, LayerNormalization/InstanceNormalization 5, BatchNormalization 2, Quantize/DequantizeLinear 2, DynamicQuantizeLinear 4 per element; ' +
  'data movement (Reshape, Transpose, Concat, Cast, …) 0; ' +
  'LSTM/GRU/RNN: MACs = steps × directions × batch × gates × hidden × (input + hidden), FLOPs = 2 × MACs + 6 per gate element (bias, activation) + 3 per hidden element (state update); ' +
  'If: the branch its condition picks when the input shapes decide it, else the costlier branch (more MACs, then more FLOPs: an upper bound; both branches\' parameters are counted); Loop: body × trip count when constant, else one iteration (complete = false); Scan: body × scan length';

export interface OpCost {
  macs: number;
  flops: number;
}

/** FLOPs per output element of elementwise ops; anything listed here is "counted". */
const PER_ELEMENT: Readonly<Record<string, number>> = {
  Add: 1, Sub: 1, Mul: 1, Div: 1, Pow: 1, Max: 1, Min: 1, Sum: 1, Mean: 1, Mod: 1, PRelu: 1,
  Relu: 1, LeakyRelu: 1, Clip: 1, Abs: 1, Neg: 1, Sqrt: 1, Reciprocal: 1, Exp: 1, Log: 1, Sign: 1,
  Floor: 1, Ceil: 1, Round: 1, Elu: 1, Selu: 1, Celu: 1, Softplus: 1, Softsign: 1, ThresholdedRelu: 1, Sin: 1, Cos: 1,
  Sigmoid: 4, HardSigmoid: 4, HardSwish: 4, Tanh: 4, Erf: 4, Gelu: 4, Mish: 4,
  Equal: 1, Less: 1, Greater: 1, LessOrEqual: 1, GreaterOrEqual: 1, And: 1, Or: 1, Xor: 1, Not: 1, Where: 1, IsNaN: 1, IsInf: 1,
  Softmax: 3, LogSoftmax: 3, Hardmax: 1, LpNormalization: 3,
  LayerNormalization: 5, InstanceNormalization: 5, BatchNormalization: 2,
  QuantizeLinear: 2, DequantizeLinear: 2, DynamicQuantizeLinear: 4,
};

/** Ops that only move or relabel data. */
const ZERO_COST = new Set([
  'Reshape', 'Flatten', 'Transpose', 'Concat', 'Split', 'Slice', 'Squeeze', 'Unsqueeze', 'Gather', 'Shape', 'Size',
  'Identity', 'Cast', 'Dropout', 'Expand', 'Tile', 'Pad', 'ConstantOfShape', 'Constant', 'DepthToSpace', 'SpaceToDepth',
]);

/** Whether the counter has a rule for this op (else the count is incomplete). Control flow is counted in subgraph-costs.ts. */
export function isCountedOp(op: string): boolean {
  return op in RECURRENT_GATES || op in PER_ELEMENT || ZERO_COST.has(op) || op in MATMUL_LIKE || POOLS.has(op) || REDUCTIONS.has(op) || op === 'Resize' || op === 'Upsample' || op === 'LRN';
}

const POOLS = new Set(['MaxPool', 'AveragePool', 'LpPool']);
const REDUCTIONS = new Set(['GlobalAveragePool', 'GlobalMaxPool', 'GlobalLpPool', 'ReduceMean', 'ReduceSum', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL2', 'ReduceSumSquare', 'ReduceLogSumExp', 'ArgMax', 'ArgMin']);

type MacRule = (node: NodeProto, ins: (TensorInfo | undefined)[], outs: TensorInfo[]) => { macs: number; biasElements: number } | undefined;

/** input index of the weight and of the bias, per op */
function convMacs(w: number, b: number): MacRule {
  return (node, ins, outs) => {
    const out = numel(outs[0]?.shape);
    const ws = ins[w]?.shape;
    const perOut = ws ? numel(ws.slice(1)) : undefined;
    if (out === undefined || perOut === undefined) return undefined;
    return { macs: out * perOut, biasElements: node.input[b] ? out : 0 };
  };
}

const convTransposeMacs: MacRule = (node, ins) => {
  const inp = numel(ins[0]?.shape);
  const ws = ins[1]?.shape;
  const perIn = ws ? numel(ws.slice(1)) : undefined;
  if (inp === undefined || perIn === undefined) return undefined;
  return { macs: inp * perIn, biasElements: 0 }; // bias counted below from the output size
};

function matmulMacs(a: number, k?: (node: NodeProto) => number): MacRule {
  return (node, ins, outs) => {
    const out = numel(outs[0]?.shape);
    const as = ins[a]?.shape;
    const kk = k ? k(node) : as?.[as.length - 1];
    if (out === undefined || kk === undefined) return undefined;
    return { macs: out * kk, biasElements: 0 };
  };
}

const gemmMacs: MacRule = (node, ins, outs) => {
  const out = numel(outs[0]?.shape);
  const as = ins[0]?.shape;
  const k = as ? (attrInt(node, 'transA', 0) ? as[0] : as[1]) : undefined;
  if (out === undefined || k === undefined) return undefined;
  const beta = getAttribute(node, 'beta');
  return { macs: out * k, biasElements: node.input[2] && beta !== 0 ? out : 0 };
};

const MATMUL_LIKE: Readonly<Record<string, MacRule>> = {
  Conv: convMacs(1, 2),
  ConvInteger: convMacs(1, 99),
  QLinearConv: convMacs(3, 8),
  ConvTranspose: convTransposeMacs,
  MatMul: matmulMacs(0),
  MatMulInteger: matmulMacs(0),
  QLinearMatMul: matmulMacs(0),
  MatMulIntegerToFloat: matmulMacs(0),
  DynamicQuantizeMatMul: matmulMacs(0),
  MatMulNBits: matmulMacs(0, (n) => attrInt(n, 'K', 0)),
  Gemm: gemmMacs,
};

/** Cost of one node, or undefined when a shape it needs is unknown. Call only for counted ops. */
export function opCost(node: NodeProto, ins: (TensorInfo | undefined)[], outs: TensorInfo[]): OpCost | undefined {
  const op = node.opType ?? '';
  const mm = MATMUL_LIKE[op];
  if (mm) {
    const r = mm(node, ins, outs);
    if (!r) return undefined;
    let bias = r.biasElements;
    if (op === 'ConvTranspose' && node.input[2]) bias = numel(outs[0]?.shape) ?? 0;
    return { macs: r.macs, flops: 2 * r.macs + bias };
  }
  if (ZERO_COST.has(op)) return { macs: 0, flops: 0 };
  const gates = RECURRENT_GATES[op];
  if (gates !== undefined) {
    // from X [seq, batch, input] (layout 1: batch first), W [dirs, gates·hidden, input], R [dirs, gates·hidden, hidden]
    const x = ins[0]?.shape ?? [];
    const [steps, batch] = attrInt(node, 'layout', 0) ? [x[1], x[0]] : [x[0], x[1]];
    // DynamicQuantizeLSTM stores W/R transposed: [dirs, input|hidden, 4·hidden]
    const transposed = op === 'DynamicQuantizeLSTM';
    const [dirs, k1, k2] = ins[1]?.shape ?? [];
    const input = transposed ? k1 : k2;
    const hidden = ins[2]?.shape?.[transposed ? 1 : 2];
    if ([steps, dirs, batch, hidden, input].some((d) => d === undefined)) return undefined;
    const units = steps! * dirs! * batch! * hidden!;
    const macs = units * gates * (input! + hidden!);
    return { macs, flops: 2 * macs + units * (gates * 6 + 3) };
  }
  const perElement = PER_ELEMENT[op];
  if (perElement !== undefined) {
    const n = numel(outs[0]?.shape);
    return n === undefined ? undefined : { macs: 0, flops: perElement * n };
  }
  if (POOLS.has(op)) {
    const n = numel(outs[0]?.shape);
    const k = attrInts(node, 'kernel_shape');
    return n === undefined || !k ? undefined : { macs: 0, flops: n * k.reduce((a, b) => a * b, 1) };
  }
  if (REDUCTIONS.has(op)) {
    const n = numel(ins[0]?.shape);
    return n === undefined ? undefined : { macs: 0, flops: n };
  }
  if (op === 'Resize' || op === 'Upsample') {
    const n = numel(outs[0]?.shape);
    const mode = getAttribute(node, 'mode');
    const perOut = mode === 'linear' || mode === 'bilinear' ? 4 : mode === 'cubic' ? 16 : 0;
    return n === undefined ? undefined : { macs: 0, flops: perOut * n };
  }
  if (op === 'LRN') {
    const n = numel(outs[0]?.shape);
    return n === undefined ? undefined : { macs: 0, flops: n * (attrInt(node, 'size', 1) + 3) };
  }
  return undefined;
}
