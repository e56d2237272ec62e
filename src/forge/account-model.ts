import { decodeModel } from '../onnx/codec.js';
import { graphInputs, graphOutputs } from '../onnx/model-info.js';
import { DataType, type ITensorProto } from '../onnx/proto.js';
import { dataTypeName, readTensor } from '../onnx/tensor.js';
import { GraphIndex } from './graph-index.js';
import { inferShapes, type ShapeInferenceOptions } from './infer-shapes.js';
import { liftConstants } from './lift-constants.js';
import { FLOPS_METHOD } from './op-costs.js';
import { sha256Hex } from './sha256.js';
import { countCompute } from './subgraph-costs.js';

/** One graph input or output as the manifest and the runtime adapters describe it. */
export interface IoSpec {
  name: string;
  /** e.g. "float32", "int64", "float16"; ONNX's name when there is no JS one */
  dtype: string;
  /** concrete where known (after inputShapes / batch = 1), else the symbolic name or null */
  shape: (number | string | null)[];
}

export interface PrecisionShare {
  /** ONNX element type name, e.g. "FLOAT", "FLOAT16", "INT8" */
  dtype: string;
  params: number;
  bytes: number;
  /** share of all parameters (0..1) */
  share: number;
}

export interface OpCount {
  opType: string;
  nodes: number;
  macs: number;
  flops: number;
}

/** What the graph counter found; DESIGN's "accounting" of a model or variant. */
export interface GraphAccounting {
  /** stored numbers: elements of every initializer and Constant, except int64/bool/string (shapes, axes, indices) and quantisation scales/zero points */
  params: number;
  /** elements of quantisation scales and zero points (not in params, so sparsity means weights) */
  quantizationParams: number;
  nonZeroParams: number;
  /** 1 − nonZeroParams / params */
  sparsity: number;
  macs: number;
  flops: number;
  /** false when some op has no counting rule or a shape it needs stayed unknown */
  complete: boolean;
  /** op types the counter has no rule for (their cost is missing from macs/flops) */
  unknownOps: string[];
  /** nodes of counted ops left out because a shape they need is unknown */
  uncountedNodes: number;
  /** per op type, sorted by name */
  opsCounted: OpCount[];
  /** MACs by the element type of the op's first input (FLOAT, FLOAT16, UINT8, INT8, …) */
  macsByDtype: Record<string, number>;
  precisionMix: PrecisionShare[];
  flopsMethod: string;
  inputs: IoSpec[];
  outputs: IoSpec[];
  bytes: number;
  sha256: string;
  notes: string[];
}

export type AccountOptions = ShapeInferenceOptions;

const NOT_PARAMS = new Set<number>([DataType.INT64, DataType.BOOL, DataType.STRING]);
const JS_DTYPE: Partial<Record<number, string>> = {
  [DataType.FLOAT]: 'float32', [DataType.FLOAT16]: 'float16', [DataType.INT32]: 'int32', [DataType.INT64]: 'int64',
  [DataType.UINT8]: 'uint8', [DataType.INT8]: 'int8', [DataType.BOOL]: 'bool', [DataType.DOUBLE]: 'float64',
};

