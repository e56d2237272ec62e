import type { RuntimeName } from '../src/core/cell.js';
import type { RuntimeAdapter } from '../src/core/runtime-adapter.js';

/** Runtimes load lazily: a worker that runs a tfjs cell never downloads onnxruntime, and back. */
const registry: Record<RuntimeName, () => Promise<RuntimeAdapter>> = {
  ort: async () => (await import('./adapters/ort-adapter.js')).ortAdapter,
  tfjs: async () => (await import('./adapters/tfjs-adapter.js')).tfjsAdapter,
};

export function getAdapter(name: RuntimeName): Promise<RuntimeAdapter> {
  const load = registry[name];
  if (!load) throw new Error(`Unknown runtime '${String(name)}'`);
  return load();
}

export const registeredRuntimes = Object.keys(registry) as RuntimeName[];
