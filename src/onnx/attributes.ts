import { HintedError } from '../core/serialized-error.js';
import { AttributeType, type AttributeProto, type IAttributeProto, type IGraphProto, type INodeProto, type ITensorProto, int64ToNumber, onnx } from './proto.js';

/**
 * Node attributes. ONNX distinguishes INT from FLOAT, which a JS number cannot, so values are
 * written through tagged constructors: `{ kernel_shape: ints([3, 3]), alpha: float(0.2) }`.
 */
export type AttrValue =
  | { type: 'int'; value: number }
  | { type: 'ints'; value: number[] }
  | { type: 'float'; value: number }
  | { type: 'floats'; value: number[] }
  | { type: 'string'; value: string }
  | { type: 'tensor'; value: ITensorProto }
  | { type: 'graph'; value: IGraphProto };

export const int = (value: number): AttrValue => ({ type: 'int', value });
export const ints = (value: readonly number[]): AttrValue => ({ type: 'ints', value: [...value] });
export const float = (value: number): AttrValue => ({ type: 'float', value });
export const floats = (value: readonly number[]): AttrValue => ({ type: 'floats', value: [...value] });
export const str = (value: string): AttrValue => ({ type: 'string', value });
export const tensorAttr = (value: ITensorProto): AttrValue => ({ type: 'tensor', value });
/** A subgraph: If's then_branch/else_branch, Loop's and Scan's body (build it with a GraphBuilder given the outer names). */
export const graphAttr = (value: IGraphProto): AttrValue => ({ type: 'graph', value });

export function makeAttribute(name: string, v: AttrValue): AttributeProto {
  switch (v.type) {
    case 'int':
      if (!Number.isInteger(v.value)) throw new HintedError(`attribute ${name}: ${v.value} is not an integer`, 'use float() for real values');
      return onnx.AttributeProto.create({ name, type: AttributeType.INT, i: v.value });
    case 'ints':
      return onnx.AttributeProto.create({ name, type: AttributeType.INTS, ints: v.value });
    case 'float':
      return onnx.AttributeProto.create({ name, type: AttributeType.FLOAT, f: v.value });
    case 'floats':
      return onnx.AttributeProto.create({ name, type: AttributeType.FLOATS, floats: v.value });
    case 'string':
      return onnx.AttributeProto.create({ name, type: AttributeType.STRING, s: new TextEncoder().encode(v.value) });
    case 'tensor':
      return onnx.AttributeProto.create({ name, type: AttributeType.TENSOR, t: v.value });
    case 'graph':
      return onnx.AttributeProto.create({ name, type: AttributeType.GRAPH, g: v.value });
  }
}

/** Plain JS value of a node's attribute (ints as numbers, strings decoded), or undefined when absent. */
export function getAttribute(node: INodeProto, name: string): number | number[] | string | ITensorProto | IGraphProto | undefined {
  const a: IAttributeProto | undefined = node.attribute?.find((x) => x.name === name);
  if (!a) return undefined;
  switch (a.type) {
    case AttributeType.INT:
      return int64ToNumber(a.i);
    case AttributeType.INTS:
      return (a.ints ?? []).map(int64ToNumber);
    case AttributeType.FLOAT:
      return a.f ?? 0;
    case AttributeType.FLOATS:
      return [...(a.floats ?? [])];
    case AttributeType.STRING:
      return new TextDecoder().decode(a.s ?? new Uint8Array());
    case AttributeType.TENSOR:
      return a.t ?? undefined;
    case AttributeType.GRAPH:
      return a.g ?? undefined;
    default:
      throw new HintedError(`attribute ${name} of node ${node.name ?? node.opType} has unsupported type ${String(a.type)}`, 'read it from node.attribute directly');
  }
}
