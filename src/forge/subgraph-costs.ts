import { getAttribute } from '../onnx/attributes.js';
import type { NodeProto } from '../onnx/proto.js';
import { dataTypeName } from '../onnx/tensor.js';
import type { OpCount } from './account-model.js';
import type { ForgeGraph } from './graph-index.js';
import { constantTripCount, knownCondition } from './infer-control-flow.js';
import { isCountedOp, opCost } from './op-costs.js';
import { holdsSubgraph, subgraphsOf } from './subgraphs.js';
import type { TensorInfo } from './tensor-info.js';

/** Compute of one graph (with its subgraphs folded in by the control-flow rules). */
export interface ComputeCount {
  macs: number;
  flops: number;
  byType: Map<string, OpCount>;
  macsByDtype: Record<string, number>;
  uncounted: number;
  unknownOps: Set<string>;
  /** why the count is not the whole cost (a Loop with a data-dependent trip count) */
  open: string[];
  notes: string[];
}

const empty = (): ComputeCount => ({ macs: 0, flops: 0, byType: new Map(), macsByDtype: {}, uncounted: 0, unknownOps: new Set(), open: [], notes: [] });

/**
 * Walk a graph and count each node's cost; control flow by a stated rule: If → the branch its
 * condition picks when shapes decide it, else the costlier branch (more MACs, then more FLOPs; an
 * upper bound: which branch runs depends on the data), Loop → body × trip count when
 * M is a constant, else one iteration and the count is open, Scan → body × the scan length.
 */
export function countCompute(graph: ForgeGraph, tensors: Map<string, TensorInfo>, skip: (node: NodeProto) => boolean): ComputeCount {
  const acc = empty();
  for (const node of graph.node) {
    if (skip(node)) continue;
    const op = node.opType ?? '';
    if (holdsSubgraph(node) && !node.domain) {
      countControlFlow(node, tensors, skip, acc);
      continue;
    }
    if (!isCountedOp(op)) {
      acc.unknownOps.add(op);
      continue;
    }
    const cost = opCost(node, node.input.map((n) => (n ? tensors.get(n) : undefined)), node.output.map((n) => tensors.get(n) ?? { dtype: undefined, shape: undefined }));
    if (!cost) {
      acc.uncounted++;
      continue;
    }
    // an int8 LSTM's products run on its int8 weights (its input stays float)
    const dt = cost.macs > 0 ? dataTypeName(tensors.get(node.input[op === 'DynamicQuantizeLSTM' ? 1 : 0] ?? '')?.dtype) : undefined;
    add(acc, { macs: cost.macs, flops: cost.flops, byType: new Map([[op, { opType: op, nodes: 1, macs: cost.macs, flops: cost.flops }]]), macsByDtype: dt ? { [dt]: cost.macs } : {}, uncounted: 0, unknownOps: new Set(), open: [], notes: [] }, 1);
  }
  return acc;
}

function countControlFlow(node: NodeProto, tensors: Map<string, TensorInfo>, skip: (node: NodeProto) => boolean, acc: ComputeCount): void {
  const op = node.opType ?? '';
  const who = `${op} "${node.name ?? node.output[0]}"`;
  const bodies = subgraphsOf(node).map((s) => ({ attr: s.attr, count: countCompute(s.graph, tensors, skip) }));
  if (op === 'If' && bodies.length === 2) {
    const [a, b] = bodies as [typeof bodies[0], typeof bodies[0]];
    const known = knownCondition(node, tensors);
    if (known !== undefined) {
      const pick = bodies.find((x) => x.attr === (known ? 'then_branch' : 'else_branch')) ?? a;
      add(acc, pick.count, 1);
      acc.notes.push('If nodes whose condition follows from the input shapes (rank or size checks): the branch taken is counted');
      return;
    }
    // MACs first: Q/DQ and Cast nodes a variant adds change FLOPs, not which branch does the work
    const pick = a.count.macs > b.count.macs || (a.count.macs === b.count.macs && a.count.flops >= b.count.flops) ? a : b;
    const other = pick === a ? b : a;
    add(acc, pick.count, 1);
    acc.notes.push(`${who}: ${pick.attr} counted (${fmt(pick.count.macs)} MACs, ${fmt(pick.count.flops)} FLOPs: the costlier branch, an upper bound); the other branch ${fmt(other.count.macs)} MACs, ${fmt(other.count.flops)} FLOPs; parameters of both branches counted`);
    return;
  }
  if (op === 'Loop' && bodies.length === 1) {
    const trips = constantTripCount(node, tensors);
    add(acc, bodies[0]!.count, trips ?? 1);
    if (trips === undefined) acc.open.push(`${who}: trip count not constant, one iteration counted (${fmt(bodies[0]!.count.flops)} FLOPs per iteration)`);
    else acc.notes.push(`${who}: body × ${trips} iterations (constant trip count${node.input[1] ? '; its condition may end it earlier, so an upper bound' : ''})`);
    return;
  }
  if (op === 'Scan' && bodies.length === 1) {
    const length = scanLength(node, tensors);
    add(acc, bodies[0]!.count, length ?? 1);
    if (length === undefined) acc.open.push(`${who}: scan length unknown, one iteration counted`);
    else acc.notes.push(`${who}: body × ${length} iterations (scan length)`);
    return;
  }
  acc.unknownOps.add(op);
}

function scanLength(node: NodeProto, tensors: Map<string, TensorInfo>): number | undefined {
  const nScan = Number(getAttribute(node, 'num_scan_inputs') ?? 0);
  const first = node.input.length - nScan;
  const s = tensors.get(node.input[first] ?? '')?.shape;
  const axis = ((getAttribute(node, 'scan_input_axes') as number[] | undefined) ?? [0])[0] ?? 0;
  return s?.[axis < 0 ? axis + s.length : axis];
}

function add(acc: ComputeCount, c: ComputeCount, times: number): void {
  acc.macs += c.macs * times;
  acc.flops += c.flops * times;
  for (const [op, row] of c.byType) {
    const r = acc.byType.get(op) ?? { opType: op, nodes: 0, macs: 0, flops: 0 };
    r.nodes += row.nodes;
    r.macs += row.macs * times;
    r.flops += row.flops * times;
    acc.byType.set(op, r);
  }
  for (const [dt, m] of Object.entries(c.macsByDtype)) acc.macsByDtype[dt] = (acc.macsByDtype[dt] ?? 0) + m * times;
  acc.uncounted += c.uncounted;
  for (const u of c.unknownOps) acc.unknownOps.add(u);
  acc.open.push(...c.open);
  acc.notes.push(...c.notes);
}

const fmt = (n: number) => n.toLocaleString('en-US');
