import { HintedError } from '../core/serialized-error.js';
import { DataType, type ITensorProto, int64ToNumber, onnx, type TensorProto } from './proto.js';

/**
 * Initializers and constants as typed arrays. Writers always use `raw_data` (little-endian, as the
 * ONNX spec requires); readers accept `raw_data` and the typed repeated fields (`float_data`,
 * `int32_data`, …) because exporters in the wild use both.
 */

/** What `readTensor` returns for each element type. FLOAT16 and BFLOAT16 come back as their raw 16-bit patterns. */
export type TensorArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

export interface DecodedTensor {
  name: string;
  dataType: DataType;
  dims: number[];
  data: TensorArray;
}

type ArrayCtor = { new (buffer: ArrayBuffer, byteOffset?: number, length?: number): TensorArray; BYTES_PER_ELEMENT: number };

const ARRAY_OF: Partial<Record<DataType, ArrayCtor>> = {
  [DataType.FLOAT]: Float32Array,
  [DataType.DOUBLE]: Float64Array,
  [DataType.INT8]: Int8Array,
  [DataType.UINT8]: Uint8Array,
  [DataType.BOOL]: Uint8Array,
  [DataType.INT16]: Int16Array,
  [DataType.UINT16]: Uint16Array,
  [DataType.FLOAT16]: Uint16Array,
  [DataType.BFLOAT16]: Uint16Array,
  [DataType.INT32]: Int32Array,
  [DataType.UINT32]: Uint32Array,
  [DataType.INT64]: BigInt64Array,
  [DataType.UINT64]: BigUint64Array,
};

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Name of an element type, e.g. 1 → "FLOAT", for messages. */
export function dataTypeName(t: DataType | null | undefined): string {
  return (t != null && DataType[t]) || `unknown(${String(t)})`;
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, d) => a * d, 1);
}

/** A tensor of any fixed-width element type from the typed array that matches it (FLOAT16/BFLOAT16: Uint16Array of bit patterns, BOOL: Uint8Array). */
export function makeTensor(name: string, dataType: DataType, dims: readonly number[], data: TensorArray): TensorProto {
  const ctor = ARRAY_OF[dataType];
  if (!ctor) throw new HintedError(`cannot store ${dataTypeName(dataType)} tensor "${name}"`, 'use a fixed-width numeric element type');
  if (!(data instanceof (ctor as unknown as typeof Float32Array))) {
    throw new HintedError(
      `tensor "${name}": ${data.constructor.name} does not match element type ${dataTypeName(dataType)}`,
      `pass a ${ctor.name}`,
    );
  }
  checkCount(name, dims, data.length);
  return onnx.TensorProto.create({ name, dataType, dims: [...dims], rawData: toLittleEndianBytes(data) });
}

export function float32Tensor(name: string, dims: readonly number[], data: Float32Array): TensorProto {
  return makeTensor(name, DataType.FLOAT, dims, data);
}

/** int64 tensors carry shapes and axes (Reshape, Transpose perms as inputs, …); plain numbers are accepted for convenience. */
export function int64Tensor(name: string, dims: readonly number[], data: BigInt64Array | readonly number[]): TensorProto {
  const arr = data instanceof BigInt64Array ? data : BigInt64Array.from(data, (n) => BigInt(n));
  return makeTensor(name, DataType.INT64, dims, arr);
}

