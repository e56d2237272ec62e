/**
 * Headers that make the page cross-origin isolated: WASM threads (SharedArrayBuffer) need it,
 * and performance.now() resolution goes from 100 µs to 5 µs with it (DESIGN §3).
 * Every response carries CORP too, so our own files stay loadable under COEP require-corp.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
