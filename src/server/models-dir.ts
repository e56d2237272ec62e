import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Generated models live outside the bundle (they are build output, too large to precache). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MODELS_BUILD_DIR = path.join(PROJECT_ROOT, 'models', 'build');
export const DIST_DIR = path.join(PROJECT_ROOT, 'dist');
/** URL prefix the app fetches models from, in dev, preview and `npm start` alike */
export const MODELS_URL_PREFIX = '/models/';
/** URL prefix of a bench run's own models (the user's files and their forged variants) */
export const USER_MODELS_URL_PREFIX = '/user-models/';
