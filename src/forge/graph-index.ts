import type { DecodedModel } from '../onnx/codec.js';
import { type AttrValue, makeAttribute } from '../onnx/attributes.js';
import { type GraphProto, type INodeProto, type ITensorProto, type NodeProto, onnx, type TensorProto, type ValueInfoProto } from '../onnx/proto.js';
import { implicitInputs, subgraphsOf } from './subgraphs.js';

/**
 * A decoded graph as the forge handles it: protobufjs decodes repeated fields into arrays of
 * message instances, which the generated `I…` interfaces type as optional; this says so.
 */
export type ForgeGraph = Omit<GraphProto, 'node' | 'initializer' | 'input' | 'output' | 'valueInfo'> & {
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  valueInfo: ValueInfoProto[];
};

/**
 * Lookups every rewrite needs over one decoded graph: who produces a tensor, who reads it,
 * which names are initializers, and fresh names that collide with nothing. Rewrites edit
 * `graph.node` / `graph.initializer` and call `refresh()`; the index does not track edits itself.
 *
 * Subgraphs (If/Loop/Scan bodies) get an index of their own, a child of the one holding their
 * node (`parent`, `owner`); the lookups above are per graph, `scopes()`, `findInitializer()` and
 * `readersAnywhere()` span the tree. Fresh names are unique across the whole model, because a
 * subgraph sees every outer name.
 */
export class GraphIndex {
  readonly graph: ForgeGraph;
  /** the enclosing graph's index and the node holding this subgraph (both undefined for the main graph) */
  readonly parent?: GraphIndex;
  readonly owner?: NodeProto;
  private readonly childCache = new Map<object, GraphIndex>();
  /** indexes of the subgraphs held by this graph's nodes, in node order */
  children: GraphIndex[] = [];
  /** tensor name → node that outputs it */
  producer = new Map<string, NodeProto>();
  /** tensor name → [node, input position] pairs that read it */
  consumers = new Map<string, { node: NodeProto; index: number }[]>();
  initializers = new Map<string, ITensorProto>();
  graphInputs = new Set<string>();
  graphOutputs = new Set<string>();
  /** shared by every scope of a model; names are only ever added, so fresh names stay fresh */
  private readonly used: Set<string>;

  constructor(
    readonly model: DecodedModel,
    scope?: { graph: ForgeGraph; parent: GraphIndex; owner: NodeProto; used: Set<string> },
  ) {
    this.graph = scope?.graph ?? (model.graph as unknown as ForgeGraph);
    this.parent = scope?.parent;
    this.owner = scope?.owner;
    this.used = scope?.used ?? new Set<string>();
    this.refresh();
  }

  /** Re-reads this graph and every subgraph (children keep their identity while their graph object does). */
  refresh(): void {
    this.producer.clear();
    this.consumers.clear();
    this.initializers.clear();
    for (const t of this.graph.initializer) {
      this.initializers.set(t.name ?? '', t);
      this.used.add(t.name ?? '');
    }
    this.graphInputs = new Set(this.graph.input.map((i) => i.name ?? '').filter((n) => !this.initializers.has(n)));
    this.graphOutputs = new Set(this.graph.output.map((o) => o.name ?? ''));
    for (const n of this.graphInputs) this.used.add(n);
    for (const node of this.graph.node) {
      if (node.name) this.used.add(node.name);
      node.input.forEach((name, index) => {
        if (!name) return;
        let list = this.consumers.get(name);
        if (!list) this.consumers.set(name, (list = []));
        list.push({ node, index });
      });
      for (const o of node.output) {
        if (!o) continue;
        this.producer.set(o, node);
        this.used.add(o);
      }
    }
    const children: GraphIndex[] = [];
    for (const node of this.graph.node) {
      for (const { graph } of subgraphsOf(node)) {
        let child = this.childCache.get(graph);
        if (!child) this.childCache.set(graph, (child = new GraphIndex(this.model, { graph, parent: this, owner: node, used: this.used })));
        else child.refresh();
        children.push(child);
      }
    }
    this.children = children;
  }

