import type { DecodedModel } from '../onnx/codec.js';
import { type AttrValue, makeAttribute } from '../onnx/attributes.js';
import { type GraphProto, type INodeProto, type ITensorProto, type NodeProto, onnx, type TensorProto, type ValueInfoProto } from '../onnx/proto.js';

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
 */
export class GraphIndex {
  readonly graph: ForgeGraph;
  /** tensor name → node that outputs it */
  producer = new Map<string, NodeProto>();
  /** tensor name → [node, input position] pairs that read it */
  consumers = new Map<string, { node: NodeProto; index: number }[]>();
  initializers = new Map<string, ITensorProto>();
  graphInputs = new Set<string>();
  graphOutputs = new Set<string>();
  private used = new Set<string>();

  constructor(readonly model: DecodedModel) {
    this.graph = model.graph as unknown as ForgeGraph;
    this.refresh();
  }

  refresh(): void {
    this.producer.clear();
    this.consumers.clear();
    this.initializers.clear();
    this.used.clear();
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
export function sortTopologically(graph: ForgeGraph): void {
  const available = new Set<string>([...graph.input.map((i) => i.name ?? ''), ...graph.initializer.map((t) => t.name ?? ''), '']);
  const pending = [...graph.node];
  const sorted: NodeProto[] = [];
  while (pending.length > 0) {
    const before = sorted.length;
    for (let i = 0; i < pending.length; ) {
      const n = pending[i]!;
      if (n.input.every((x) => available.has(x))) {
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
}