/** Count params, compute and precision of an ONNX model from its bytes. Pure; Node and browsers. */
export async function accountModel(bytes: Uint8Array, opts: AccountOptions = {}): Promise<GraphAccounting> {
  const model = decodeModel(bytes);
  const index = new GraphIndex(model);
  for (const scope of index.scopes()) liftConstants(scope);
  const inference = inferShapes(index, opts);
  const { tensors } = inference;

  const unknownOps = new Set(inference.unknownNodes.map((u) => u.op));
  // foreign-domain nodes and nodes without a type rule are left out (their ops are listed as unknown)
  const compute = countCompute(index.graph, tensors, (node) => {
    const op = node.opType ?? '';
    const foreign = !!node.domain && node.domain !== 'ai.onnx' && node.domain !== 'com.microsoft';
    return foreign || unknownOps.has(node.domain ? `${node.domain}::${op}` : op);
  });
  for (const u of compute.unknownOps) unknownOps.add(u);
  const { macs, flops, macsByDtype, byType } = compute;
  const uncounted = compute.uncounted;
  const scopes = index.scopes();
  const initializers = scopes.flatMap((s) => s.graph.initializer);
  const quantParams = new Set(scopes.flatMap((s) => [...quantizationParamNames(s)]));
  const { params, nonZero, mix } = countParams(initializers.filter((t) => !quantParams.has(t.name ?? '')));
  const quantizationParams = initializers.filter((t) => quantParams.has(t.name ?? '')).reduce((n, t) => n + (t.dims ?? []).reduce<number>((a, d) => a * Number(d), 1), 0);
  const notes = [...new Set([...inference.notes, ...compute.notes, ...compute.open])];
  if (scopes.length > 1) notes.push(`${scopes.length - 1} subgraph(s) (If/Loop/Scan bodies): their parameters and compute are included`);
  if (unknownOps.size > 0) notes.push(`no counting rule for ${[...unknownOps].sort().join(', ')}: MACs/FLOPs leave them out`);
  if (uncounted > 0) notes.push(`${uncounted} node(s) not counted because a shape they need is unknown`);
  const io = (list: ReturnType<typeof graphInputs>): IoSpec[] =>
    list.map((t) => {
      const inferred = tensors.get(t.name)?.shape;
      return { name: t.name, dtype: JS_DTYPE[t.elemType] ?? t.elemTypeName.toLowerCase(), shape: t.shape.map((d, i) => inferred?.[i] ?? d) };
    });
  return {
    params,
    quantizationParams,
    nonZeroParams: nonZero,
    sparsity: params > 0 ? 1 - nonZero / params : 0,
    macs,
    flops,
    complete: unknownOps.size === 0 && uncounted === 0 && compute.open.length === 0,
    unknownOps: [...unknownOps].sort(),
    uncountedNodes: uncounted,
    opsCounted: [...byType.values()].sort((a, b) => (a.opType < b.opType ? -1 : 1)),
    macsByDtype,
    precisionMix: mix,
    flopsMethod: FLOPS_METHOD,
    inputs: io(graphInputs(index.graph)),
    outputs: io(graphOutputs(index.graph)),
    bytes: bytes.length,
    sha256: await sha256Hex(bytes),
    notes,
  };
}

/** Inputs that hold scales and zero points, per quantisation op. */
const QUANT_PARAM_INPUTS: Readonly<Record<string, readonly number[]>> = {
  QuantizeLinear: [1, 2], DequantizeLinear: [1, 2], MatMulInteger: [2, 3], ConvInteger: [2, 3],
  QLinearConv: [1, 2, 4, 5, 6, 7], QLinearMatMul: [1, 2, 4, 5, 6, 7], MatMulIntegerToFloat: [2, 3, 4, 5], DynamicQuantizeMatMul: [2, 3], DynamicQuantizeLSTM: [8, 9, 10, 11],
};

function quantizationParamNames(index: GraphIndex): Set<string> {
  const names = new Set<string>();
  for (const n of index.graph.node) for (const k of QUANT_PARAM_INPUTS[n.opType ?? ''] ?? []) if (n.input[k] && index.findInitializer(n.input[k]!)) names.add(n.input[k]!);
  return names;
}

function countParams(inits: readonly ITensorProto[]): { params: number; nonZero: number; mix: PrecisionShare[] } {
  const perType = new Map<string, { params: number; bytes: number }>();
  let params = 0;
  let nonZero = 0;
  for (const t of inits) {
    const dt = (t.dataType ?? 0) as number;
    if (NOT_PARAMS.has(dt)) continue;
    const data = readTensor(t).data as ArrayLike<number>;
    params += data.length;
    for (let i = 0; i < data.length; i++) {
      // fp16 bit patterns: 0x0000 and 0x8000 are the zeros
      const v = data[i]!;
      if (dt === DataType.FLOAT16 ? (v & 0x7fff) !== 0 : v !== 0) nonZero++;
    }
    const name = dataTypeName(dt);
    const row = perType.get(name) ?? { params: 0, bytes: 0 };
    row.params += data.length;
    row.bytes += data.length * ((data as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1);
    perType.set(name, row);
  }
  const mix = [...perType.entries()]
    .map(([dtype, r]) => ({ dtype, params: r.params, bytes: r.bytes, share: params > 0 ? r.params / params : 0 }))
    .sort((a, b) => b.params - a.params || (a.dtype < b.dtype ? -1 : 1));
  return { params, nonZero, mix };
}
