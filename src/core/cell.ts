import { z } from 'zod';

export const runtimeSchema = z.enum(['ort', 'tfjs']);
export type RuntimeName = z.infer<typeof runtimeSchema>;

export const backendSchema = z.enum(['wasm', 'webgpu', 'webgl', 'cpu']);
export type Backend = z.infer<typeof backendSchema>;

/** Which backends each runtime can be asked for. ORT-web's webgl EP is deprecated and not offered. */
export const BACKENDS_BY_RUNTIME: Readonly<Record<RuntimeName, readonly Backend[]>> = {
  ort: ['wasm', 'webgpu'],
  tfjs: ['webgpu', 'wasm', 'webgl', 'cpu'],
};

export function isSupportedCell(runtime: RuntimeName, backend: Backend): boolean {
  return BACKENDS_BY_RUNTIME[runtime].includes(backend);
}

/** Measurement protocol knobs (DESIGN §3). Suites set them; the defaults are the app's. */
export const protocolSchema = z.object({
  /** warm-up samples (timed batches sized like steady samples) before the settle test may end it; it also lasts ≥ 0.5 s (src/measure/warm-up.ts) */
  warmupMin: z.number().int().min(1).default(3),
  /** warm-up samples after which an unsettled warm-up gives up (once 1 s has passed) */
  warmupMax: z.number().int().min(1).default(50),
  /** warm-up ends when the median of its newest quarter differs from the quarter before by less than this fraction */
  warmupSettle: z.number().positive().max(1).default(0.05),
  samplesMin: z.number().int().min(1).default(50),
  samplesMax: z.number().int().min(1).default(5000),
  /** steady state runs at least this long (ms), on top of samplesMin */
  budgetMs: z.number().nonnegative().default(2000),
  /** a timed sample shorter than this is re-timed as a batch of runs (timer resolution) */
  minSampleMs: z.number().nonnegative().default(1),
  /** WASM threads; 0 lets the runtime choose */
  threads: z.number().int().min(0).default(0),
  /** per worker call (load, run); a hang past this fails the cell and replaces the worker */
  timeoutMs: z.number().int().positive().default(120_000),
  seed: z.number().int().default(1234),
  /** number of fixed inputs used for the fidelity comparison */
  fidelityInputs: z.number().int().min(1).max(16).default(3),
});
export type Protocol = z.infer<typeof protocolSchema>;
export type ProtocolInput = z.input<typeof protocolSchema>;

export const tensorSpecSchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().positive()),
  /** 'bool' travels as a Uint8Array of 0/1, which both onnxruntime-web and TF.js accept for bool tensors */
  dtype: z.enum(['float32', 'int32', 'int64', 'uint8', 'bool']),
  /** inputs are drawn uniformly from this range; realistic, never all zeros */
  range: z.tuple([z.number(), z.number()]).optional(),
  /**
   * every element set to this value instead of drawn from a range: for inputs whose value is a
   * setting, not data (a sample rate, a sequence length, a flag); wins over `range`
   */
  value: z.number().optional(),
});
export type TensorSpec = z.infer<typeof tensorSpecSchema>;

/** Where a worker gets a model from: a URL under this origin, or bytes the user dropped. */
export const modelSourceSchema = z.union([
  z.object({ kind: z.literal('url'), url: z.string() }),
  z.object({ kind: z.literal('bytes'), bytes: z.instanceof(ArrayBuffer), fileName: z.string() }),
]);
export type ModelSource = z.infer<typeof modelSourceSchema>;

export const cellSpecSchema = z.object({
  modelId: z.string(),
  variant: z.string().default('fp32'),
  runtime: runtimeSchema,
  backend: backendSchema,
});
export type CellSpec = z.infer<typeof cellSpecSchema>;

export function cellKey(c: Pick<CellSpec, 'modelId' | 'variant' | 'runtime' | 'backend'>): string {
  return `${c.modelId}/${c.variant}/${c.runtime}/${c.backend}`;
}
