import { DataType, type NodeProto } from '../onnx/proto.js';
import { readTensor } from '../onnx/tensor.js';
import { graphInputs } from '../onnx/model-info.js';
import { defaultOpset, describeNode, type ForgeGraph, type GraphIndex } from './graph-index.js';
import { inferControlFlow } from './infer-control-flow.js';
import { holdsSubgraph } from './subgraphs.js';
import { NN_RULES, type ShapeRule } from './shape-rules-nn.js';
import { TENSOR_RULES } from './shape-rules-tensor.js';
import type { TensorInfo } from './tensor-info.js';

/** Every op type whose output type and shape the forge can infer. */
export const SHAPE_RULES: Readonly<Record<string, ShapeRule>> = { ...TENSOR_RULES, ...NN_RULES };

/** Ops in the com.microsoft domain that ORT's own quantisers emit; the rest of that domain is unknown. */
const MS_DOMAIN_KNOWN = new Set(['MatMulIntegerToFloat', 'DynamicQuantizeMatMul', 'MatMulNBits', 'DynamicQuantizeLSTM']);

export interface ShapeInference {
  tensors: Map<string, TensorInfo>;
  /** nodes whose op has no rule here: their outputs (and what follows from them) have unknown shapes */
  unknownNodes: { node: NodeProto; op: string }[];
  /** dimensions that had to be assumed (e.g. batch = 1) or stayed unknown, said in the report */
  notes: string[];
  /** the concrete input shapes used */
  inputShapes: Record<string, (number | undefined)[]>;
}

export interface ShapeInferenceOptions {
  /** concrete shapes for inputs with symbolic or unknown dimensions, e.g. { x: [1, 3, 320, 320] } */
  inputShapes?: Readonly<Record<string, readonly number[]>>;
}

/** Small initializers keep their values, so shapes/axes/scales stored as weights resolve. */
const MAX_VALUES = 64;

/**
 * Type and shape of every tensor, walking the graph in order. Symbolic leading dimensions of
 * inputs are taken as batch 1 (and said so in `notes`); other symbolic dims need `inputShapes`.
 */
export function inferShapes(index: GraphIndex, opts: ShapeInferenceOptions = {}): ShapeInference {
  const opset = defaultOpset(index.model);
  const tensors = new Map<string, TensorInfo>();
  const notes: string[] = [];
  const inputShapes: Record<string, (number | undefined)[]> = {};
  for (const t of index.graph.initializer) tensors.set(t.name ?? '', initializerInfo(t));
  for (const input of graphInputs(index.graph)) {
    const given = opts.inputShapes?.[input.name];
    let shape: (number | undefined)[];
    if (given) shape = [...given];
    else {
      shape = input.shape.map((d, i) => (typeof d === 'number' ? d : i === 0 ? 1 : undefined));
      if (input.shape[0] !== undefined && typeof input.shape[0] !== 'number') notes.push(`input "${input.name}": leading dimension ${String(input.shape[0] ?? '?')} taken as batch 1`);
      const open = input.shape.map((d, i) => (i > 0 && typeof d !== 'number' ? String(d ?? '?') : null)).filter((d) => d !== null);
      if (open.length > 0) notes.push(`input "${input.name}": dimensions ${open.join(', ')} are not fixed; pass inputShapes to count the ops that depend on them`);
    }
    inputShapes[input.name] = shape;
    tensors.set(input.name, { dtype: input.elemType, shape });
  }
  const unknownNodes: ShapeInference['unknownNodes'] = [];
  // one map for every scope: ONNX names are unique across a model, subgraphs included
  const inferGraph = (graph: ForgeGraph): void => {
    for (const t of graph.initializer) tensors.set(t.name ?? '', initializerInfo(t));
    graph.node.forEach((node, position) => inferNode(node, position));
  };
  const inferNode = (node: NodeProto, position: number): void => {
    const op = node.opType ?? '';
    if (holdsSubgraph(node) && !node.domain) {
      const outs = inferControlFlow(node, tensors, inferGraph);
      if (outs) {
        node.output.forEach((o, i) => tensors.set(o, outs[i] ?? { dtype: undefined, shape: undefined }));
        return;
      }
    }
    const domain = node.domain && node.domain !== 'ai.onnx' ? node.domain : '';
    const rule = !domain || (domain === 'com.microsoft' && MS_DOMAIN_KNOWN.has(op)) ? SHAPE_RULES[op] : undefined;
    if (!rule) {
      unknownNodes.push({ node, op: domain ? `${domain}::${op}` : op });
      for (const o of node.output) tensors.set(o, { dtype: undefined, shape: undefined });
      return;
    }
    const ins = node.input.map((name) => (name ? tensors.get(name) : undefined));
    let outs: TensorInfo[];
    try {
      outs = rule(node, ins, opset);
    } catch (err) {
      notes.push(`${describeNode(node, position)}: shape not inferred (${(err as Error).message})`);
      outs = [];
    }
    node.output.forEach((o, i) => tensors.set(o, outs[i] ?? { dtype: undefined, shape: undefined }));
  };
  index.graph.node.forEach((node, position) => inferNode(node, position));
  return { tensors, unknownNodes, notes, inputShapes };
}

function initializerInfo(t: Parameters<typeof readTensor>[0]): TensorInfo {
  const dims = (t.dims ?? []).map(Number);
  const info: TensorInfo = { dtype: (t.dataType ?? DataType.UNDEFINED) as DataType, shape: dims };
  const count = dims.reduce((a, d) => a * d, 1);
  if (count <= MAX_VALUES && t.dataType !== DataType.FLOAT16 && t.dataType !== DataType.STRING) {
    try {
      info.values = Array.from(readTensor(t).data as ArrayLike<number | bigint>, Number);
    } catch {
      // unreadable small tensors (external data) simply carry no values
    }
  }
  return info;
}
