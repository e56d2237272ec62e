import { getAttribute } from '../onnx/attributes.js';
import { graphOutputs } from '../onnx/model-info.js';
import { DataType, type IValueInfoProto, type NodeProto } from '../onnx/proto.js';
import type { ForgeGraph } from './graph-index.js';
import { subgraphsOf } from './subgraphs.js';
import type { Dim, TensorInfo } from './tensor-info.js';

/** Infers the nodes of a subgraph into the shared tensor map (names are unique model-wide). */
export type InferGraph = (graph: ForgeGraph) => void;

/**
 * Types and shapes across If / Loop / Scan: each subgraph is inferred with its formal inputs
 * typed from the node's inputs (Loop: iteration number, condition, carried values; Scan: state
 * and one slice of each scan input) and the outer tensors visible through the shared map; the
 * node's outputs follow from the subgraph outputs. An If's output keeps a dimension only where
 * both branches agree. Returns undefined for ops that hold subgraphs but are none of these.
 */
export function inferControlFlow(node: NodeProto, tensors: Map<string, TensorInfo>, inferGraph: InferGraph): TensorInfo[] | undefined {
  const op = node.opType ?? '';
  const get = (name: string | undefined): TensorInfo => (name ? tensors.get(name) : undefined) ?? { dtype: undefined, shape: undefined };
  const sub = (attr: string) => subgraphsOf(node).find((s) => s.attr === attr)?.graph;
  const setFormal = (g: ForgeGraph, k: number, fallback: TensorInfo) => {
    const v = g.input[k];
    if (!v?.name) return;
    tensors.set(v.name, declared(v) ?? fallback);
  };
  if (op === 'If') {
    const [then, other] = [sub('then_branch'), sub('else_branch')];
    if (!then || !other) return undefined;
    inferGraph(then);
    inferGraph(other);
    // a condition known from shapes (rank or size checks in exported code) picks the branch
    const taken = knownCondition(node, tensors);
    if (taken !== undefined) return (taken ? then : other).output.map((o) => get(o.name ?? ''));
    return then.output.map((o, k) => {
      const a = get(o.name ?? '');
      const b = get(other.output[k]?.name ?? '');
      return { dtype: a.dtype ?? b.dtype ?? declared(o)?.dtype, shape: agree(a.shape, b.shape) };
    });
  }
  if (op === 'Loop') {
    const body = sub('body');
    if (!body) return undefined;
    const carried = node.input.slice(2);
    setFormal(body, 0, { dtype: DataType.INT64, shape: [] });
    setFormal(body, 1, { dtype: DataType.BOOL, shape: [] });
    carried.forEach((x, k) => setFormal(body, k + 2, get(x)));
    inferGraph(body);
    const trips = constantTripCount(node, tensors);
    const outs = body.output.slice(1).map((o) => get(o.name ?? ''));
    return outs.map((o, k) => (k < carried.length ? { dtype: o.dtype ?? get(carried[k]).dtype, shape: agree(o.shape, get(carried[k]).shape) } : { dtype: o.dtype, shape: o.shape ? [trips, ...o.shape] : undefined }));
  }
  if (op === 'Scan') {
    const body = sub('body');
    if (!body) return undefined;
    const nScan = Number(getAttribute(node, 'num_scan_inputs') ?? 0);
    const nState = node.input.length - nScan;
    const axes = (getAttribute(node, 'scan_input_axes') as number[] | undefined) ?? [];
    let length: Dim;
    node.input.forEach((x, k) => {
      if (k < nState) return setFormal(body, k, get(x));
      const s = get(x).shape;
      const axis = axes[k - nState] ?? 0;
      if (s) length ??= s[axis < 0 ? axis + s.length : axis];
      setFormal(body, k, { dtype: get(x).dtype, shape: s ? s.filter((_, i) => i !== (axis < 0 ? axis + s.length : axis)) : undefined });
    });
    inferGraph(body);
    return body.output.map((o, k) => {
      const t = get(o.name ?? '');
      return k < nState ? t : { dtype: t.dtype, shape: t.shape ? [length, ...t.shape] : undefined };
    });
  }
  return undefined;
}

/** An If's condition when shape inference knows its value. */
export function knownCondition(node: NodeProto, tensors: Map<string, TensorInfo>): boolean | undefined {
  const v = node.input[0] ? tensors.get(node.input[0])?.values : undefined;
  return v?.length === 1 ? v[0] !== 0 : undefined;
}

/** A Loop's trip count when it is a constant and no condition input can end it earlier. */
export function constantTripCount(node: NodeProto, tensors: Map<string, TensorInfo>): number | undefined {
  const m = node.input[0] ? tensors.get(node.input[0])?.values?.[0] : undefined;
  return m !== undefined && Number.isSafeInteger(m) && m >= 0 ? m : undefined;
}

function agree(a: Dim[] | undefined, b: Dim[] | undefined): Dim[] | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.length !== b.length) return undefined;
  return a.map((d, i) => (d === b[i] ? d : undefined));
}

/** The type a subgraph declares for a formal input, if it declares one. */
function declared(v: IValueInfoProto): TensorInfo | undefined {
  const [d] = graphOutputs({ output: [v] });
  if (!d || d.elemType === DataType.UNDEFINED) return undefined;
  const dims = v.type?.tensorType?.shape ? d.shape.map((x) => (typeof x === 'number' ? x : undefined)) : undefined;
  return { dtype: d.elemType, shape: dims };
}
