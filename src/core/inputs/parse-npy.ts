import { InputsError } from './inputs-error.js';
import { elementCountOf, type NumericArray } from './numeric-array.js';

/**
 * NumPy's .npy format (numpy.org/doc/stable/reference/generated/numpy.lib.format.html): magic
 * "\x93NUMPY", version, a little-endian header length (2 bytes in v1, 4 in v2/v3), a Python dict
 * literal {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }, then the raw data.
 *
 * Written here rather than taken from npyjs (aplbrain/npyjs, src/index.ts as of 2025): the format
 * is ~60 lines to read, and npyjs notes a big-endian '>' dtype but reads it little-endian anyway,
 * returns Fortran-order data unreordered, and views a Uint8Array input through `.buffer`, ignoring
 * its byteOffset — which an .npz member (a subarray of the unzipped archive) hits. This parser
 * takes bytes and nothing else, so it runs the same in the page, a worker and Node.
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

interface DtypeInfo {
  kind: NumericArray['kind'];
  bytes: number;
  read(buf: ArrayBuffer, count: number): NumericArray['data'];
}

const DTYPES: Readonly<Record<string, DtypeInfo>> = {
  f2: { kind: 'float', bytes: 2, read: (b, n) => Float32Array.from(new Uint16Array(b, 0, n), halfToFloat) },
  f4: { kind: 'float', bytes: 4, read: (b, n) => new Float32Array(b, 0, n) },
  f8: { kind: 'float', bytes: 8, read: (b, n) => new Float64Array(b, 0, n) },
  i1: { kind: 'int', bytes: 1, read: (b, n) => new Int8Array(b, 0, n) },
  i2: { kind: 'int', bytes: 2, read: (b, n) => new Int16Array(b, 0, n) },
  i4: { kind: 'int', bytes: 4, read: (b, n) => new Int32Array(b, 0, n) },
  i8: { kind: 'int', bytes: 8, read: (b, n) => new BigInt64Array(b, 0, n) },
  u1: { kind: 'uint', bytes: 1, read: (b, n) => new Uint8Array(b, 0, n) },
  u2: { kind: 'uint', bytes: 2, read: (b, n) => new Uint16Array(b, 0, n) },
  u4: { kind: 'uint', bytes: 4, read: (b, n) => new Uint32Array(b, 0, n) },
  u8: { kind: 'uint', bytes: 8, read: (b, n) => new BigUint64Array(b, 0, n) },
  b1: { kind: 'bool', bytes: 1, read: (b, n) => new Uint8Array(b, 0, n) },
};

/** Parse one .npy file; `origin` names it in messages. */
export function parseNpy(bytes: Uint8Array, origin: string): NumericArray {
  const fail = (what: string, hint = 'save the array with numpy.save (a C-contiguous numeric array)') => new InputsError(`${origin}: ${what}`, hint);
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m)) throw fail('not a .npy file (no \\x93NUMPY magic)');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (major < 1 || major > 3) throw fail(`unknown .npy version ${major}`);
  const headerLen = lenBytes === 2 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = 8 + lenBytes + headerLen;
  if (dataStart > bytes.length) throw fail('the header runs past the end of the file (truncated?)');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(8 + lenBytes, dataStart));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw fail(`unreadable header ${JSON.stringify(header.trim())}`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw fail(`bad shape (${shapeText})`);
  const m = /^([<>|=]?)([a-z]\d+)$/.exec(descr);
  const info = m ? DTYPES[m[2]!] : undefined;
  if (!m || !info) throw fail(`dtype '${descr}' is not supported`, `save it as one of float16/32/64, int8/16/32/64, uint8/16/32/64 or bool`);
  const count = elementCountOf(shape);
  const size = count * info.bytes;
  if (dataStart + size > bytes.length) throw fail(`holds ${bytes.length - dataStart} data bytes, but shape (${shape.join(', ')}) of '${descr}' needs ${size} (truncated?)`);
  // a copy: typed arrays need an aligned offset, and big-endian data is swapped in place
  const data = bytes.slice(dataStart, dataStart + size);
  if (m[1] === '>' && info.bytes > 1) swapBytes(data, info.bytes);
  let values = info.read(data.buffer, count);
  if (fortran === 'True') values = fromFortranOrder(values, shape);
  return { origin: `${origin} (${descr})`, kind: info.kind, shape, data: values };
}

function swapBytes(data: Uint8Array, width: number): void {
  for (let i = 0; i < data.length; i += width) data.subarray(i, i + width).reverse();
}

/** Column-major (np.asfortranarray, a transposed view saved as is) to row-major. */
function fromFortranOrder(values: NumericArray['data'], shape: readonly number[]): NumericArray['data'] {
  const n = values.length;
  const out = new (values.constructor as new (n: number) => { [i: number]: number | bigint })(n);
  const idx = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < n; c++) {
    let f = 0;
    let stride = 1;
    for (let k = 0; k < shape.length; k++) {
      f += idx[k]! * stride;
      stride *= shape[k]!;
    }
    out[c] = (values as ArrayLike<number | bigint>)[f]!;
    for (let k = shape.length - 1; k >= 0; k--) {
      if (++idx[k]! < shape[k]!) break;
      idx[k] = 0;
    }
  }
  return out as unknown as NumericArray['data'];
}

/** IEEE 754 binary16 → number (subnormals, ±Inf and NaN included). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
