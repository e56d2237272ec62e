import type { Backend } from '../../src/core/cell.js';
import { HintedError } from '../../src/core/serialized-error.js';

/** Raised when a runtime ended up on another backend than asked: the cell is reported as skipped, not run. */
export class BackendFallbackError extends HintedError {
  constructor(readonly requested: Backend, readonly active: string) {
    super(
      `The runtime could not initialise the '${requested}' backend (it would have run on '${active}' instead)`,
      requested === 'webgpu'
        ? 'This device or browser has no usable WebGPU; start Chromium with --enable-unsafe-webgpu or use a WebGPU-capable browser.'
        : `This device cannot run '${requested}'; pick another backend.`,
    );
    this.name = 'BackendFallbackError';
  }
}


/** The backend exists here but cannot run this model (a missing GPU feature): a skipped cell, not a failure. */
export class NotSupportedHereError extends HintedError {
  constructor(message: string, hint: string) {
    super(message, hint);
    this.name = 'NotSupportedHereError';
  }
}

// ORT's WebGPU EP says this at session creation for some models and at the first run for others
// (a Cast or another program compiled lazily), so every phase checks for it
const NO_SHADER_F16 = /requires f16 but the device does not support it|shader-f16/i;

/**
 * The adapter lacks `shader-f16` and the model computes in fp16: the cell is skipped with that
 * reason, whichever phase noticed it. Any other error: undefined.
 */
export function missingShaderF16(err: unknown, modelId: string): NotSupportedHereError | undefined {
  const msg = err instanceof Error ? err.message : String(err);
  if (!NO_SHADER_F16.test(msg)) return undefined;
  return new NotSupportedHereError(
    `This GPU adapter has no 'shader-f16' feature, so onnxruntime-web's WebGPU backend cannot run the fp16 parts of ${modelId} (runtime: ${msg.split('\n')[0]!.slice(0, 200)})`,
    'Run the model on WASM (which computes fp16 in fp32), or on a device whose WebGPU adapter has shader-f16.',
  );
}
