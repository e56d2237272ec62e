import { z } from 'zod';
import { backendSchema, isSupportedCell, protocolSchema, runtimeSchema } from '../core/cell.js';

/** Default regression threshold of the gate, in percent of the baseline median. */
export const DEFAULT_THRESHOLD_PCT = 10;

const timeoutsSchema = z
  .object({
    /** one cell end to end (load, warm-up, samples, fidelity); past it the cell is errored and the run goes on */
    cellMs: z.number().int().positive().default(300_000),
    /** the whole suite; past it the cells left are reported as not run. Absent: no limit */
    suiteMs: z.number().int().positive().optional(),
  })
  .strict();

const gateSchema = z
  .object({
    /** a slower cell fails the gate only when its median grew by more than this many percent */
    thresholdPct: z.number().min(0).max(1000).default(DEFAULT_THRESHOLD_PCT),
    /** confidence level of the ratio interval; 0.95 means a 5 % false-alarm rate per cell at most */
    confidence: z.number().gt(0.5).lt(1).default(0.95),
  })
  .strict();

/** A benchmark suite file (benchmarks/suites/*.json): which cells to run and how hard. */
export const suiteSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    /** model ids from the model manifest, or model files (.onnx, a TF.js folder or its model.json) relative to the suite file */
    models: z.array(z.string().min(1)).min(1),
    /** inputs of the model files, as the command line gives them (--inputs, --input-shape, --input-range, --input-value) */
    inputs: z
      .object({
        /** .npy, .npz or JSON samples, relative to the suite file */
        samples: z.string().min(1).optional(),
        shape: z.record(z.string(), z.array(z.number().int().positive())).optional(),
        range: z.record(z.string(), z.tuple([z.number(), z.number()])).optional(),
        value: z.record(z.string(), z.number()).optional(),
      })
      .strict()
      .optional(),
    variants: z.array(z.string().min(1)).min(1).default(['fp32']),
    runtimes: z.array(runtimeSchema).min(1),
    /** asked of every runtime that offers it; combinations a runtime lacks (ort × webgl) are not planned */
    backends: z.array(backendSchema).min(1),
    protocol: protocolSchema.partial().default({}),
    /** each cell is run this many times, each time in a fresh worker session */
    repetitions: z.number().int().min(1).max(100).default(1),
    /**
     * cells added to the models × variants × runtimes × backends grid: a heavy real model or a
     * variant on just the backends worth its time (the grid alone would run it everywhere)
     */
    extraCells: z.array(z.object({ modelId: z.string().min(1), variant: z.string().min(1).default('fp32'), runtime: runtimeSchema, backend: backendSchema }).strict()).default([]),
    timeouts: timeoutsSchema.prefault({}),
    gate: gateSchema.prefault({}),
    /** also run ONNX models with onnxruntime-node on the host, for the browser ÷ native ratio */
    native: z.boolean().default(true),
  })
  .strict()
  .superRefine((suite, ctx) => {
    const p = suite.protocol;
    if (p.samplesMin !== undefined && p.samplesMax !== undefined && p.samplesMax < p.samplesMin) {
      ctx.addIssue({ code: 'custom', path: ['protocol', 'samplesMax'], message: `samplesMax (${p.samplesMax}) is below samplesMin (${p.samplesMin})` });
    }
    if (p.warmupMin !== undefined && p.warmupMax !== undefined && p.warmupMax < p.warmupMin) {
      ctx.addIssue({ code: 'custom', path: ['protocol', 'warmupMax'], message: `warmupMax (${p.warmupMax}) is below warmupMin (${p.warmupMin})` });
    }
    suite.extraCells.forEach((c, i) => {
      if (!isSupportedCell(c.runtime, c.backend)) ctx.addIssue({ code: 'custom', path: ['extraCells', i, 'backend'], message: `${c.runtime} has no ${c.backend} backend` });
    });
    const anyCell = suite.runtimes.some((r) => suite.backends.some((b) => isSupportedCell(r, b)));
    if (!anyCell) {
      ctx.addIssue({
        code: 'custom',
        path: ['backends'],
        message: `no runtime in [${suite.runtimes.join(', ')}] offers any of the backends [${suite.backends.join(', ')}]`,
      });
    }
  });
export type Suite = z.infer<typeof suiteSchema>;
export type SuiteInput = z.input<typeof suiteSchema>;
