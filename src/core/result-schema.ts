import { z } from 'zod';
import { backendSchema, cellSpecSchema, protocolSchema, runtimeSchema } from './cell.js';
import { environmentSchema } from './environment.js';
import { estimateSchema } from './estimate.js';
import { inputSourceSchema } from './inputs/input-source.js';
import { latencyStatsSchema } from './latency-stats.js';
import { nonFiniteCountsSchema } from './non-finite.js';
import { outputDigestSchema } from './output-digest.js';
import { serializedErrorSchema } from './serialized-error.js';

/** Bump when a field changes meaning or is removed; readers refuse versions they do not know. */
export const RESULT_SCHEMA_VERSION = 1;

/** One cell's outputs against a reference cell's, on the same fixed inputs. */
const comparisonFields = {
  state: z.literal('compared'),
  /** the cell whose outputs are the yardstick */
  reference: z.object({ runtime: runtimeSchema, backend: backendSchema, variant: z.string() }),
  inputs: z.number().int().positive(),
  maxAbsError: z.number().nonnegative(),
  /** max |a − b| / max |b| over all outputs */
  maxRelError: z.number().nonnegative(),
  cosineSimilarity: z.number().min(-1).max(1.000001),
  /** share of inputs whose arg-max agrees, for classifier-shaped outputs; null otherwise */
  top1Agreement: z.number().min(0).max(1).nullable(),
  tolerance: z.object({ maxRelError: z.number(), minCosine: z.number() }),
  /** NaN/±Infinity values in either output; left out of the figures above, and they fail the cell */
  nonFiniteValues: z.number().int().nonnegative().optional(),
  /** NaN, +Inf and −Inf among this cell's outputs, by kind (absent in records from before it existed) */
  nonFinite: nonFiniteCountsSchema.optional(),
  /** what the compared outputs were computed from; a verdict on synthetic inputs may not hold on real data */
  inputSource: inputSourceSchema.optional(),
  pass: z.boolean(),
};

export const fidelitySchema = z.union([
  z.object({
    ...comparisonFields,
    /** false: outputs change by design (pruning without fine-tuning): shown, not held against the cell */
    judged: z.boolean().optional(),
  }),
  z.object({ state: z.literal('not-compared'), reason: z.string() }),
]);
export type Fidelity = z.infer<typeof fidelitySchema>;

/**
 * The same variant run on the reference backend (ORT WASM; TF.js cpu for TF.js-only models),
 * compared with this cell at fp32-level tolerance. Filled in for variants whose drift from fp32
 * is not judged (pruning without fine-tuning): that drift is by design, but two backends running
 * the same file must still agree, or one of them computes wrong numbers.
 */
export const backendAgreementSchema = z.union([
  /** reference: the same model and variant on the reference backend */
  z.object(comparisonFields),
  /** e.g. this cell is the reference itself, or the reference run failed */
  z.object({ state: z.literal('not-compared'), reason: z.string() }),
]);
export type BackendAgreement = z.infer<typeof backendAgreementSchema>;

export const phasesSchema = z.object({
  /** network fetch of the model; null when served from the cache or dropped by the user */
  fetchMs: z.number().nonnegative().nullable(),
  /** session create / model compile */
  loadMs: z.number().nonnegative(),
  /** first inference, including lazy shader compilation */
  firstRunMs: z.number().nonnegative(),
  warmup: z.object({ runs: z.number().int().nonnegative(), samplesMs: z.array(z.number().nonnegative()), settled: z.boolean() }),
  steady: z.object({
    /** every timed sample, in the order taken; each is per single inference (batch time ÷ runsPerSample) */
    samplesMs: z.array(z.number().nonnegative()),
    runsPerSample: z.number().int().positive(),
    /** runs spent finding the batch size for sub-resolution runs; not part of any sample */
    calibrationRuns: z.number().int().nonnegative().optional(),
    wallMs: z.number().nonnegative(),
    stats: latencyStatsSchema,
  }),
});
export type Phases = z.infer<typeof phasesSchema>;

