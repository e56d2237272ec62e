import { z } from 'zod';

/**
 * What a run's inputs were made from, recorded with every fidelity verdict (DESIGN §3):
 * - 'user-samples': the user's own tensors (--inputs file.npy|.npz|.json)
 * - 'user-ranges': seeded tensors, but every float input drawn from a range or value the user gave
 * - 'synthetic': seeded tensors from default ranges ([-1, 1] for floats)
 */
export const inputSourceSchema = z.enum(['user-samples', 'user-ranges', 'synthetic']);
export type InputSource = z.infer<typeof inputSourceSchema>;

/**
 * The caveat a verdict on synthetic inputs carries (record warnings, Markdown, forge --check):
 * an fp16 variant can be exact on [-1, 1] and NaN on audio-range input, and int8 calibrated on
 * uniform noise can pass there and fail on real windows.
 */
export const SYNTHETIC_INPUTS_CAVEAT =
  'Fidelity was checked on synthetic inputs (seeded, default ranges): the verdict may not hold on real data. Pass --inputs with real samples, or --input-range per input.';

/** Short form for tables and one-line verdicts. */
export const SYNTHETIC_INPUTS_SHORT = 'synthetic inputs: may not hold on real data';
