/** Vite bundles the worker (and, lazily, the runtime it needs) from this one reference. */
export function createMeasureWorker(): Worker {
  return new Worker(new URL('../../workers/measure-worker.ts', import.meta.url), { type: 'module', name: 'edgewatt-measure' });
}
