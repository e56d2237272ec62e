import { HintedError } from '../serialized-error.js';

/**
 * A problem with the inputs the user asked for (a flag, a samples file, a model input that cannot
 * be fed). The CLI prints message + hint and exits 2; inside a run it becomes the record's error.
 * `input` names the model input concerned, when there is one.
 */
export class InputsError extends HintedError {
  constructor(
    message: string,
    hint: string,
    readonly input?: string,
  ) {
    super(message, hint);
    this.name = 'InputsError';
  }
}

export function isInputsError(err: unknown): err is InputsError {
  return err instanceof InputsError;
}
