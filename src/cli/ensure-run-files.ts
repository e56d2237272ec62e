import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../bench/exit-codes.js';
import { DIST_DIR, IS_CHECKOUT, MODELS_BUILD_DIR } from '../server/models-dir.js';

export interface RunFilesOptions {
  /** the run uses models of the zoo (a suite), not only files the user passed */
  zoo: boolean;
  log?: (line: string) => void;
  /** one line per zoo model, including those already up to date (default: EDGEWATT_VERBOSE=1 in the environment) */
  verbose?: boolean;
}

/**
 * Makes sure the built app (dist/) and, when asked, the model zoo (models/build/) are there before
 * a run. In a checkout, what is stale is rebuilt and one summary line is printed; an installed
 * package ships dist/ prebuilt and has no zoo, so it only checks and says what to do.
 */
export async function ensureRunFiles(opts: RunFilesOptions): Promise<void> {
  const log = opts.log ?? ((l: string) => console.log(l));
  if (IS_CHECKOUT) {
    const { buildStaleFiles } = await import('./checkout-build.js');
    log(`edgewatt: ${await buildStaleFiles({ zoo: opts.zoo, verbose: opts.verbose ?? process.env.EDGEWATT_VERBOSE === '1', log })}`);
    return;
  }
  if (!fs.existsSync(path.join(DIST_DIR, 'index.html'))) {
    throw new UsageError(
      `the installed edgewatt package has no built app (${path.join(DIST_DIR, 'index.html')} is missing)`,
      'reinstall it (npm install edgewatt); a package made without `npm pack` (which builds the app first) lacks dist/',
    );
  }
  if (opts.zoo && !fs.existsSync(path.join(MODELS_BUILD_DIR, 'manifest.json'))) {
    throw new UsageError(
      'the model zoo is not installed: suites (--suite smoke, ci, full) run the zoo models, which only an edgewatt checkout builds',
      'benchmark your own model with `npx edgewatt bench ./model.onnx`; for the zoo suites clone the edgewatt repository, run `npm install`, then `npx edgewatt bench --suite smoke` there',
    );
  }
}
