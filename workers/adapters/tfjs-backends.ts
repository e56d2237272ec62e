import type { Backend } from '../../src/core/cell.js';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/**
 * Importing a tfjs backend package registers it. Only the backend a cell asks for is imported,
 * so a worker never pays for (or is disturbed by) the others.
 */
export async function registerTfjsBackend(backend: Backend, threads: number): Promise<void> {
  switch (backend) {
    case 'cpu':
    case 'webgl':
      return; // both ship inside @tensorflow/tfjs
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlainUrl,
        'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
      });
      if (threads > 0) wasm.setThreadsCount(threads);
      return;
    }
  }
}

export async function tfjsWasmThreads(): Promise<number> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  return wasm.getThreadsCount();
}
