import { describe, expect, it } from 'vitest';
import { BOLT, drawIcon, ICON_BACKGROUND, ICON_GLYPH } from './draw-icon.js';

const px = (rgba: Uint8Array, size: number, x: number, y: number) => [...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];

describe('drawIcon', () => {
  it('keeps the glyph inside the maskable safe zone (radius 40 % of the size around the centre)', () => {
    for (const [x, y] of BOLT) expect(Math.hypot(x - 0.5, y - 0.5)).toBeLessThanOrEqual(0.4);
    const size = 64;
    const rgba = drawIcon(size, 'maskable');
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const outside = Math.hypot((x + 0.5) / size - 0.5, (y + 0.5) / size - 0.5) > 0.41;
        if (outside) expect(px(rgba, size, x, y)).toEqual([...ICON_BACKGROUND, 255]);
      }
    }
  });

  it('bleeds the maskable background to the corners but leaves the "any" icon’s corners transparent', () => {
    const size = 48;
    expect(px(drawIcon(size, 'maskable'), size, 0, 0)[3]).toBe(255);
    expect(px(drawIcon(size, 'any'), size, 0, 0)[3]).toBe(0);
  });

  it('draws the bolt in the glyph colour where it is solid', () => {
    const size = 100;
    // (0.5, 0.5) lies inside the bolt's middle bar
    expect(px(drawIcon(size, 'any'), size, 50, 50)).toEqual([...ICON_GLYPH, 255]);
  });
});
