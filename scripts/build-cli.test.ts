import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleCli, type CliBundle } from './build-cli.js';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgewatt-lib-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('the bundled CLI (lib/)', () => {
  let bundle: CliBundle;
  it('builds, with every npm package it imports a runtime dependency', async () => {
    bundle = await bundleCli(outDir);
    expect(fs.existsSync(bundle.entry)).toBe(true);
  });

  it('starts without loading any command: the entry only has dynamic imports, the help texts none', () => {
    const entry = bundle.outputs[bundle.entry]!;
    expect(entry.imports.filter((i) => i.kind !== 'dynamic-import')).toEqual([]);
    const help = Object.entries(bundle.outputs).find(([f]) => path.basename(f).startsWith('help-texts'));
    expect(help?.[1].imports).toEqual([]);
    expect(fs.readFileSync(help![0], 'utf8')).toContain('Usage: edgewatt bench');
  });

  it('leaves out the checkout-only builders (Vite, the zoo)', () => {
    const imported = Object.values(bundle.outputs).flatMap((o) => o.imports.map((i) => i.path));
    // @tensorflow/tfjs itself is an optional package: the TF.js weight-storage variants of a user's TF.js model load it on demand and say how to install it
    expect(imported.filter((p) => /^(vite|tsx|esbuild|@tensorflow\/tfjs-|@vladmandic|@gutenye)/.test(p))).toEqual([]);
  });
});
