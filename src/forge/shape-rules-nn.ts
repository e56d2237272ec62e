import { DataType, type NodeProto } from '../onnx/proto.js';
import { attrInt, attrInts, attrString, type Dim, type TensorInfo } from './tensor-info.js';

/**
 * Output type and shape of the compute-heavy ops (convolutions, pools, matrix products),
 * including their integer and QLinear forms. Each rule gets the node and what is known of its
 * inputs and returns one TensorInfo per output; unknown input shapes give unknown outputs.
 */
export type ShapeRule = (node: NodeProto, ins: (TensorInfo | undefined)[], opset: number) => TensorInfo[];

/** Spatial output size of a sliding window (Conv, pools), per the ONNX operator spec. */
export function windowOutput(node: NodeProto, x: Dim[], kernel: number[], ceilMode = false): Dim[] {
  const spatial = x.slice(2);
  const n = spatial.length;
  const strides = attrInts(node, 'strides') ?? Array<number>(n).fill(1);
  const dilations = attrInts(node, 'dilations') ?? Array<number>(n).fill(1);
  const pads = attrInts(node, 'pads') ?? Array<number>(2 * n).fill(0);
  const autoPad = attrString(node, 'auto_pad', 'NOTSET');
  return spatial.map((d, i) => {
    if (d === undefined) return undefined;
    const s = strides[i] ?? 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return Math.ceil(d / s);
    const effK = ((kernel[i] ?? 1) - 1) * (dilations[i] ?? 1) + 1;
    const padded = autoPad === 'VALID' ? d : d + (pads[i] ?? 0) + (pads[i + n] ?? 0);
    const q = (padded - effK) / s;
    return (ceilMode ? Math.ceil(q) : Math.floor(q)) + 1;
  });
}

function conv(xIdx: number, wIdx: number, dtype: (ins: (TensorInfo | undefined)[]) => DataType | undefined): ShapeRule {
  return (node, ins) => {
    const x = ins[xIdx]?.shape;
    const w = ins[wIdx]?.shape;
    if (!x || !w) return [{ dtype: dtype(ins), shape: undefined }];
    const kernel = attrInts(node, 'kernel_shape') ?? (w.slice(2) as number[]);
    return [{ dtype: dtype(ins), shape: [x[0], w[0], ...windowOutput(node, x, kernel)] }];
  };
}

const convTranspose: ShapeRule = (node, ins) => {
  const x = ins[0]?.shape;
  const w = ins[1]?.shape;
  const dtype = ins[0]?.dtype;
  if (!x || !w) return [{ dtype, shape: undefined }];
  const group = attrInt(node, 'group', 1);
  const n = x.length - 2;
  const outShape = attrInts(node, 'output_shape');
  const channels = w[1] === undefined ? undefined : w[1] * group;
  if (outShape) return [{ dtype, shape: [x[0], channels, ...outShape.slice(-n)] }];
  const kernel = attrInts(node, 'kernel_shape') ?? (w.slice(2) as number[]);
  const strides = attrInts(node, 'strides') ?? Array<number>(n).fill(1);
  const dil = attrInts(node, 'dilations') ?? Array<number>(n).fill(1);
  const pads = attrInts(node, 'pads') ?? Array<number>(2 * n).fill(0);
  const outPad = attrInts(node, 'output_padding') ?? Array<number>(n).fill(0);
  const autoPad = attrString(node, 'auto_pad', 'NOTSET');
  const spatial = x.slice(2).map((d, i) => {
    if (d === undefined) return undefined;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return d * (strides[i] ?? 1);
    return (strides[i] ?? 1) * (d - 1) + (outPad[i] ?? 0) + ((kernel[i] ?? 1) - 1) * (dil[i] ?? 1) + 1 - (pads[i] ?? 0) - (pads[i + n] ?? 0);
  });
  return [{ dtype, shape: [x[0], channels, ...spatial] }];
};

function pool(ceil: boolean): ShapeRule {
  return (node, ins) => {
    const x = ins[0]?.shape;
    const dtype = ins[0]?.dtype;
    const kernel = attrInts(node, 'kernel_shape') ?? [];
    const shape = x ? [x[0], x[1], ...windowOutput(node, x, kernel, ceil && attrInt(node, 'ceil_mode', 0) === 1)] : undefined;
    return [{ dtype, shape }, { dtype: DataType.INT64, shape }];
  };
}

