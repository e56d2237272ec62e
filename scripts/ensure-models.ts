/**
 * Build the synthetic model zoo (models/zoo.ts) into models/build/: only what is missing or stale,
 * everything with --force. Thin CLI over src/modelgen/ensure-models.ts.
 */
import { HintedError } from '../src/core/serialized-error.js';
import { ensureModels } from '../src/modelgen/ensure-models.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: tsx scripts/ensure-models.ts [--force] [--verbose]\n  builds models/zoo.ts into models/build/ (only missing or stale models unless --force)\n  --verbose also lists the models already up to date');
  process.exit(0);
}
const unknown = args.filter((a) => a !== '--force' && a !== '--verbose');
if (unknown.length > 0) {
  console.error(`ensure-models: unknown argument ${unknown.join(' ')}\n  hint: the options are --force (rebuild every model) and --verbose (list up-to-date models too)`);
  process.exit(2);
}

try {
  const r = await ensureModels({ force: args.includes('--force'), verbose: args.includes('--verbose') });
  console.log(`ensure-models: ${r.built.length} built, ${r.upToDate.length} up to date → ${r.manifestPath}`);
} catch (err) {
  const hint = err instanceof HintedError ? err.hint : 'run with --force to rebuild from scratch; if that fails, report the error';
  console.error(`ensure-models: ${(err as Error).message}\n  hint: ${hint}`);
  process.exit(1);
}
