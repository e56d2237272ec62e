import type { ZooEntry } from '../src/modelgen/zoo-entry.js';

/**
 * The synthetic model zoo: built into models/build/ by `npm run models` (or on demand by
 * ensureModels). Kept small on purpose: WebGPU here runs on SwiftShader (CPU), ~100× slower than WASM.
 * Changing an entry makes it stale; the next build regenerates only that model.
 */
export const zoo: readonly ZooEntry[] = [
  {
    id: 'mlp-s',
    name: 'MLP small (256→128→64→10)',
    seed: 1001,
    spec: { kind: 'mlp', inputSize: 256, hidden: [128, 64], classes: 10 },
    license: 'MIT',
  },
  {
    id: 'cnn-s',
    name: 'CNN small (32×32×3, conv 8·16, 10 classes)',
    seed: 2002,
    spec: { kind: 'cnn', height: 32, width: 32, channels: 3, convChannels: [8, 16], classes: 10 },
    license: 'MIT',
  },
];
