/**
 * `npm run build:app` (run by `prepack`): builds the PWA into dist/ with Vite when it is missing or
 * older than any source, so `npm pack` always ships a fresh app without rebuilding an unchanged one.
 * The zoo is not built: the package does not ship it, and the app build does not read it.
 */
import { ensureBuild } from '../src/cli/ensure-build.js';

try {
  const r = await ensureBuild({ log: (l) => console.log(l) });
  console.log(`build:app: dist/ ${r === 'built' ? 'built' : 'up to date'}`);
} catch (err) {
  console.error(`build:app: the Vite build failed: ${err instanceof Error ? err.message : String(err)}\n  hint: run \`npx vite build\` to see the full error`);
  process.exit(1);
}
