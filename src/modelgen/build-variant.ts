import type { ModelAccounting, ModelEntry } from '../core/model-manifest.js';
import { HintedError } from '../core/serialized-error.js';
import { toManifestAccounting } from '../forge/manifest-accounting.js';
import { type ForgeContext, type OutputKind, type StatedTolerance, toleranceFor, variantKind } from '../forge/variant-registry.js';
import { type BuiltModel, sha256Hex } from './build-model.js';

/** Bump when the forge's output for an unchanged base model and variant changes: every variant is then rebuilt. */
export const FORGE_BUILD_VERSION = 2;

export function variantPath(id: string, variant: string): string {
  return `${id}/variants/${variant}.onnx`;
}

export async function variantBuildHash(baseOnnxSha256: string, variant: string, outputKind: OutputKind): Promise<string> {
  return sha256Hex(new TextEncoder().encode(JSON.stringify({ forgeBuildVersion: FORGE_BUILD_VERSION, baseOnnxSha256, variant, outputKind })));
}

/**
 * Forge one named variant of a built fp32 model and describe it for the manifest: same id,
 * inputs and outputs as the base, `variant` set, `baseModelId` pointing at the fp32 entry (the
 * fidelity reference), accounting from the forge's graph counter, the forge report kept.
 */
export async function buildVariant(base: ModelEntry, baseBytes: Uint8Array, variant: string, ctx: ForgeContext, outputKind: OutputKind = 'logits'): Promise<BuiltModel> {
  const kind = variantKind(variant);
  const inputShapes = Object.fromEntries(base.inputs.map((i) => [i.name, i.shape]));
  let result;
  try {
    result = await kind.forge(baseBytes, { ...ctx, inputShapes, inputRanges: Object.fromEntries(base.inputs.flatMap((i) => (i.range ? [[i.name, i.range]] : []))) });
  } catch (err) {
    if (err instanceof HintedError) throw new HintedError(`forging ${variant} of "${base.id}" failed: ${err.message}`, err.hint, { cause: err });
    throw err;
  }
  const { report } = result;
  const stated = toleranceFor(variant, outputKind);
  const path = variantPath(base.id, variant);
  const entry = variantEntry(base, variant, {
    files: { onnx: path },
    accounting: toManifestAccounting(report.accounting),
    report,
    stated,
    buildHash: await variantBuildHash(base.accounting.sha256.onnx!, variant, outputKind),
  });
  return { entry, files: [{ path, bytes: result.bytes }] };
}

/** What a variant's manifest entry needs beyond its base's. */
export interface VariantParts {
  files: ModelEntry['files'];
  accounting: ModelAccounting;
  report: { options: Record<string, unknown>; changes: string[]; skipped: { node: string; op: string; reason: string }[] };
  stated: StatedTolerance;
  buildHash: string;
  notes?: string[];
}

/** A variant's entry: the base's id, signature, source and licence, `baseModelId` pointing at the fp32 entry, what was done to it. */
export function variantEntry(base: ModelEntry, variant: string, p: VariantParts): ModelEntry {
  const { options, changes, skipped } = p.report;
  return {
    id: base.id,
    name: `${base.name} · ${variant}`,
    family: base.family,
    variant,
    source: base.source,
    license: base.license,
    inputs: base.inputs,
    outputs: base.outputs,
    files: p.files,
    accounting: p.accounting,
    baseModelId: base.id,
    forge: { options, changes, skipped, tolerance: p.stated.tolerance, judged: p.stated.judged, toleranceNote: p.stated.note, buildHash: p.buildHash },
    ...(base.grid ? { grid: base.grid } : {}),
    ...(p.notes ? { notes: p.notes } : {}),
  };
}
