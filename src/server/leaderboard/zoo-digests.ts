import fs from 'node:fs';
import path from 'node:path';
import type { Tolerance } from '../../core/compare-outputs.js';
import type { CompletedResult } from '../../core/result-schema.js';
import { matchesDigest, type OutputDigest } from '../../core/output-digest.js';
import { modelManifestSchema } from '../../core/model-manifest.js';
import { EXPECTED_DIGESTS_FILE, expectedDigestsSchema } from '../../core/expected-digests-schema.js';
import { MODELS_BUILD_DIR } from '../models-dir.js';
import { flopsKey } from './zoo-flops.js';

/**
 * Proof of run for zoo models (issue #13): the zoo build's own outputs on the default fidelity
 * inputs (models/build/expected-digests.json), against which a shared result's output digest
 * must match, or the result is held back from the rankings.
 */
export interface KnownDigests {
  /** protocol seed and input count the digests are for: only results run with these can be checked */
  seed: number;
  fidelityInputs: number;
  /** flopsKey(modelId, variant) → the zoo's digest of that ONNX file and the variant's tolerance */
  byVariant: ReadonlyMap<string, { digest: OutputDigest; tolerance: Tolerance }>;
}

/**
 * Loads the expected digests of the built zoo; undefined when there are none (a checkout without
 * the zoo built, or an older build), in which case no result is held back for want of a proof.
 * A digest whose file hash no longer matches the manifest's (a half-finished rebuild) is dropped.
 */
export function loadZooDigests(dir = MODELS_BUILD_DIR): KnownDigests | undefined {
  try {
    const file = expectedDigestsSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, EXPECTED_DIGESTS_FILE), 'utf8')));
    const manifest = modelManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
    const shaOf = new Map([...manifest.models, ...(manifest.variants ?? [])].map((e) => [flopsKey(e.id, e.variant), e.accounting.sha256.onnx]));
    const byVariant = new Map<string, { digest: OutputDigest; tolerance: Tolerance }>();
    for (const e of file.entries) {
      const key = flopsKey(e.modelId, e.variant);
      if (shaOf.get(key) === e.onnxSha256) byVariant.set(key, { digest: e.digest, tolerance: e.tolerance });
    }
    return byVariant.size > 0 ? { seed: file.seed, fidelityInputs: file.fidelityInputs, byVariant } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why `result` has no valid proof of run; empty when it has one or none can be asked for. Only ONNX
 * Runtime cells of zoo variants the server has a digest for are checked: the digests come from
 * ORT WASM, and TF.js cells (other files, other kernels) have no reference here yet.
 */
export function proofOfRunReasons(result: CompletedResult, known: KnownDigests | undefined): string[] {
  if (!known || result.cell.runtime !== 'ort') return [];
  const expected = known.byVariant.get(flopsKey(result.cell.modelId, result.cell.variant));
  if (!expected) return [];
  const digest = result.outputDigest;
  if (!digest) return ['proof of run missing: a zoo model result without an output digest'];
  if (digest.inputs !== 'seeded' || digest.seed !== known.seed || digest.outputs.length !== known.fidelityInputs) {
    return [`proof of run unverifiable: outputs on ${digest.inputs} inputs (seed ${digest.seed}, ${digest.outputs.length} inputs), the server can check only seeded inputs with seed ${known.seed}, ${known.fidelityInputs} inputs`];
  }
  const verdict = matchesDigest(digest, expected.digest, expected.tolerance);
  return verdict.match ? [] : [`proof of run failed: output digest does not match the zoo model's (${verdict.reason})`];
}
