import type { TensorSpec } from '../core/cell.js';
import { deriveSeed, seededRandom } from '../core/seeded-random.js';

/**
 * Seeded synthetic "pages": light paper with lines of dark glyph-like blocks, in the normalised
 * NCHW layout OCR models take. A text detector outputs ≈ 0 everywhere on uniform noise, which
 * makes fidelity figures meaningless and int8 calibration ranges wrong; on these pages it finds
 * text, so both mean something. Values span the spec's range: paper near the top, ink near the bottom.
 */
export function makeTextImage(spec: TensorSpec, seed: number, index: number): Float32Array {
  const [n, c, h, w] = spec.shape;
  if (spec.shape.length !== 4 || n !== 1 || !c || !h || !w) {
    throw new Error(`text images need an NCHW input with batch 1, got [${spec.shape.join(', ')}] for "${spec.name}"`);
  }
  const [lo, hi] = spec.range ?? [-1, 1];
  const rng = seededRandom(deriveSeed(seed, `text-image:${index}:${spec.name}`));
  const img = new Float32Array(c * h * w);
  const paper = (v: number) => hi - (hi - lo) * 0.1 * v;
  const ink = (v: number) => lo + (hi - lo) * 0.15 * v;
  for (let i = 0; i < h * w; i++) {
    const v = paper(rng.next());
    for (let k = 0; k < c; k++) img[k * h * w + i] = v;
  }
  const lineHeight = Math.max(6, Math.round(h / (6 + rng.int(0, 4))));
  for (let y0 = rng.int(2, lineHeight); y0 + lineHeight < h; y0 += Math.round(lineHeight * 1.6)) {
    const glyph = Math.max(3, Math.round(lineHeight * 0.7));
    const x1 = w - rng.int(2, Math.max(3, Math.round(w / 4)));
    for (let x0 = rng.int(2, Math.max(3, Math.round(w / 8))); x0 + glyph < x1; x0 += glyph + rng.int(1, Math.max(2, Math.round(glyph / 2)))) {
      for (let y = y0; y < y0 + lineHeight - 1; y++) {
        for (let x = x0; x < x0 + glyph; x++) {
          if (rng.next() < 0.35) continue; // strokes, not solid boxes
          const v = ink(rng.next());
          for (let k = 0; k < c; k++) img[k * h * w + y * w + x] = v;
        }
      }
    }
  }
  return img;
}
