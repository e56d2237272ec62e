import type { VitePWAOptions } from 'vite-plugin-pwa';

export const THEME_COLOUR = '#12372a';

/**
 * What the service worker keeps, and why:
 * - precached (downloaded with the app, ≈ 4 MB): the shell (HTML, CSS, icons, manifest), every JS
 *   chunk (app, worker, ORT and tfjs glue, charts) and tfjs's three small .wasm files (≈ 1.2 MB),
 *   so every view and the tfjs backends work offline after the first visit;
 * - cached on first use (CacheFirst): ORT's two .wasm files (14 MB plain/threaded, 27 MB asyncify
 *   for WebGPU). Precaching them would make every first visit download 41 MB, on a phone too, for
 *   backends the person may never run; each is fetched when a cell first needs it and then kept.
 *   Their names carry a content hash, so a cached copy can never be stale;
 * - models under /models/ (NetworkFirst): they are rebuilt in place under the same URL, so the
 *   network wins when there is one and the last copy answers offline.
 * Responses keep the server's headers in the cache, so COOP/COEP/CORP (cross-origin isolation)
 * hold offline too.
 */
export const pwaOptions: Partial<VitePWAOptions> = {
  registerType: 'prompt',
  // registered from src/app/pwa/register-service-worker.ts, which also shows the update prompt
  injectRegister: false,
  includeAssets: ['icons/apple-touch-icon-180.png'],
  manifest: {
    id: '/',
    name: 'edgewatt: what a model really costs on this device',
    short_name: 'edgewatt',
    description: 'Measures latency, energy and carbon per inference of ML models in this browser, and shows the trade-offs: rebound, life cycle, edge vs cloud, device upgrades.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: THEME_COLOUR,
    background_color: '#fafafa',
    categories: ['developer', 'utilities'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    // icons and the web manifest are added by the plugin (manifest icons + includeAssets)
    globPatterns: ['**/*.{html,js,css}', 'assets/tfjs-backend-wasm*.wasm'],
    globIgnores: ['**/*.map', '**/.edgewatt-build.json'],
    // the tfjs glue chunk is ≈ 1.4 MB; ORT's wasm files are left to runtime caching on purpose
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/^\/api\//, /^\/models\//, /^\/leaderboard/],
    // the first install takes over the open page, so models fetched on this first visit are kept
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    runtimeCaching: [
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/ort-wasm') && url.pathname.endsWith('.wasm'),
        handler: 'CacheFirst',
        options: {
          cacheName: 'edgewatt-ort-wasm',
          cacheableResponse: { statuses: [200] },
          // two files per app version; older hashes drop out
          expiration: { maxEntries: 4 },
        },
      },
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/models/'),
        handler: 'NetworkFirst',
        options: {
          cacheName: 'edgewatt-models',
          networkTimeoutSeconds: 5,
          cacheableResponse: { statuses: [200] },
          expiration: { maxEntries: 200 },
        },
      },
    ],
  },
};
