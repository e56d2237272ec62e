/**
 * Writes the PWA icons into public/icons/ (committed; run again only when the design changes):
 * `npx tsx scripts/make-icons.ts`. Pure Node (zlib), so it needs no image tools.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawIcon, type IconPurpose } from './icons/draw-icon.js';
import { encodePng } from './icons/png-encode.js';

const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');

/** Sizes the manifest names (192 and 512 are what Chromium's install criteria look for) and the iOS home-screen icon. */
export const ICONS: readonly { file: string; size: number; purpose: IconPurpose }[] = [
  { file: 'icon-192.png', size: 192, purpose: 'any' },
  { file: 'icon-512.png', size: 512, purpose: 'any' },
  { file: 'maskable-192.png', size: 192, purpose: 'maskable' },
  { file: 'maskable-512.png', size: 512, purpose: 'maskable' },
  { file: 'apple-touch-icon-180.png', size: 180, purpose: 'maskable' },
];

fs.mkdirSync(OUT_DIR, { recursive: true });
for (const icon of ICONS) {
  const png = encodePng(icon.size, icon.size, drawIcon(icon.size, icon.purpose));
  fs.writeFileSync(path.join(OUT_DIR, icon.file), png);
  console.log(`${icon.file}: ${icon.size}×${icon.size} ${icon.purpose}, ${png.length} bytes`);
}
