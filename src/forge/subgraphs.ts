import { AttributeType, type NodeProto } from '../onnx/proto.js';
import type { ForgeGraph } from './graph-index.js';

/**
 * Control flow in ONNX: If, Loop and Scan (and any op with a GRAPH/GRAPHS attribute) hold
 * subgraphs. A subgraph may read any tensor of an enclosing graph by name ("outer scope"), so
 * these helpers say which outer names a node reads through its subgraphs: rewrites must keep
 * those names, and the outer graph must produce them before the node runs.
 */
export const CONTROL_FLOW_OPS: ReadonlySet<string> = new Set(['If', 'Loop', 'Scan']);

/** The subgraphs a node holds (GRAPH and GRAPHS attributes), with the attribute name. */
export function subgraphsOf(node: NodeProto): { attr: string; graph: ForgeGraph }[] {
  const out: { attr: string; graph: ForgeGraph }[] = [];
  for (const a of node.attribute) {
    if (a.type === AttributeType.GRAPH && a.g) out.push({ attr: a.name ?? '', graph: a.g as unknown as ForgeGraph });
    if (a.type === AttributeType.GRAPHS) for (const g of a.graphs ?? []) out.push({ attr: a.name ?? '', graph: g as unknown as ForgeGraph });
  }
  return out;
}

export function holdsSubgraph(node: NodeProto): boolean {
  return node.attribute.some((a) => a.type === AttributeType.GRAPH || a.type === AttributeType.GRAPHS);
}

/** Names a graph defines itself: formal inputs, initializers and node outputs. */
export function definedIn(graph: ForgeGraph): Set<string> {
  const s = new Set<string>(['']);
  for (const i of graph.input) s.add(i.name ?? '');
  for (const t of graph.initializer) s.add(t.name ?? '');
  for (const n of graph.node) for (const o of n.output) s.add(o);
  return s;
}

/** Outer-scope names a graph reads (its own and its nested subgraphs' reads it does not define). */
export function outerReads(graph: ForgeGraph): Set<string> {
  const own = definedIn(graph);
  const reads = new Set<string>();
  for (const n of graph.node) {
    for (const x of n.input) if (!own.has(x)) reads.add(x);
    for (const x of implicitInputs(n)) if (!own.has(x)) reads.add(x);
  }
  for (const o of graph.output) if (!own.has(o.name ?? '')) reads.add(o.name ?? '');
  return reads;
}

/** Tensors of the enclosing graphs that a node reads through its subgraphs. */
export function implicitInputs(node: NodeProto): Set<string> {
  const reads = new Set<string>();
  for (const { graph } of subgraphsOf(node)) for (const x of outerReads(graph)) reads.add(x);
  return reads;
}

/** Every graph of a model, outermost first, with the node holding it (undefined for the main graph). */
export function allGraphs(main: ForgeGraph): { graph: ForgeGraph; owner?: NodeProto; depth: number }[] {
  const out: { graph: ForgeGraph; owner?: NodeProto; depth: number }[] = [];
  const walk = (g: ForgeGraph, owner: NodeProto | undefined, depth: number) => {
    out.push({ graph: g, owner, depth });
    for (const n of g.node) for (const s of subgraphsOf(n)) walk(s.graph, n, depth + 1);
  };
  walk(main, undefined, 0);
  return out;
}
