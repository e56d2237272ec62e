/** Vite bundles the forge worker (and, lazily, ORT's WASM build for calibration) from this one reference. */
export function createForgeWorker(): Worker {
  return new Worker(new URL('../../../workers/forge-worker.ts', import.meta.url), { type: 'module', name: 'edgewatt-forge' });
}
