import { z } from 'zod';

/** Errors cross worker and process boundaries as data. `hint` says what the user can do. */
export const serializedErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  /** the phase the error happened in: fetch, load, first-run, warmup, steady, fidelity, worker */
  phase: z.string().optional(),
  stack: z.string().optional(),
});
export type SerializedError = z.infer<typeof serializedErrorSchema>;

export function serializeError(err: unknown, phase?: string, hint?: string): SerializedError {
  if (err instanceof Error) {
    return { name: err.name, message: err.message || String(err), phase, hint: hint ?? hintOf(err), stack: err.stack };
  }
  return { name: 'Error', message: typeof err === 'string' ? err : JSON.stringify(err), phase, hint };
}

function hintOf(err: Error): string | undefined {
  const h = (err as { hint?: unknown }).hint;
  return typeof h === 'string' ? h : undefined;
}

/** An error that already knows what the user should do about it. */
export class HintedError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HintedError';
  }
}
