import { HintedError } from '../core/serialized-error.js';
import { type AttrValue, makeAttribute } from './attributes.js';
import { DataType, type IGraphProto, type ITensorProto, type ModelProto, type NodeProto, type ValueInfoProto, onnx } from './proto.js';

/** The default opset of models made here (ONNX 1.12 / ORT ≥ 1.12) and the IR version that goes with it. */
export const DEFAULT_OPSET = 17;
export const DEFAULT_IR_VERSION = 8;

/** A dimension: a fixed size, or a symbolic name such as "batch". */
export type Dim = number | string;

export function valueInfo(name: string, elemType: DataType, shape: readonly Dim[]): ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

export interface NodeSpec {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  /** defaults to `<opType>_<index>`, which keeps names deterministic */
  name?: string;
  attributes?: Readonly<Record<string, AttrValue>>;
  /** '' (ai.onnx) unless the op lives in another domain */
  domain?: string;
}

/**
 * Collects a graph in topological order. It refuses what ORT would reject later with a vaguer
 * message: duplicate tensor names, and nodes reading tensors nobody produced. A subgraph (an
 * If branch, a Loop/Scan body) is built by a GraphBuilder given the enclosing graph's names
 * (`outer.names()`): its nodes may read them, and it may not reuse them.
 */
export class GraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly valueInfos: ValueInfoProto[] = [];
  private readonly initializers: ITensorProto[] = [];
  private readonly produced = new Set<string>();
  private readonly outer: ReadonlySet<string>;

  constructor(
    readonly name: string,
    outer: Iterable<string> = [],
  ) {
    this.outer = new Set(outer);
  }

  /** Every name visible here so far (outer ones included): what a subgraph built next may read. */
  names(): Set<string> {
    return new Set([...this.outer, ...this.produced]);
  }

  addInput(name: string, elemType: DataType, shape: readonly Dim[]): string {
    this.define(name, 'graph input');
    this.inputs.push(valueInfo(name, elemType, shape));
    return name;
  }

  /** Declares a graph output; the tensor must be produced by a node added before or after. */
  addOutput(name: string, elemType: DataType, shape: readonly Dim[]): string {
    this.outputs.push(valueInfo(name, elemType, shape));
    return name;
  }

  /** Shape annotation for an intermediate tensor (optional; helps tools that do not infer shapes). */
  addValueInfo(name: string, elemType: DataType, shape: readonly Dim[]): void {
    this.valueInfos.push(valueInfo(name, elemType, shape));
  }

  addInitializer(tensor: ITensorProto): string {
    const name = tensor.name ?? '';
    if (!name) throw new HintedError('initializer without a name', 'give every initializer a unique name');
    this.define(name, 'initializer');
    this.initializers.push(tensor);
    return name;
  }

  /** Adds a node and returns its output names, typed as the tuple given (so `const [y] = g.addNode(…)` is a string). */
  addNode<const O extends readonly string[]>(spec: NodeSpec & { outputs: O }): O {
    for (const input of spec.inputs) {
      // '' marks an omitted optional input in ONNX
      if (input !== '' && !this.produced.has(input) && !this.outer.has(input)) {
        throw new HintedError(`node ${spec.name ?? spec.opType} reads "${input}", which nothing produces yet`, 'add nodes in topological order');
      }
    }
    // '' marks an omitted optional output (an LSTM's Y when only Y_h is wanted)
    for (const out of spec.outputs) if (out !== '') this.define(out, `output of ${spec.opType}`);
    const attrs = Object.entries(spec.attributes ?? {}).map(([k, v]) => makeAttribute(k, v));
    this.nodes.push(
      onnx.NodeProto.create({
        name: spec.name ?? `${spec.opType}_${this.nodes.length}`,
        opType: spec.opType,
        domain: spec.domain ?? '',
        input: [...spec.inputs],
        output: [...spec.outputs],
        attribute: attrs,
      }),
    );
    return spec.outputs;
  }

  toGraph(): IGraphProto {
    for (const o of this.outputs) {
      if (!this.produced.has(o.name) && !this.outer.has(o.name)) throw new HintedError(`graph output "${o.name}" is never produced`, 'add the node that computes it');
    }
    return {
      name: this.name,
      node: this.nodes,
      input: this.inputs,
      output: this.outputs,
      valueInfo: this.valueInfos,
      initializer: this.initializers,
    };
  }

  private define(name: string, what: string): void {
    if (this.produced.has(name) || this.outer.has(name)) throw new HintedError(`tensor name "${name}" (${what}) is already used`, 'tensor names must be unique in a graph');
    this.produced.add(name);
  }
}

export interface ModelOptions {
  producerName: string;
  producerVersion?: string;
  opsetVersion?: number;
  irVersion?: number;
  docString?: string;
  /** stored as metadata_props; keep values deterministic (no timestamps) so builds hash equal */
  metadata?: Readonly<Record<string, string>>;
}

export function makeModel(graph: IGraphProto, opts: ModelOptions): ModelProto {
  return onnx.ModelProto.create({
    irVersion: opts.irVersion ?? DEFAULT_IR_VERSION,
    opsetImport: [{ domain: '', version: opts.opsetVersion ?? DEFAULT_OPSET }],
    producerName: opts.producerName,
    producerVersion: opts.producerVersion ?? '',
    docString: opts.docString ?? '',
    graph,
    metadataProps: Object.entries(opts.metadata ?? {}).map(([key, value]) => ({ key, value })),
  });
}