const globalPool: ShapeRule = (_node, ins) => {
  const x = ins[0]?.shape;
  return [{ dtype: ins[0]?.dtype, shape: x ? [x[0], x[1], ...x.slice(2).map(() => 1)] : undefined }];
};

/** numpy.matmul shape of a × b (1-D operands promoted and the added axis dropped). */
export function matmulShape(a: Dim[] | undefined, b: Dim[] | undefined): Dim[] | undefined {
  if (!a || !b || a.length === 0 || b.length === 0) return undefined;
  const aa = a.length === 1 ? [1, a[0]] : a;
  const bb = b.length === 1 ? [b[0], 1] : b;
  const batchA = aa.slice(0, -2);
  const batchB = bb.slice(0, -2);
  const rank = Math.max(batchA.length, batchB.length);
  const batch: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const x = batchA[batchA.length - rank + i] ?? 1;
    const y = batchB[batchB.length - rank + i] ?? 1;
    batch.push(x === 1 ? y : x);
  }
  const out = [...batch, ...(a.length === 1 ? [] : [aa[aa.length - 2]]), ...(b.length === 1 ? [] : [bb[bb.length - 1]])];
  return out;
}

function matmul(aIdx: number, bIdx: number, dtype: (ins: (TensorInfo | undefined)[]) => DataType | undefined): ShapeRule {
  return (_node, ins) => [{ dtype: dtype(ins), shape: matmulShape(ins[aIdx]?.shape, ins[bIdx]?.shape) }];
}

const gemm: ShapeRule = (node, ins) => {
  const a = ins[0]?.shape;
  const b = ins[1]?.shape;
  const m = a ? (attrInt(node, 'transA', 0) ? a[1] : a[0]) : undefined;
  const n = b ? (attrInt(node, 'transB', 0) ? b[0] : b[1]) : undefined;
  return [{ dtype: ins[0]?.dtype, shape: [m, n] }];
};

const matMulNBits: ShapeRule = (node, ins) => {
  const a = ins[0]?.shape;
  return [{ dtype: ins[0]?.dtype, shape: a ? [...a.slice(0, -1), attrInt(node, 'N', 0)] : undefined }];
};

/** Gates per step of the recurrent ops (LSTM: input, output, forget, cell; GRU: update, reset, hidden). */
export const RECURRENT_GATES: Readonly<Record<string, number>> = { LSTM: 4, GRU: 3, RNN: 1, DynamicQuantizeLSTM: 4 };

/** LSTM/GRU/RNN: Y [seq, dirs, batch, hidden] and the last states [dirs, batch, hidden] (layout 1: batch first). */
const recurrent: ShapeRule = (node, ins) => {
  const x = ins[0]?.shape;
  const w = ins[1]?.shape;
  const layout = attrInt(node, 'layout', 0);
  const [seq, batch] = x ? (layout ? [x[1], x[0]] : [x[0], x[1]]) : [undefined, undefined];
  const dirs = w?.[0];
  const hidden = attrInt(node, 'hidden_size', 0) || undefined;
  const y: Dim[] = layout ? [batch, seq, dirs, hidden] : [seq, dirs, batch, hidden];
  const state: Dim[] = layout ? [batch, dirs, hidden] : [dirs, batch, hidden];
  const dtype = ins[0]?.dtype;
  return [{ dtype, shape: y }, { dtype, shape: state }, { dtype, shape: state }];
};

const same = (i: number) => (ins: (TensorInfo | undefined)[]) => ins[i]?.dtype;
const fixed = (t: DataType) => () => t;

export const NN_RULES: Record<string, ShapeRule> = {
  Conv: conv(0, 1, same(0)),
  ConvInteger: conv(0, 1, fixed(DataType.INT32)),
  QLinearConv: conv(0, 3, same(7)),
  ConvTranspose: convTranspose,
  MaxPool: pool(true),
  AveragePool: pool(true),
  LpPool: pool(false),
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  GlobalLpPool: globalPool,
  MatMul: matmul(0, 1, same(0)),
  MatMulInteger: matmul(0, 1, fixed(DataType.INT32)),
  QLinearMatMul: matmul(0, 3, same(7)),
  MatMulIntegerToFloat: matmul(0, 1, fixed(DataType.FLOAT)),
  DynamicQuantizeMatMul: matmul(0, 1, fixed(DataType.FLOAT)),
  MatMulNBits: matMulNBits,
  Gemm: gemm,
  LSTM: recurrent,
  GRU: recurrent,
  RNN: recurrent,
  DynamicQuantizeLSTM: recurrent,
};