  /** This graph and all its subgraphs, outermost first. */
  scopes(): GraphIndex[] {
    return [this, ...this.children.flatMap((c) => c.scopes())];
  }

  /** An initializer visible here: this graph's own or an enclosing graph's, with the index holding it. */
  findInitializer(name: string): { tensor: ITensorProto; scope: GraphIndex } | undefined {
    for (let s: GraphIndex | undefined = this; s; s = s.parent) {
      const t = s.initializers.get(name);
      if (t) return { tensor: t, scope: s };
      // a formal input or node output of a nearer graph hides outer names of the same name
      if (s.producer.has(name) || s.graphInputs.has(name)) return undefined;
    }
    return undefined;
  }

  /** Nodes reading `name` in this graph and in every subgraph below it. */
  readersAnywhere(name: string): { node: NodeProto; index: number; scope: GraphIndex }[] {
    return this.scopes().flatMap((s) => s.consumersOf(name).map((c) => ({ ...c, scope: s })));
  }

  /** The outermost index (the main graph's). */
  root(): GraphIndex {
    let s: GraphIndex = this;
    while (s.parent) s = s.parent;
    return s;
  }

  consumersOf(name: string): { node: NodeProto; index: number }[] {
    return this.consumers.get(name) ?? [];
  }

  /** A name built from `base` that no tensor or node uses yet; reserved on return. Deterministic for a given graph. */
  freshName(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** A new node with a fresh name built from `base` (not added to the graph: push it where it belongs). */
  newNode(base: string, opType: string, inputs: readonly string[], outputs: readonly string[], attrs: Readonly<Record<string, AttrValue>> = {}): NodeProto {
    return onnx.NodeProto.create({
      name: this.freshName(base),
      opType,
      input: [...inputs],
      output: [...outputs],
      attribute: Object.entries(attrs).map(([k, v]) => makeAttribute(k, v)),
    });
  }

  addInitializer(t: ITensorProto): string {
    const name = t.name ?? '';
    this.graph.initializer.push(t as TensorProto);
    this.initializers.set(name, t);
    this.used.add(name);
    return name;
  }
}

/** How a node is named in messages: `"conv_0" (Conv)`, or its position when it has no name. */
export function describeNode(node: INodeProto, position?: number): string {
  const op = node.domain ? `${node.domain}::${node.opType}` : (node.opType ?? '?');
  const name = node.name ? `"${node.name}"` : position !== undefined ? `#${position}` : `(unnamed, output "${node.output?.[0] ?? '?'}")`;
  return `node ${name} (${op})`;
}

/** The model's opset for the default ONNX domain. */
export function defaultOpset(model: DecodedModel): number {
  const entry = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  return Number(entry?.version ?? 0);
}

/**
 * Nodes in an order where every input is produced before it is read. Exporters already emit
 * topological order; rewrites that insert nodes call this to restore it.
 */
export function sortTopologically(graph: ForgeGraph, outer: ReadonlySet<string> = new Set()): void {
  const available = new Set<string>([...outer, ...graph.input.map((i) => i.name ?? ''), ...graph.initializer.map((t) => t.name ?? ''), '']);
  const pending = [...graph.node];
  const sorted: NodeProto[] = [];
  // a node holding a subgraph also waits for the outer tensors its subgraph reads
  const needs = new Map(pending.map((n) => [n, [...n.input, ...implicitInputs(n)]]));
  while (pending.length > 0) {
    const before = sorted.length;
    for (let i = 0; i < pending.length; ) {
      const n = pending[i]!;
      if (needs.get(n)!.every((x) => available.has(x))) {
        sorted.push(n);
        for (const o of n.output) available.add(o);
        pending.splice(i, 1);
      } else i++;
    }
    // a cycle or a dangling input: leave the rest in place for checkGraph to name
    if (sorted.length === before) {
      sorted.push(...pending);
      break;
    }
  }
  graph.node = sorted;
  const visible = new Set([...available, ...sorted.flatMap((n) => n.output)]);
  for (const n of sorted) for (const { graph: sub } of subgraphsOf(n)) sortTopologically(sub, visible);
}
