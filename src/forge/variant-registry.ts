import { HintedError } from '../core/serialized-error.js';
import type { Tolerance } from '../core/compare-outputs.js';
import type { CommonForgeOptions, VariantResult } from './forge-types.js';
import type { Feed, ModelRunner } from './model-runner.js';
import type { CalibrationMethod } from './calibrate.js';
import { decodeModel } from '../onnx/codec.js';
import { InvalidModelError } from './invalid-model-error.js';
import { checkLoadable } from './runtime-check.js';
import { forgeFp16 } from './variant-fp16.js';
import { forgeInt8Dynamic } from './variant-int8-dynamic.js';
import { forgeInt8Qdq } from './variant-int8-qdq.js';
import { forgeMagnitudePrune } from './variant-prune-magnitude.js';
import { forgeStructuredPrune } from './variant-prune-structured.js';

/** Options a registry variant may use; each kind reads the ones it needs. */
export interface ForgeContext extends CommonForgeOptions {
  /** needed by int8-qdq (calibration) */
  runner?: ModelRunner;
  calibration?: CalibrationMethod;
  calibrationInputs?: number;
  calibrationFeeds?: readonly Readonly<Record<string, Feed>>[];
  inputRanges?: Readonly<Record<string, readonly [number, number]>>;
  /** node names the int8 variants leave in fp32 (e.g. a model's first layer, an STFT done as a Conv) */
  int8Exclude?: readonly string[];
  /** inputs held at one value in seeded calibration feeds (the CLI's --input-value), e.g. { sr: 16000 } */
  inputValues?: Readonly<Record<string, number>>;
  seed?: number;
}

/** What a model outputs, for judging fidelity: class scores, or a per-pixel map (a text detector's). */
export type OutputKind = 'logits' | 'dense-map';

export interface StatedTolerance {
  tolerance: Tolerance;
  /** false: the variant changes outputs by design; fidelity is measured and shown, not judged (only non-finite values fail) */
  judged: boolean;
  note: string;
}

export interface VariantKind {
  /** the name used on the command line, in manifests and in cell keys */
  name: string;
  description: string;
  /** fidelity bounds vs the fp32 model, by output kind (see toleranceFor) */
  tolerance: Readonly<Record<OutputKind, StatedTolerance>>;
  /** true when forging needs a ModelRunner (calibration) */
  needsRunner: boolean;
  forge(bytes: Uint8Array, ctx: ForgeContext): Promise<VariantResult>;
}

/**
 * Bounds measured on the zoo (src/forge/README.md has the figures): fp16 stays within 1e-3 of the
 * logits' scale, int8 within about 0.1 (narrow, deep MLPs are the worst case). A per-pixel probability map is judged by cosine: one pixel near
 * 0.5 may flip under int8 (max error 1) while the map as a whole stays the same.
 */
const fp16Tol: Record<OutputKind, StatedTolerance> = {
  logits: { tolerance: { maxRelError: 1e-2, minCosine: 0.999 }, judged: true, note: 'fp16 rounding (2^-11 per op) through the network' },
  'dense-map': { tolerance: { maxRelError: 0.25, minCosine: 0.999 }, judged: true, note: 'per-pixel map: judged by cosine; single pixels near the threshold may move' },
};
const int8Tol: Record<OutputKind, StatedTolerance> = {
  logits: { tolerance: { maxRelError: 0.15, minCosine: 0.99 }, judged: true, note: '256 levels per tensor, compounding through the layers (worst on the zoo: 0.104 of the logits scale, cosine 0.997)' },
  'dense-map': { tolerance: { maxRelError: 1, minCosine: 0.9 }, judged: true, note: 'per-pixel map without quantisation-aware training: judged by cosine; pixels near the threshold may flip' },
};
/** Pruned variants are not fine-tuned: their outputs move by design, so fidelity is reported, not judged. */
const notJudged = (what: string): Record<OutputKind, StatedTolerance> => {
  const s: StatedTolerance = { tolerance: { maxRelError: Number.MAX_VALUE, minCosine: -1 }, judged: false, note: `${what} without fine-tuning changes the outputs by design: fidelity is measured and shown, not judged (only non-finite outputs fail)` };
  return { logits: s, 'dense-map': s };
};

