import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from './png-encode.js';

interface Chunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

/** A minimal reader written from the PNG spec, independent of the encoder's helpers. */
function readChunks(png: Buffer): Chunk[] {
  const out: Chunk[] = [];
  let at = 8;
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    const crc = png.readUInt32BE(at + 8 + len);
    out.push({ type, data, crcOk: crc === crc32(png.subarray(at + 4, at + 8 + len)) });
    at += 12 + len;
  }
  return out;
}

describe('encodePng', () => {
  const w = 3;
  const h = 2;
  const pixels = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 37) % 256);

  it('writes the signature, IHDR (RGBA 8-bit), IDAT and IEND with valid CRCs', () => {
    const png = encodePng(w, h, pixels);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    const ihdr = chunks[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([w, h, 8, 6]);
  });

  it('stores every pixel unchanged behind a filter-0 byte per row', () => {
    const idat = readChunks(encodePng(w, h, pixels)).find((c) => c.type === 'IDAT')!;
    const raw = inflateSync(idat.data);
    expect(raw.length).toBe(h * (w * 4 + 1));
    for (let y = 0; y < h; y++) {
      expect(raw[y * (w * 4 + 1)]).toBe(0);
      expect([...raw.subarray(y * (w * 4 + 1) + 1, (y + 1) * (w * 4 + 1))]).toEqual([...pixels.subarray(y * w * 4, (y + 1) * w * 4)]);
    }
  });

  it('gives identical bytes for identical pixels (icons are committed)', () => {
    expect(encodePng(w, h, pixels).equals(encodePng(w, h, pixels))).toBe(true);
  });

  it('refuses a buffer of the wrong length with the expected size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/expected 16 RGBA bytes for 2×2/);
  });
});
