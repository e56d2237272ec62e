import fs from 'node:fs';
import path from 'node:path';
import { DIST_DIR, PROJECT_ROOT } from '../server/models-dir.js';

const SOURCES = ['src', 'workers', 'public', 'index.html', 'vite.config.ts', 'package.json'];
const STAMP = path.join(DIST_DIR, '.edgewatt-build.json');

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** Builds the PWA with Vite when dist/ is missing or older than any source file. */
export async function ensureBuild(opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<'built' | 'up-to-date'> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(path.join(PROJECT_ROOT, s))));
  if (!opts.force && fs.existsSync(STAMP)) {
    const stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8')) as { sourcesAt: number };
    if (stamp.sourcesAt >= sourcesAt) return 'up-to-date';
  }
  log('edgewatt: building the app (vite build)…');
  const { build } = await import('vite');
  await build({ root: PROJECT_ROOT, logLevel: 'warn', configFile: path.join(PROJECT_ROOT, 'vite.config.ts') });
  fs.writeFileSync(STAMP, JSON.stringify({ sourcesAt }));
  return 'built';
}
