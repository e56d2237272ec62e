import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The edgewatt package root: the checkout, or node_modules/edgewatt when installed. Found by
 * walking up to our own package.json rather than by a fixed `../..`, because the same code runs
 * from src/server/ (checkout, through tsx) and from a bundled chunk in lib/ (installed package).
 */
export const PROJECT_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
/** Generated models live outside the bundle (they are build output, too large to precache). */
export const MODELS_BUILD_DIR = path.join(PROJECT_ROOT, 'models', 'build');
export const DIST_DIR = path.join(PROJECT_ROOT, 'dist');
/** URL prefix the app fetches models from, in dev, preview and `npm start` alike */
export const MODELS_URL_PREFIX = '/models/';
/** URL prefix of a bench run's own models (the user's files and their forged variants) */
export const USER_MODELS_URL_PREFIX = '/user-models/';

/**
 * A checkout has the sources to build the app (Vite) and the model zoo from; an installed package
 * ships dist/ prebuilt and no zoo, so it must never try to build either.
 */
export const IS_CHECKOUT = fs.existsSync(path.join(PROJECT_ROOT, 'vite.config.ts')) && fs.existsSync(path.join(PROJECT_ROOT, 'src'));

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && readName(manifest) === 'edgewatt') return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find edgewatt's package.json above ${from}: reinstall edgewatt (npm install edgewatt)`);
  }
}

function readName(manifest: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
