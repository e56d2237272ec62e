import type { onnx as onnxNamespace } from 'onnx-proto';
import onnxProtoModule from 'onnx-proto';

/**
 * The ONNX protobuf classes (onnx.proto3 of ONNX 1.10.2, IR version 8) from `onnx-proto`.
 *
 * `onnx-proto` is a CommonJS module whose only export is `module.exports = { onnx }`; Node's ESM
 * loader cannot see the named export, so it is taken from the default import, which works in
 * Node, vitest and Vite's pre-bundled browser build alike.
 */
export const onnx: typeof onnxNamespace = (onnxProtoModule as unknown as { onnx: typeof onnxNamespace }).onnx;
/** The full type side of the namespace, for proto types not aliased below. */
export type { onnxNamespace as OnnxTypes };

export type ModelProto = onnxNamespace.ModelProto;
export type GraphProto = onnxNamespace.GraphProto;
export type NodeProto = onnxNamespace.NodeProto;
export type TensorProto = onnxNamespace.TensorProto;
export type ValueInfoProto = onnxNamespace.ValueInfoProto;
export type AttributeProto = onnxNamespace.AttributeProto;
export type IModelProto = onnxNamespace.IModelProto;
export type IGraphProto = onnxNamespace.IGraphProto;
export type INodeProto = onnxNamespace.INodeProto;
export type ITensorProto = onnxNamespace.ITensorProto;
export type IValueInfoProto = onnxNamespace.IValueInfoProto;
export type IAttributeProto = onnxNamespace.IAttributeProto;
export type IOperatorSetIdProto = onnxNamespace.IOperatorSetIdProto;

/** ONNX element types (TensorProto.DataType): FLOAT = 1, UINT8 = 2, INT8 = 3, INT64 = 7, FLOAT16 = 10 … */
export const DataType = onnx.TensorProto.DataType;
export type DataType = onnxNamespace.TensorProto.DataType;
export const AttributeType = onnx.AttributeProto.AttributeType;
export type AttributeType = onnxNamespace.AttributeProto.AttributeType;

/** protobufjs hands int64 fields back as `Long` in Node (the `long` package is present) and as numbers in browsers. */
export type Int64Like = number | { toNumber(): number } | { low: number; high: number };

/** An int64 proto field as a JS number; throws past 2^53 rather than silently losing precision. */
export function int64ToNumber(v: Int64Like | null | undefined): number {
  if (v == null) return 0;
  let n: number;
  if (typeof v === 'number') n = v;
  else if ('toNumber' in v && typeof v.toNumber === 'function') n = v.toNumber();
  else {
    const lh = v as { low: number; high: number };
    n = lh.high * 2 ** 32 + (lh.low >>> 0);
  }
  if (!Number.isSafeInteger(n)) throw new RangeError(`int64 value ${String(v)} does not fit a JS number exactly`);
  return n;
}
