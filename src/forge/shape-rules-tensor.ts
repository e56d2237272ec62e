import { getAttribute } from '../onnx/attributes.js';
import { DataType, type ITensorProto, type NodeProto } from '../onnx/proto.js';
import { readTensor } from '../onnx/tensor.js';
import type { ShapeRule } from './shape-rules-nn.js';
import { compareValues, sliceValues, transposeValues } from './value-ops.js';
import { attrInt, attrInts, broadcastShapes, type Dim, isFullyKnown, normAxis, numel, type TensorInfo } from './tensor-info.js';

/**
 * Type/shape rules for elementwise ops, normalisations and data movement, with value
 * propagation for the small integer tensors that describe shapes. Which input holds axes,
 * pads or scales depends on the opset (attributes before the op's change, inputs after).
 */

export const UNARY_OPS = [
  'Relu', 'LeakyRelu', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Tanh', 'Erf', 'Exp', 'Log', 'Sqrt', 'Abs', 'Neg',
  'Reciprocal', 'Floor', 'Ceil', 'Round', 'Sign', 'Elu', 'Selu', 'Celu', 'Softplus', 'Softsign', 'Gelu', 'Mish',
  'Sin', 'Cos', 'ThresholdedRelu', 'Identity', 'Clip', 'Softmax', 'LogSoftmax', 'Hardmax', 'LpNormalization',
  'InstanceNormalization', 'LRN', 'BatchNormalization', 'LayerNormalization', 'Dropout', 'Not', 'IsNaN', 'IsInf',
] as const;
export const BINARY_OPS = ['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Sum', 'Mean', 'PRelu', 'Mod', 'BitShift'] as const;
const COMPARE_OPS = ['Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'And', 'Or', 'Xor'];

const unary: ShapeRule = (node, ins) => {
  const x = ins[0];
  const out: TensorInfo = { dtype: x?.dtype, shape: x?.shape };
  if (node.opType === 'Identity' && x?.values) out.values = x.values;
  if (node.opType === 'Not' && x?.values) out.values = x.values.map((v) => (v ? 0 : 1));
  if (node.opType === 'Dropout') return [out, { dtype: DataType.BOOL, shape: x?.shape }];
  return [out];
};

function elementwise(a: number[], b: number[], op: string): number[] | undefined {
  const n = Math.max(a.length, b.length);
  if ((a.length !== n && a.length !== 1) || (b.length !== n && b.length !== 1)) return undefined;
  const f: Record<string, (x: number, y: number) => number> = { Add: (x, y) => x + y, Sub: (x, y) => x - y, Mul: (x, y) => x * y, Div: (x, y) => Math.trunc(x / y) };
  const fn = f[op];
  if (!fn) return undefined;
  return Array.from({ length: n }, (_, i) => fn(a[a.length === 1 ? 0 : i]!, b[b.length === 1 ? 0 : i]!));
}

const binary: ShapeRule = (node, ins) => {
  let shape = ins[0]?.shape;
  for (const t of ins.slice(1)) shape = broadcastShapes(shape, t?.shape);
  const out: TensorInfo = { dtype: ins[0]?.dtype, shape };
  const [a, b] = [ins[0]?.values, ins[1]?.values];
  if (a && b && ins.length === 2 && isInt(ins[0]?.dtype)) {
    const v = elementwise(a, b, node.opType ?? '');
    if (v) out.values = v;
  }
  return [out];
};

/** Comparisons of known small values (shape arithmetic deciding an If) keep their values, 1 for true. */
const compare: ShapeRule = (node, ins) => {
  const out: TensorInfo = { dtype: DataType.BOOL, shape: broadcastShapes(ins[0]?.shape, ins[1]?.shape) };
  const values = ins[0]?.values && ins[1]?.values ? compareValues(node.opType ?? '', ins[0].values, ins[1].values) : undefined;
  if (values) out.values = values;
  return [out];
};
const where: ShapeRule = (_node, ins) => [{ dtype: ins[1]?.dtype, shape: broadcastShapes(broadcastShapes(ins[0]?.shape, ins[1]?.shape), ins[2]?.shape) }];

const isInt = (t: DataType | undefined) => t === DataType.INT64 || t === DataType.INT32;

/** The axes of Squeeze/Unsqueeze/Reduce*: an attribute before `inputFromOpset`, input 1 from it. */
function axesOf(node: NodeProto, ins: (TensorInfo | undefined)[], opset: number, inputFromOpset: number): number[] | undefined | 'unknown' {
  if (opset >= inputFromOpset) return node.input[1] ? (ins[1]?.values ?? 'unknown') : undefined;
  return attrInts(node, 'axes');
}

const cast: ShapeRule = (node, ins) => {
  const to = attrInt(node, 'to', DataType.FLOAT) as DataType;
  const out: TensorInfo = { dtype: to, shape: ins[0]?.shape };
  if (ins[0]?.values && (isInt(to) || to === DataType.BOOL)) out.values = ins[0].values.map((v) => (to === DataType.BOOL ? (v ? 1 : 0) : Math.trunc(v)));
  return [out];
};

const shapeOp: ShapeRule = (node, ins) => {
  const s = ins[0]?.shape;
  if (!s) return [{ dtype: DataType.INT64, shape: [undefined] }];
  const start = normAxis(attrInt(node, 'start', 0), s.length);
  const end = normAxis(attrInt(node, 'end', s.length), s.length);
  const dims = s.slice(Math.max(0, start), Math.min(s.length, end));
  const out: TensorInfo = { dtype: DataType.INT64, shape: [dims.length] };
  if (isFullyKnown(dims)) out.values = dims;
  return [out];
};

const reshape: ShapeRule = (node, ins) => {
  const x = ins[0]?.shape;
  const target = ins[1]?.values ?? attrInts(node, 'shape');
  const out: TensorInfo = { dtype: ins[0]?.dtype, shape: undefined };
  if (ins[0]?.values) out.values = ins[0].values;
  if (!target) return [out];
  const allowZero = attrInt(node, 'allowzero', 0) === 1;
  const dims: Dim[] = target.map((d, i) => (d === 0 && !allowZero ? x?.[i] : d === -1 ? undefined : d));
  const inferIdx = target.indexOf(-1);
  if (inferIdx >= 0 && isFullyKnown(x)) {
    const total = x.reduce((a, d) => a * d, 1);
    const rest = dims.reduce<number | undefined>((a, d, i) => (i === inferIdx || a === undefined || d === undefined ? (i === inferIdx ? a : undefined) : a * d), 1);
    if (rest !== undefined && rest > 0) dims[inferIdx] = total / rest;
  }
  out.shape = dims;
  return [out];
};

const flatten: ShapeRule = (node, ins) => {
  const x = ins[0]?.shape;
  if (!x) return [{ dtype: ins[0]?.dtype, shape: [undefined, undefined] }];
  const axis = normAxis(attrInt(node, 'axis', 1), x.length);
  const prod = (d: Dim[]) => (isFullyKnown(d) ? d.reduce((a, v) => a * v, 1) : undefined);
  return [{ dtype: ins[0]?.dtype, shape: [prod(x.slice(0, axis)), prod(x.slice(axis))] }];
};

const transpose: ShapeRule = (node, ins) => {
  const x = ins[0]?.shape;
  const perm = attrInts(node, 'perm') ?? x?.map((_, i) => x.length - 1 - i);
  const out: TensorInfo = { dtype: ins[0]?.dtype, shape: x && perm ? perm.map((p) => x[p]) : undefined };
  const values = ins[0]?.values && isFullyKnown(x) && perm ? transposeValues(ins[0].values, x, perm) : undefined;
  if (values) out.values = values;
  return [out];
};

const concat: ShapeRule = (node, ins) => {
  const shapes = ins.map((t) => t?.shape);
  const first = shapes[0];
  const dtype = ins[0]?.dtype;
  if (!first || shapes.some((s) => !s)) return [{ dtype, shape: undefined }];
  const axis = normAxis(attrInt(node, 'axis', 0), first.length);
  const shape = first.map((d, i) => (i === axis ? shapes.reduce<Dim>((a, s) => (a === undefined || s![i] === undefined ? undefined : a + s![i]!), 0) : d));
  const out: TensorInfo = { dtype, shape };
  if (ins.every((t) => t?.values) && first.length === 1) out.values = ins.flatMap((t) => t!.values!);
  return [out];
};

const squeeze: ShapeRule = (node, ins, opset) => {
  const x = ins[0]?.shape;
  const axes = axesOf(node, ins, opset, 13);
  const out: TensorInfo = { dtype: ins[0]?.dtype, shape: undefined };
  if (ins[0]?.values) out.values = ins[0].values;
  if (!x || axes === 'unknown') return [out];
  const drop = new Set((axes ?? x.flatMap((d, i) => (d === 1 ? [i] : []))).map((a) => normAxis(a, x.length)));
  out.shape = x.filter((_, i) => !drop.has(i));
  return [out];
};

const unsqueeze: ShapeRule = (node, ins, opset) => {
  const x = ins[0]?.shape;
  const axes = axesOf(node, ins, opset, 13);
  const out: TensorInfo = { dtype: ins[0]?.dtype, shape: undefined };
  if (ins[0]?.values) out.values = ins[0].values;
  if (!x || !axes || axes === 'unknown') return [out];
  const rank = x.length + axes.length;
  const set = new Set(axes.map((a) => normAxis(a, rank)));
  const shape: Dim[] = [];
  let j = 0;
  for (let i = 0; i < rank; i++) shape.push(set.has(i) ? 1 : x[j++]);
  out.shape = shape;
  return [out];
};

const gather: ShapeRule = (node, ins) => {
  const data = ins[0]?.shape;
  const idx = ins[1]?.shape;
  const dtype = ins[0]?.dtype;
  if (!data || !idx) return [{ dtype, shape: undefined }];
  const axis = normAxis(attrInt(node, 'axis', 0), data.length);
  const out: TensorInfo = { dtype, shape: [...data.slice(0, axis), ...idx, ...data.slice(axis + 1)] };
  const dv = ins[0]?.values;
  const iv = ins[1]?.values;
  if (dv && iv && data.length === 1) out.values = iv.map((i) => dv[i < 0 ? i + dv.length : i]!);
  return [out];
};

const slice: ShapeRule = (node, ins, opset) => {
  const x = ins[0]?.shape;
  const dtype = ins[0]?.dtype;
  const starts = opset >= 10 ? ins[1]?.values : attrInts(node, 'starts');
  const ends = opset >= 10 ? ins[2]?.values : attrInts(node, 'ends');
  const axes = (opset >= 10 ? (node.input[3] ? ins[3]?.values : undefined) : attrInts(node, 'axes')) ?? starts?.map((_, i) => i);
  const steps = (opset >= 10 && node.input[4] ? ins[4]?.values : undefined) ?? starts?.map(() => 1);
  if (!x || !starts || !ends || !axes || !steps) return [{ dtype, shape: x?.map(() => undefined) }];
  const shape = [...x];
  const ranges: [number, number, number][] = [];
  axes.forEach((a, i) => {
    const ax = normAxis(a, x.length);
    const d = x[ax];
    if (d === undefined) return void (shape[ax] = undefined);
    const step = steps[i]!;
    const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
    let s = starts[i]! < 0 ? starts[i]! + d : starts[i]!;
    let e = ends[i]! < 0 ? ends[i]! + d : ends[i]!;
    s = step > 0 ? clamp(s, 0, d) : clamp(s, 0, d - 1);
    e = step > 0 ? clamp(e, 0, d) : clamp(e, -1, d - 1);
    shape[ax] = Math.max(0, Math.ceil((e - s) / step));
    ranges[ax] = [s, e, step];
  });
  const out: TensorInfo = { dtype, shape };
  const v = ins[0]?.values;
  if (v && isFullyKnown(x) && isFullyKnown(shape)) {
    const values = sliceValues(v, x, shape, ranges);
    if (values) out.values = values;
  }
  return [out];
};

const reduce: ShapeRule = (node, ins, opset) => {
  const x = ins[0]?.shape;
  const dtype = node.opType === 'ArgMax' || node.opType === 'ArgMin' ? DataType.INT64 : ins[0]?.dtype;
  const keep = attrInt(node, 'keepdims', 1) === 1;
  const axesRaw = node.opType?.startsWith('Arg') ? [attrInt(node, 'axis', 0)] : axesOf(node, ins, opset, node.opType === 'ReduceSum' ? 13 : 18);
  if (!x || axesRaw === 'unknown') return [{ dtype, shape: undefined }];
  const noop = attrInt(node, 'noop_with_empty_axes', 0) === 1;
  if ((!axesRaw || axesRaw.length === 0) && noop) return [{ dtype, shape: x }];
  const axes = new Set((axesRaw && axesRaw.length > 0 ? axesRaw : x.map((_, i) => i)).map((a) => normAxis(a, x.length)));
  return [{ dtype, shape: keep ? x.map((d, i) => (axes.has(i) ? 1 : d)) : x.filter((_, i) => !axes.has(i)) }];
};

const resize: ShapeRule = (node, ins, opset) => {
  const x = ins[0]?.shape;
  const dtype = ins[0]?.dtype;
  if (!x) return [{ dtype, shape: undefined }];
  const sizes = opset >= 11 && node.input[3] ? ins[3]?.values : undefined;
  if (sizes) return [{ dtype, shape: sizes }];
  const scales = ins[opset >= 11 ? 2 : 1]?.values;
  if (!scales) return [{ dtype, shape: x.map(() => undefined) }];
  return [{ dtype, shape: x.map((d, i) => (d === undefined ? undefined : Math.floor(d * scales[i]!))) }];
};

const pad: ShapeRule = (node, ins, opset) => {
  const x = ins[0]?.shape;
  const pads = opset >= 11 ? ins[1]?.values : (attrInts(node, 'pads') ?? attrInts(node, 'paddings'));
  if (!x || !pads || node.input[3]) return [{ dtype: ins[0]?.dtype, shape: x?.map(() => undefined) }];
  return [{ dtype: ins[0]?.dtype, shape: x.map((d, i) => (d === undefined ? undefined : d + pads[i]! + pads[i + x.length]!)) }];
};

const constantOfShape: ShapeRule = (node, ins) => {
  const t = getAttribute(node, 'value') as ITensorProto | undefined;
  const dtype = (t?.dataType ?? DataType.FLOAT) as DataType;
  const shape = ins[0]?.values;
  const out: TensorInfo = { dtype, shape: shape ?? undefined };
  const n = numel(shape);
  // small integer fills (zeros of a padding spec) keep their values
  if (n !== undefined && n <= 64 && isInt(dtype)) out.values = Array<number>(n).fill(t ? Number(readTensor(t).data[0] ?? 0) : 0);
  return [out];
};

const expand: ShapeRule = (_node, ins) => [{ dtype: ins[0]?.dtype, shape: ins[1]?.values ? broadcastShapes(ins[0]?.shape, ins[1].values) : undefined }];
const layerNorm: ShapeRule = (node, ins) => {
  const x = ins[0]?.shape;
  const axis = x ? normAxis(attrInt(node, 'axis', -1), x.length) : 0;
  const stat = x ? x.map((d, i) => (i < axis ? d : 1)) : undefined;
  return [{ dtype: ins[0]?.dtype, shape: x }, { dtype: DataType.FLOAT, shape: stat }, { dtype: DataType.FLOAT, shape: stat }];
};

const quantize: ShapeRule = (node, ins) => [{ dtype: node.input[2] ? ins[2]?.dtype : DataType.UINT8, shape: ins[0]?.shape }];
const dequantize: ShapeRule = (_node, ins) => [{ dtype: ins[1]?.dtype ?? DataType.FLOAT, shape: ins[0]?.shape }];
const dynQuant: ShapeRule = (_node, ins) => [{ dtype: DataType.UINT8, shape: ins[0]?.shape }, { dtype: DataType.FLOAT, shape: [] }, { dtype: DataType.UINT8, shape: [] }];

export const TENSOR_RULES: Record<string, ShapeRule> = {
  ...Object.fromEntries(UNARY_OPS.map((op) => [op, unary])),
  ...Object.fromEntries(BINARY_OPS.map((op) => [op, binary])),
  ...Object.fromEntries(COMPARE_OPS.map((op) => [op, compare])),
  LayerNormalization: layerNorm,
  Where: where,
  Cast: cast,
  Shape: shapeOp,
  Size: (_node, ins) => {
    const n = numel(ins[0]?.shape);
    return [{ dtype: DataType.INT64, shape: [], ...(n === undefined ? {} : { values: [n] }) }];
  },
  Reshape: reshape,
  Flatten: flatten,
  Transpose: transpose,
  Concat: concat,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Gather: gather,
  Slice: slice,
  ReduceMean: reduce,
  ReduceSum: reduce,
  ReduceMax: reduce,
  ReduceMin: reduce,
  ReduceProd: reduce,
  ReduceL2: reduce,
  ReduceSumSquare: reduce,
  ReduceLogSumExp: reduce,
  ArgMax: reduce,
  ArgMin: reduce,
  Resize: resize,
  Upsample: resize,
  Pad: pad,
  ConstantOfShape: constantOfShape,
  Expand: expand,
  QuantizeLinear: quantize,
  DequantizeLinear: dequantize,
  DynamicQuantizeLinear: dynQuant,
};
