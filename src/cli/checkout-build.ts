import { ensureModels } from '../modelgen/ensure-models.js';
import { ensureBuild } from './ensure-build.js';

/**
 * Checkout only: rebuilds the model zoo and the app when stale. The packaged CLI (lib/) replaces
 * this module with a stub at bundle time (scripts/build-cli.ts), so neither Vite nor the zoo
 * builder nor the packages the zoo copies models from ship in, or load from, the package.
 */
export async function buildStaleFiles(opts: { zoo: boolean; verbose: boolean; log: (line: string) => void }): Promise<string> {
  const parts: string[] = [];
  if (opts.zoo) {
    const r = await ensureModels({ log: opts.log, verbose: opts.verbose });
    parts.push(`models ${r.built.length} built, ${r.upToDate.length} up to date`);
  }
  parts.push(`app ${(await ensureBuild({ log: opts.log })) === 'built' ? 'built' : 'up to date'}`);
  return parts.join('; ');
}
