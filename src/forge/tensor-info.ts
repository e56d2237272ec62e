import { getAttribute } from '../onnx/attributes.js';
import type { DataType, INodeProto } from '../onnx/proto.js';

/**
 * What shape inference knows about one tensor. A dimension is a number or undefined (unknown);
 * `shape` undefined means even the rank is unknown. Small integer tensors (shapes, axes, sizes)
 * also carry their `values`, so Shape → Gather → Concat → Reshape chains resolve.
 */
export interface TensorInfo {
  dtype: DataType | undefined;
  shape: Dim[] | undefined;
  values?: number[];
}
export type Dim = number | undefined;

export const unknownTensor = (dtype?: DataType): TensorInfo => ({ dtype, shape: undefined });

export function isFullyKnown(shape: Dim[] | undefined): shape is number[] {
  return shape !== undefined && shape.every((d) => d !== undefined);
}

export function numel(shape: Dim[] | undefined): number | undefined {
  if (!isFullyKnown(shape)) return undefined;
  return shape.reduce((a, d) => a * d, 1);
}

/** Numpy broadcasting of two shapes; undefined when a rank or a clashing dimension is unknown. */
export function broadcastShapes(a: Dim[] | undefined, b: Dim[] | undefined): Dim[] | undefined {
  if (!a || !b) return undefined;
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x === 1) out.push(y);
    else if (y === 1) out.push(x);
    else if (x === undefined || y === undefined) out.push(x ?? y);
    else if (x === y) out.push(x);
    else return undefined;
  }
  return out;
}

export function attrInt(node: INodeProto, name: string, fallback: number): number {
  const v = getAttribute(node, name);
  return typeof v === 'number' ? v : fallback;
}

export function attrInts(node: INodeProto, name: string): number[] | undefined {
  const v = getAttribute(node, name);
  return Array.isArray(v) ? v : undefined;
}

export function attrString(node: INodeProto, name: string, fallback: string): string {
  const v = getAttribute(node, name);
  return typeof v === 'string' ? v : fallback;
}

/** A possibly negative axis made non-negative for a tensor of `rank` dims. */
export function normAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}
