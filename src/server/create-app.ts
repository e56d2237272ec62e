import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { applySecurityHeaders } from './app-shell-headers.js';
import { EXPECTED_DIGESTS_FILE } from '../core/expected-digests-schema.js';
import { ISOLATION_HEADERS } from './isolation-headers.js';
import { DIST_DIR, MODELS_BUILD_DIR, MODELS_URL_PREFIX, USER_MODELS_URL_PREFIX } from './models-dir.js';

export interface AppOptions {
  distDir?: string;
  modelsDir?: string;
  /** the headless runner's folder of user models and forged variants, served at /user-models/ */
  userModelsDir?: string;
  /** further routes (the leaderboard API and pages) mounted before the static files */
  mount?: (app: Hono) => void;
}

/**
 * The one Node process behind `npm start` and the headless runner: the built PWA, the
 * generated models, and whatever `mount` adds. Every response is cross-origin isolated, and the
 * app shell carries a CSP, nosniff and no-framing (app-shell-headers.ts).
 */
export function createApp(options: AppOptions = {}): Hono {
  const distDir = options.distDir ?? DIST_DIR;
  const modelsDir = options.modelsDir ?? MODELS_BUILD_DIR;
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(ISOLATION_HEADERS)) c.res.headers.set(k, v);
    applySecurityHeaders(c.res.headers);
  });
  options.mount?.(app);
  // the zoo's expected output digests are the leaderboard's answer key (proof of run): not served
  app.get(`${MODELS_URL_PREFIX}${EXPECTED_DIGESTS_FILE}`, (c) => c.text('Not found', 404));
  app.use(
    `${MODELS_URL_PREFIX}*`,
    serveStatic({ root: modelsDir, rewriteRequestPath: (p) => p.slice(MODELS_URL_PREFIX.length - 1) }),
  );
  if (options.userModelsDir) {
    app.use(`${USER_MODELS_URL_PREFIX}*`, serveStatic({ root: options.userModelsDir, rewriteRequestPath: (p) => p.slice(USER_MODELS_URL_PREFIX.length - 1) }));
  }
  // wasm must be served as application/wasm for streaming compilation
  app.use('*', serveStatic({ root: distDir, onFound: (p, c) => void (p.endsWith('.wasm') && c.header('Content-Type', 'application/wasm')) }));
  const indexHtml = path.join(distDir, 'index.html');
  app.get('*', (c) => {
    // a missing file (a .wasm, a chunk) is a 404, never the page: a runtime given HTML for its wasm fails obscurely
    if (path.extname(new URL(c.req.url).pathname) !== '') return c.text('Not found', 404);
    if (!fs.existsSync(indexHtml)) return c.text('The app is not built: run `npm run build` (or `npm start`, which builds it).', 503);
    return c.html(fs.readFileSync(indexHtml, 'utf8'));
  });
  return app;
}
