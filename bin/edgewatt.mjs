#!/usr/bin/env node
// `npx edgewatt …`. An installed package runs the bundled JavaScript in lib/ (built by
// `npm run build:cli`, shipped by `npm pack`): no TypeScript, no build step at run time.
// A checkout runs the TypeScript sources through tsx in this same process, so edits apply at
// once and a lib/ left over from an earlier `npm pack` is never used stale.
import fs from 'node:fs';

const checkoutEntry = new URL('../src/cli/edgewatt.ts', import.meta.url);
if (fs.existsSync(checkoutEntry)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(checkoutEntry.href);
} else {
  await import('../lib/edgewatt.js');
}
