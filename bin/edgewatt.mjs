#!/usr/bin/env node
// `npx edgewatt …`: runs the TypeScript CLI through tsx (a dependency), so no compile step is needed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const tsxCli = require.resolve('tsx/cli');
const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'edgewatt.ts');
const r = spawnSync(process.execPath, [tsxCli, entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 2);
