import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/seeded-random.js';
import { DataType, type ITensorProto, onnx, type TensorProto } from './proto.js';
import { float32Tensor, int64Tensor, makeTensor, readFloat32, readInt64, readTensor } from './tensor.js';

/** Encode and decode through protobuf, as a model file would. */
function roundTrip(t: ITensorProto): TensorProto {
  return onnx.TensorProto.decode(onnx.TensorProto.encode(t).finish());
}

describe('tensor codec', () => {
  it('float32 values survive encode/decode bit-exactly, including odd values', () => {
    const rng = seededRandom(7);
    const data = Float32Array.from({ length: 24 }, () => rng.normal());
    data[0] = -0;
    data[1] = 1e-40; // subnormal
    const back = readFloat32(roundTrip(float32Tensor('w', [2, 3, 4], data)));
    expect(back.length).toBe(24);
    expect(Array.from(new Uint32Array(back.buffer))).toEqual(Array.from(new Uint32Array(data.buffer)));
  });

  it('writes raw_data little-endian as the ONNX spec requires', () => {
    const t = float32Tensor('one', [1], Float32Array.of(1));
    expect(Array.from(t.rawData)).toEqual([0x00, 0x00, 0x80, 0x3f]);
  });

  it('int64 values survive, from bigints or numbers, beyond 32 bits', () => {
    const t = roundTrip(int64Tensor('shape', [3], [1, -1, 2 ** 40]));
    expect(Array.from(readInt64(t))).toEqual([1n, -1n, 2n ** 40n]);
    expect(t.dims.map(Number)).toEqual([3]);
  });

  it('reads tensors stored in the typed repeated fields instead of raw_data', () => {
    const f = roundTrip({ name: 'f', dataType: DataType.FLOAT, dims: [2], floatData: [1.5, -2] });
    expect(Array.from(readFloat32(f))).toEqual([1.5, -2]);
    const h = roundTrip({ name: 'h', dataType: DataType.FLOAT16, dims: [2], int32Data: [0x3c00, 0xc000] });
    const d = readTensor(h);
    expect(d.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(d.data as Uint16Array)).toEqual([0x3c00, 0xc000]);
  });

  it('stores fp16 bit patterns from a Uint16Array', () => {
    const d = readTensor(roundTrip(makeTensor('h', DataType.FLOAT16, [2], Uint16Array.of(0x3c00, 0x7bff))));
    expect(d.dataType).toBe(DataType.FLOAT16);
    expect(Array.from(d.data as Uint16Array)).toEqual([0x3c00, 0x7bff]);
  });

  it('rejects data whose length does not match the dims, with a hint', () => {
    expect(() => float32Tensor('w', [2, 2], new Float32Array(3))).toThrow(/3 elements but dims \[2, 2\]/);
    const bad = roundTrip({ name: 'w', dataType: DataType.FLOAT, dims: [4], rawData: new Uint8Array(12) });
    expect(() => readTensor(bad)).toThrowError(expect.objectContaining({ hint: expect.stringMatching(/damaged|truncated/) }));
  });

  it('refuses to read one element type as another', () => {
    expect(() => readFloat32(int64Tensor('s', [1], [1]))).toThrow(/INT64, not FLOAT/);
    expect(() => makeTensor('x', DataType.FLOAT, [1], Int32Array.of(1))).toThrow(/does not match element type FLOAT/);
  });

  it('explains external data instead of returning zeros', () => {
    const ext = { name: 'w', dataType: DataType.FLOAT, dims: [1], dataLocation: onnx.TensorProto.DataLocation.EXTERNAL, externalData: [{ key: 'location', value: 'w.bin' }] };
    expect(() => readTensor(ext)).toThrow(/external file/);
  });
});
