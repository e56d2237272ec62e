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

const JS_DTYPE: Partial<Record<number, string>> = {
  [DataType.FLOAT]: 'float32', [DataType.INT32]: 'int32', [DataType.INT64]: 'int64', [DataType.UINT8]: 'uint8',
  [DataType.INT8]: 'int8', [DataType.FLOAT16]: 'float16', [DataType.DOUBLE]: 'float64', [DataType.BOOL]: 'bool',
};

/** The JS/onnxruntime-web name of an element type (float32, int64, …), where it has one. */
export function jsDtypeName(elemType: DataType): string | undefined {
  return JS_DTYPE[elemType];
}