function prune(sparsity: number): VariantKind {
  const pct = Math.round(sparsity * 100);
  return {
    name: `prune-${pct}`,
    description: `unstructured magnitude pruning: ${pct} % of each weight tensor set to 0, shapes unchanged`,
    tolerance: notJudged(`${pct} % magnitude pruning`),
    needsRunner: false,
    forge: (b, c) => forgeMagnitudePrune(b, { sparsity, inputShapes: c.inputShapes }),
  };
}

function pruneStruct(ratio: number): VariantKind {
  const pct = Math.round(ratio * 100);
  return {
    name: `prune-struct-${pct}`,
    description: `structured L1 pruning: ${pct} % of the output channels/neurons of every prunable layer removed`,
    tolerance: notJudged(`removing ${pct} % of the channels`),
    needsRunner: false,
    forge: (b, c) => forgeStructuredPrune(b, { ratio, inputShapes: c.inputShapes }),
  };
}

export const VARIANT_KINDS: readonly VariantKind[] = [
  { name: 'fp16', description: 'fp16 weights and compute, fp32 inputs/outputs (Cast at the edges), sensitive ops kept fp32', tolerance: fp16Tol, needsRunner: false, forge: (b, c) => forgeFp16(b, { inputShapes: c.inputShapes }) },
  {
    name: 'int8-dynamic',
    description: 'int8 weights per channel; activations quantised at run time (DynamicQuantizeLinear + MatMulInteger/ConvInteger)',
    tolerance: int8Tol,
    needsRunner: false,
    forge: (b, c) => forgeInt8Dynamic(b, { inputShapes: c.inputShapes, exclude: c.int8Exclude }),
  },
  {
    name: 'int8-qdq',
    description: 'int8 static quantisation in QDQ form, activation ranges calibrated on seeded inputs (min-max unless told percentile)',
    tolerance: int8Tol,
    needsRunner: true,
    forge: async (b, c) => {
      if (!c.runner) throw new HintedError('int8-qdq needs a model runner for calibration', 'pass { runner: ortModelRunner(ort) } in the forge context');
      return forgeInt8Qdq(b, { runner: c.runner, calibration: c.calibration, calibrationInputs: c.calibrationInputs, feeds: c.calibrationFeeds, inputRanges: c.inputRanges, inputValues: c.inputValues, seed: c.seed, inputShapes: c.inputShapes, exclude: c.int8Exclude });
    },
  },
  prune(0.5),
  prune(0.75),
  prune(0.9),
  pruneStruct(0.25),
  pruneStruct(0.5),
];

export const VARIANT_NAMES: readonly string[] = VARIANT_KINDS.map((k) => k.name);

export function variantKind(name: string): VariantKind {
  const k = VARIANT_KINDS.find((v) => v.name === name);
  if (!k) throw new HintedError(`unknown variant "${name}"`, `pick from ${VARIANT_NAMES.join(', ')}`);
  return k;
}

/** "fp16,int8-dynamic" → kinds, refusing unknown and repeated names. */
export function parseVariantList(list: string): VariantKind[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new HintedError('no variants named', `pass --variants with some of ${VARIANT_NAMES.join(', ')}`);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new HintedError(`variant "${dup}" is named twice`, 'name each variant once');
  return names.map(variantKind);
}

/** The fidelity bound of a named variant for a model with the given kind of output. */
export function toleranceFor(name: string, outputKind: OutputKind = 'logits'): StatedTolerance {
  const t = variantKind(name).tolerance[outputKind];
  return { tolerance: { ...t.tolerance }, judged: t.judged, note: t.note };
}

/**
 * Forge one named variant. With a runner in the context the input is first loaded by the
 * runtime (once per input and runner): a file ONNX Runtime rejects is reported as an invalid
 * model (InvalidModelError), not as a failure of the forge.
 */
export async function forgeVariant(name: string, bytes: Uint8Array, ctx: ForgeContext = {}): Promise<VariantResult> {
  const kind = variantKind(name);
  if (ctx.runner) await checkInput(bytes, ctx.runner);
  return kind.forge(bytes, ctx);
}

/**
 * The runtime's verdict on the input (runtime-check.ts). Bytes that are not ONNX at all pass on
 * to the variant, whose decoder says what they look like (a Git LFS pointer, a .pt zip, …).
 */
export async function checkInput(bytes: Uint8Array, runner: ModelRunner): Promise<void> {
  try {
    await checkLoadable(bytes, runner);
  } catch (err) {
    if (!(err instanceof InvalidModelError)) throw err;
    try {
      decodeModel(bytes);
    } catch {
      return;
    }
    throw err;
  }
}
