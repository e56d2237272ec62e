import { z } from 'zod';
import { backendSchema, protocolSchema, runtimeSchema } from '../core/cell.js';

/** A benchmark suite file (benchmarks/suites/*.json): which cells to run and how hard. */
export const suiteSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    /** model ids from the model manifest */
    models: z.array(z.string().min(1)).min(1),
    variants: z.array(z.string().min(1)).default(['fp32']),
    runtimes: z.array(runtimeSchema).min(1),
    backends: z.array(backendSchema).min(1),
    protocol: protocolSchema.partial().default({}),
    repetitions: z.number().int().min(1).default(1),
  })
  .strict();
export type Suite = z.infer<typeof suiteSchema>;
