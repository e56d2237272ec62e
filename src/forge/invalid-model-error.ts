import { HintedError } from '../core/serialized-error.js';

/**
 * The input file is not a model the runtime can load (a dangling tensor name, a wrong type, a
 * truncated weight): the user's file, not the forge, is at fault. A name of its own, so the CLI
 * and the app can say "your file" (serializeError keeps `name`); the forge's own failures keep
 * the "bug in the edgewatt forge" wording of check-graph.ts.
 */
export class InvalidModelError extends HintedError {
  constructor(message: string, hint = INVALID_MODEL_HINT, options?: { cause?: unknown }) {
    super(message, hint, options);
    this.name = 'InvalidModelError';
  }
}

export const INVALID_MODEL_HINT =
  'the file is not a valid ONNX model the runtime can load: re-export it (torch.onnx.export / tf2onnx), check it with onnx.checker, or download it again; the forge cannot make variants of it';
