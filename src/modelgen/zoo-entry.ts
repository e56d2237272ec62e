import { z } from 'zod';
import { archSpecSchema } from './spec.js';

/** One line of models/zoo.ts: what to generate. Everything that changes the output is in here. */
export const zooEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids are lower-case letters, digits, ".", "_" and "-"'),
  name: z.string().min(1),
  seed: z.number().int(),
  spec: archSpecSchema,
  /** SPDX id of the generated files; the project's own license unless said otherwise */
  license: z.string().min(1).default('MIT'),
  /** range benchmark inputs are drawn from; defaults: mlp [-1, 1] (standardised features), cnn [0, 1] (normalised pixels) */
  inputRange: z.tuple([z.number(), z.number()]).refine(([lo, hi]) => lo < hi, 'inputRange must be [low, high] with low < high').optional(),
});
export type ZooEntry = z.input<typeof zooEntrySchema>;
export type ParsedZooEntry = z.output<typeof zooEntrySchema>;
