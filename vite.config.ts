import fs from 'node:fs';
import path from 'node:path';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './src/app/pwa/pwa-options.js';
import { ISOLATION_HEADERS } from './src/server/isolation-headers.js';
import { MODELS_BUILD_DIR, MODELS_URL_PREFIX } from './src/server/models-dir.js';

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
};

/** Serves models/build at /models in dev and preview, as the production server does. */
function serveGeneratedModels(): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const url = req.url ?? '';
    if (!url.startsWith(MODELS_URL_PREFIX)) return next();
    const rel = decodeURIComponent(url.slice(MODELS_URL_PREFIX.length).split('?')[0] ?? '');
    const file = path.resolve(MODELS_BUILD_DIR, rel);
    if (!file.startsWith(MODELS_BUILD_DIR + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return next();
    res.setHeader('Content-Type', CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
    for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
    fs.createReadStream(file).pipe(res);
  };
  return {
    name: 'edgewatt-serve-generated-models',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

export default defineConfig({
  plugins: [serveGeneratedModels(), VitePWA(pwaOptions)],
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { ...ISOLATION_HEADERS } },
  worker: { format: 'es' },
  // ORT's and tfjs's wasm glue locate their .wasm files relative to import.meta.url;
  // pre-bundling would move the glue away from the wasm, so they are left as they ship.
  optimizeDeps: { exclude: ['onnxruntime-web', '@tensorflow/tfjs-backend-wasm'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, sourcemap: true },
});