/** Read any fixed-width tensor back into a fresh, aligned typed array. */
export function readTensor(t: ITensorProto): DecodedTensor {
  const name = t.name ?? '';
  const dataType = (t.dataType ?? DataType.UNDEFINED) as DataType;
  const dims = (t.dims ?? []).map(int64ToNumber);
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (t.externalData?.length ?? 0) > 0) {
    throw new HintedError(
      `tensor "${name}" keeps its data in an external file`,
      'save the model with all tensors inside the .onnx file (onnx.save_model(m, path, save_as_external_data=False))',
    );
  }
  const ctor = ARRAY_OF[dataType];
  if (!ctor) throw new HintedError(`tensor "${name}" has element type ${dataTypeName(dataType)}, which cannot be read as numbers`, 'only fixed-width numeric tensors are supported');
  const count = elementCount(dims);
  let data: TensorArray;
  if (t.rawData && t.rawData.length > 0) {
    if (t.rawData.length !== count * ctor.BYTES_PER_ELEMENT) {
      throw new HintedError(
        `tensor "${name}" has ${t.rawData.length} bytes of raw data, expected ${count * ctor.BYTES_PER_ELEMENT} for dims [${dims.join(', ')}] of ${dataTypeName(dataType)}`,
        'the model file is damaged or truncated; export it again',
      );
    }
    data = fromLittleEndianBytes(t.rawData, ctor);
  } else {
    data = fromTypedFields(t, dataType, ctor);
    checkCount(name, dims, data.length);
  }
  return { name, dataType, dims, data };
}

/** A FLOAT tensor's values; any other element type is an error (convert explicitly instead). */
export function readFloat32(t: ITensorProto): Float32Array {
  const d = readTensor(t);
  if (d.dataType !== DataType.FLOAT) throw new HintedError(`tensor "${d.name}" is ${dataTypeName(d.dataType)}, not FLOAT`, 'use readTensor() and convert');
  return d.data as Float32Array;
}

export function readInt64(t: ITensorProto): BigInt64Array {
  const d = readTensor(t);
  if (d.dataType !== DataType.INT64) throw new HintedError(`tensor "${d.name}" is ${dataTypeName(d.dataType)}, not INT64`, 'use readTensor() and convert');
  return d.data as BigInt64Array;
}

function checkCount(name: string, dims: readonly number[], n: number): void {
  if (elementCount(dims) !== n) {
    throw new HintedError(`tensor "${name}" has ${n} elements but dims [${dims.join(', ')}]`, 'make the data length the product of the dims');
  }
}

function toLittleEndianBytes(data: TensorArray): Uint8Array {
  const bytes = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  if (!HOST_IS_LITTLE_ENDIAN) swapBytes(bytes, data.BYTES_PER_ELEMENT);
  return bytes;
}

function fromLittleEndianBytes(raw: Uint8Array, ctor: ArrayCtor): TensorArray {
  // copy: decoded raw_data is a view into the model buffer at an arbitrary (unaligned) offset, and a
  // Node Buffer's slice() would not copy, hence the constructor
  const bytes = new Uint8Array(raw);
  if (!HOST_IS_LITTLE_ENDIAN) swapBytes(bytes, ctor.BYTES_PER_ELEMENT);
  return new ctor(bytes.buffer, 0, bytes.length / ctor.BYTES_PER_ELEMENT);
}

function swapBytes(bytes: Uint8Array, width: number): void {
  if (width === 1) return;
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
}

function fromTypedFields(t: ITensorProto, dataType: DataType, ctor: ArrayCtor): TensorArray {
  switch (dataType) {
    case DataType.FLOAT:
      return Float32Array.from(t.floatData ?? []);
    case DataType.DOUBLE:
      return Float64Array.from(t.doubleData ?? []);
    case DataType.INT64:
      return BigInt64Array.from(t.int64Data ?? [], (v) => BigInt(int64ToNumber(v)));
    case DataType.UINT32:
    case DataType.UINT64:
      return dataType === DataType.UINT32
        ? Uint32Array.from(t.uint64Data ?? [], int64ToNumber)
        : BigUint64Array.from(t.uint64Data ?? [], (v) => BigInt(int64ToNumber(v)));
    default: {
      // INT8/UINT8/INT16/UINT16/INT32/BOOL/FLOAT16/BFLOAT16 all travel in int32_data (16-bit floats as bit patterns)
      const src = t.int32Data ?? [];
      const out = new ctor(new ArrayBuffer(src.length * ctor.BYTES_PER_ELEMENT));
      for (let i = 0; i < src.length; i++) (out as Int32Array)[i] = src[i] ?? 0;
      return out;
    }
  }
}
