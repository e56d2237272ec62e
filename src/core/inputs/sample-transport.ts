import type { TensorSpec } from '../cell.js';
import type { Feeds } from '../runtime-adapter.js';

/**
 * User samples on their way from Node into the page (Playwright's evaluate takes JSON): each
 * tensor as base64 of its bytes; the specs say how to read them back. Raw bytes keep every value
 * exact (int64 included), unlike a JSON number list.
 */
export type EncodedSamples = string[][];

export function encodeSamples(samples: readonly Feeds[]): EncodedSamples {
  return samples.map((feeds) => feeds.map((t) => toBase64(new Uint8Array(t.buffer, t.byteOffset, t.byteLength))));
}

export function decodeSamples(encoded: EncodedSamples, specs: readonly TensorSpec[]): Feeds[] {
  return encoded.map((feeds, s) =>
    feeds.map((b64, i) => {
      const spec = specs[i];
      if (!spec) throw new Error(`sample ${s} has ${feeds.length} tensors, the model ${specs.length} inputs`);
      const bytes = fromBase64(b64);
      const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      switch (spec.dtype) {
        case 'float32':
          return new Float32Array(buf);
        case 'int32':
          return new Int32Array(buf);
        case 'int64':
          return new BigInt64Array(buf);
        default:
          return new Uint8Array(buf);
      }
    }),
  );
}

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
