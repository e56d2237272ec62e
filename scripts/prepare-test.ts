/**
 * Everything `npm test` needs before the tests themselves: Debian's Chromium (installed when we
 * are root with apt, otherwise a message saying how), the generated models and a fresh build.
 */
import { ensureBuild } from '../src/cli/ensure-build.js';
import { ensureChromium } from '../src/cli/find-chromium.js';
import { ensureModels } from '../src/modelgen/ensure-models.js';

try {
  const chromium = ensureChromium();
  console.log(`edgewatt: using Chromium at ${chromium}`);
  await ensureModels({ log: (l: string) => console.log(l) });
  await ensureBuild({ log: (l: string) => console.log(l) });
} catch (err) {
  console.error(`edgewatt: cannot prepare the tests: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
