/** edgewatt's icon: a lightning bolt on the app's dark green, drawn in unit coordinates. */

type Point = readonly [number, number];
type Rgb = readonly [number, number, number];

export const ICON_BACKGROUND: Rgb = [0x12, 0x37, 0x2a];
export const ICON_GLYPH: Rgb = [0xb9, 0xf6, 0xca];

/** The bolt, inside the circle of radius 0.4 around the centre: the safe zone of a maskable icon. */
export const BOLT: readonly Point[] = [
  [0.57, 0.17],
  [0.33, 0.55],
  [0.48, 0.55],
  [0.42, 0.83],
  [0.69, 0.43],
  [0.54, 0.43],
  [0.63, 0.17],
];

function inPolygon(x: number, y: number, poly: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i] as Point;
    const [xj, yj] = poly[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inRoundedSquare(x: number, y: number, r: number): boolean {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

export type IconPurpose = 'any' | 'maskable';

/**
 * RGBA pixels of the icon. `any`: a rounded square with transparent corners; `maskable`: the
 * background bleeds to every edge so the platform's mask (circle, squircle…) never shows a gap.
 * 4×4 samples per pixel give smooth edges.
 */
export function drawIcon(size: number, purpose: IconPurpose): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let glyph = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          if (purpose === 'maskable' || inRoundedSquare(x, y, 0.22)) bg++;
          if (inPolygon(x, y, BOLT)) glyph++;
        }
      }
      const g = glyph / (n * n);
      const o = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) out[o + c] = Math.round((ICON_BACKGROUND[c] as number) * (1 - g) + (ICON_GLYPH[c] as number) * g);
      out[o + 3] = Math.round((Math.max(bg, glyph) / (n * n)) * 255);
    }
  }
  return out;
}
