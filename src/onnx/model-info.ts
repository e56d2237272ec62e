import { dataTypeName } from './tensor.js';
import { DataType, type IGraphProto, type IValueInfoProto, int64ToNumber } from './proto.js';

/** A graph input or output as callers see it: initializers that some exporters also list as inputs are left out. */
export interface GraphTensorInfo {
  name: string;
  elemType: DataType;
  /** e.g. "FLOAT" */
  elemTypeName: string;
  /** fixed sizes as numbers, symbolic ones (e.g. "batch") as strings, unknown as null */
  shape: (number | string | null)[];
}

export function graphInputs(graph: IGraphProto): GraphTensorInfo[] {
  const inits = new Set((graph.initializer ?? []).map((t) => t.name));
  return (graph.input ?? []).filter((i) => !inits.has(i.name)).map(describe);
}

export function graphOutputs(graph: IGraphProto): GraphTensorInfo[] {
  return (graph.output ?? []).map(describe);
}

function describe(v: IValueInfoProto): GraphTensorInfo {
  const tt = v.type?.tensorType;
  const elemType = (tt?.elemType ?? DataType.UNDEFINED) as DataType;
  const shape = (tt?.shape?.dim ?? []).map((d) => {
    if (d.dimParam) return d.dimParam;
    // proto3 cannot tell "dim_value 0" from "unset"; 0-sized inputs do not occur in practice
    const n = int64ToNumber(d.dimValue);
    return n > 0 ? n : null;
  });
  return { name: v.name ?? '', elemType, elemTypeName: dataTypeName(elemType), shape };
}
