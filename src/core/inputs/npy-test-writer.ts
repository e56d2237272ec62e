import { zipSync } from 'fflate';

/**
 * A minimal .npy writer for tests (the format as numpy.save writes it, v1 header padded to 64
 * bytes), so fixtures are built in the test rather than committed as binaries.
 */
export function npyBytes(descr: string, shape: readonly number[], data: ArrayBufferView, opts: { fortran?: boolean } = {}): Uint8Array {
  const dict = `{'descr': '${descr}', 'fortran_order': ${opts.fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

/** Big-endian bytes of `values` with `width`-byte elements (the array's native little-endian bytes, each element reversed). */
export function bigEndian(data: ArrayBufferView, width: number): Uint8Array {
  const b = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  for (let i = 0; i < b.length; i += width) b.subarray(i, i + width).reverse();
  return b;
}

/** np.savez(path, **arrays) (stored) or np.savez_compressed (deflated). */
export function npzBytes(arrays: Record<string, Uint8Array>, compressed = false): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(arrays).map(([k, v]) => [`${k}.npy`, v])), { level: compressed ? 6 : 0 });
}
