import type { Backend } from '../../src/core/cell.js';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/**
 * Importing a tfjs backend package registers it. Only the backend a cell asks for is imported,
 * so a worker never pays for (or is disturbed by) the others.
 */
export async function registerTfjsBackend(backend: Backend): Promise<void> {
  switch (backend) {
    case 'cpu':
    case 'webgl':
      return; // both ship inside @tensorflow/tfjs
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'wasm': {
      // The threaded build spawns its pthread workers from a string of its own code, which a
      // bundler's renaming breaks ("e is not defined" in a blob worker). The single-threaded
      // SIMD build is used instead and the cell reports 1 thread.
      const wasm = await import('@tensorflow/tfjs-backend-wasm'); // registers the flag below
      const tf = await import('@tensorflow/tfjs');
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlainUrl,
        'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
      });
      return;
    }
  }
}

export async function tfjsWasmThreads(): Promise<number> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  return wasm.getThreadsCount();
}
