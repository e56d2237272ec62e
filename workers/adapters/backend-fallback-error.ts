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
