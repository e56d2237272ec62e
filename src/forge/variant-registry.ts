import { HintedError } from '../core/serialized-error.js';
import type { Tolerance } from '../core/compare-outputs.js';
import type { CommonForgeOptions, VariantResult } from './forge-types.js';
import type { Feed, ModelRunner } from './model-runner.js';
import type { CalibrationMethod } from './calibrate.js';
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
  seed?: number;
}

export interface VariantKind {
  /** the name used on the command line, in manifests and in cell keys */
  name: string;
  description: string;
  /**
   * Fidelity bounds vs the fp32 model on seeded inputs. Quantised and fp16 variants must stay
   * close; pruned variants are not fine-tuned, so their bounds only separate "lossy as expected"
   * from "broken" (calibrated on the zoo, see src/forge/README.md).
   */
  tolerance: Tolerance;
  /** true when forging needs a ModelRunner (calibration) */
  needsRunner: boolean;
  forge(bytes: Uint8Array, ctx: ForgeContext): Promise<VariantResult>;
}

const fp16Tol: Tolerance = { maxRelError: 1e-2, minCosine: 0.999 };
const int8Tol: Tolerance = { maxRelError: 0.1, minCosine: 0.99 };

function prune(sparsity: number, tolerance: Tolerance): VariantKind {
  const pct = Math.round(sparsity * 100);
  return {
    name: `prune-${pct}`,
    description: `unstructured magnitude pruning: ${pct} % of each weight tensor set to 0, shapes unchanged`,
    tolerance,
    needsRunner: false,
    forge: (b, c) => forgeMagnitudePrune(b, { sparsity, inputShapes: c.inputShapes }),
  };
}

function pruneStruct(ratio: number, tolerance: Tolerance): VariantKind {
  const pct = Math.round(ratio * 100);
  return {
    name: `prune-struct-${pct}`,
    description: `structured L1 pruning: ${pct} % of the output channels/neurons of every prunable layer removed`,
    tolerance,
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
    forge: (b, c) => forgeInt8Dynamic(b, { inputShapes: c.inputShapes }),
  },
  {
    name: 'int8-qdq',
    description: 'int8 static quantisation in QDQ form, activation ranges calibrated on seeded inputs (min-max unless told percentile)',
    tolerance: int8Tol,
    needsRunner: true,
    forge: (b, c) => {
      if (!c.runner) throw new HintedError('int8-qdq needs a model runner for calibration', 'pass { runner: ortModelRunner(ort) } in the forge context');
      return forgeInt8Qdq(b, { runner: c.runner, calibration: c.calibration, calibrationInputs: c.calibrationInputs, feeds: c.calibrationFeeds, inputRanges: c.inputRanges, seed: c.seed, inputShapes: c.inputShapes });
    },
  },
  prune(0.5, { maxRelError: 1, minCosine: 0.8 }),
  prune(0.75, { maxRelError: 2, minCosine: 0.5 }),
  prune(0.9, { maxRelError: 5, minCosine: 0.2 }),
  pruneStruct(0.25, { maxRelError: 2, minCosine: 0.6 }),
  pruneStruct(0.5, { maxRelError: 5, minCosine: 0.3 }),
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

/** Forge one named variant. */
export function forgeVariant(name: string, bytes: Uint8Array, ctx: ForgeContext = {}): Promise<VariantResult> {
  return variantKind(name).forge(bytes, ctx);
}
