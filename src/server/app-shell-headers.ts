/**
 * Security headers for the PWA's HTML shell, as the leaderboard pages have their own
 * (pages/page-layout.ts, stricter: no script at all). Written for what the app really loads,
 * checked against vite.config.ts, index.html, the built dist/index.html and the worker code:
 * - scripts: our own bundles only (the built index.html has no inline script; the service worker
 *   is registered from a bundle, `injectRegister: false`); 'wasm-unsafe-eval' lets ORT and TF.js
 *   compile WebAssembly, nothing else is evaluated (no eval or new Function in dist/assets);
 *   blob: because ORT and TF.js's threaded WASM start workers from Blob URLs;
 * - workers: the measure and forge module workers and the service worker, all from 'self', plus
 *   those blob: workers;
 * - connect: our API and models, and https: for the live grid-intensity sources (UK Carbon
 *   Intensity, Energi Data Service), whose base URL the user may change in the Energy view — to
 *   a source of their own on this machine too, hence plain http on loopback;
 * - styles: our stylesheet; the app sets positions through el.style, which CSP does not govern;
 * - images: icons, and data:/blob: for charts and exported files.
 * Worker scripts are served without a CSP of their own, so a worker runs under none; the
 * document policy is what a script injected into the page would meet.
 * COOP/COEP/CORP come from isolation-headers.ts on every response.
 */
export const APP_SHELL_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** On every response: no MIME sniffing, no framing (clickjacking), no referrer leaking filters. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/** Adds the shell's CSP to an HTML response that has none (the leaderboard pages bring their own). */
export function applySecurityHeaders(headers: Headers): void {
  for (const [k, v] of Object.entries(COMMON_SECURITY_HEADERS)) if (!headers.has(k)) headers.set(k, v);
  const type = headers.get('content-type') ?? '';
  if (type.startsWith('text/html') && !headers.has('content-security-policy')) headers.set('Content-Security-Policy', APP_SHELL_CSP);
}
