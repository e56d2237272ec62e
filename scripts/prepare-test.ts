/**
 * Everything `npm test` needs before the tests themselves: Debian's Chromium (installed when we
 * are root with apt, otherwise a message saying how), the generated models and a fresh build.
 */
import { ensureRunFiles } from '../src/cli/ensure-run-files.js';
import { ensureChromium } from '../src/cli/find-chromium.js';

try {
  const chromium = ensureChromium();
  console.log(`edgewatt: using Chromium at ${chromium}`);
  await ensureRunFiles({ zoo: true });
} catch (err) {
  console.error(`edgewatt: cannot prepare the tests: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