const recordBase = {
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  id: z.string().uuid(),
  createdAt: z.string(),
  cell: cellSpecSchema.extend({ modelName: z.string() }),
  /** the file this cell ran (its name where the user keeps it, or the zoo's), so a figure can be tied to exact bytes */
  modelFile: z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() }).optional(),
};

export const completedResultSchema = z.object({
  ...recordBase,
  state: z.literal('completed'),
  effectiveBackend: backendSchema,
  runtimeVersion: z.string(),
  threads: z.number().int().nonnegative(),
  phases: phasesSchema,
  fidelity: fidelitySchema,
  /** the same variant on the reference backend; present for variants whose fidelity is not judged */
  backendAgreement: backendAgreementSchema.optional(),
  /**
   * NaN/±Inf among the outputs on the fixed fidelity inputs, whether or not they were compared:
   * any non-finite value makes the cell's outputs wrong (bench exit 3)
   */
  nonFiniteOutputs: nonFiniteCountsSchema.optional(),
  /** a summary of the outputs on the fixed fidelity inputs: the leaderboard's proof that a zoo model was run (output-digest.ts) */
  outputDigest: outputDigestSchema.optional(),
  /** things the user should know about this cell: partial CPU placement, unstable timings… */
  warnings: z.array(z.string()),
  /** energy / carbon estimates, filled in by the estimation stage when it runs */
  estimates: z.record(z.string(), estimateSchema).optional(),
  /** what the estimates rest on: data-file versions, the device profile, the intensity source */
  estimation: z
    .object({
      dataVersions: z.record(z.string(), z.string()),
      profile: z.object({ id: z.string(), label: z.string(), confidence: z.string(), deviceClass: z.string(), reasons: z.array(z.string()) }),
      intensity: z.object({ sourceId: z.string(), state: z.string(), reason: z.string().optional() }),
      notes: z.array(z.string()),
    })
    .optional(),
});

export const erroredResultSchema = z.object({
  ...recordBase,
  state: z.literal('errored'),
  error: serializedErrorSchema,
});

export const skippedResultSchema = z.object({
  ...recordBase,
  state: z.literal('skipped'),
  reason: z.string(),
  hint: z.string().optional(),
});

export const resultRecordSchema = z.discriminatedUnion('state', [completedResultSchema, erroredResultSchema, skippedResultSchema]);
export type ResultRecord = z.infer<typeof resultRecordSchema>;
export type CompletedResult = z.infer<typeof completedResultSchema>;
export type ErroredResult = z.infer<typeof erroredResultSchema>;
export type SkippedResult = z.infer<typeof skippedResultSchema>;

/**
 * The same ONNX model and inputs run natively on the host (onnxruntime-node, CPU) with the
 * browser cell's thread count: the limit a browser run is compared with ("browser tax").
 */
export const nativeBaselineSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('completed'),
    modelId: z.string(),
    variant: z.string(),
    runtime: z.literal('onnxruntime-node'),
    runtimeVersion: z.string(),
    threads: z.number().int().positive(),
    runsPerSample: z.number().int().positive(),
    stats: latencyStatsSchema,
  }),
  z.object({ state: z.literal('unavailable'), modelId: z.string(), variant: z.string(), reason: z.string() }),
]);
export type NativeBaseline = z.infer<typeof nativeBaselineSchema>;

/** One run of a set of cells on one device: what the CLI writes and the app stores. */
export const runReportSchema = z.object({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  runId: z.string().uuid(),
  tool: z.object({ name: z.literal('edgewatt'), version: z.string() }),
  suite: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  protocol: protocolSchema,
  environment: environmentSchema,
  results: z.array(resultRecordSchema),
  /** cells that were planned but never ran (interrupted run), with why */
  notRun: z.array(z.object({ cell: cellSpecSchema, reason: z.string() })),
  /** host-native runs of the ONNX models (CLI only) */
  native: z.array(nativeBaselineSchema).optional(),
});
export type RunReport = z.infer<typeof runReportSchema>;
