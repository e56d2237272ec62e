import fs from 'node:fs';
import path from 'node:path';
import { modelManifestSchema } from '../../core/model-manifest.js';
import { MODELS_BUILD_DIR } from '../models-dir.js';

/** `modelId \0 variant` → FLOPs per inference, as the server itself counted them. */
export type KnownFlops = ReadonlyMap<string, number>;

export function flopsKey(modelId: string, variant: string): string {
  return `${modelId}\u0000${variant}`;
}

/**
 * FLOPs of every zoo model and variant from the built manifest. For these the server runs the
 * compute-bound check with its own count, whatever the submission's `variantFacts` say: a client
 * that sends `flopsPerInference: 1` (or nothing) no longer switches the check off. A count the
 * builder marked incomplete is a lower bound, which still gives a valid lower bound on latency.
 * No manifest (a checkout without the zoo built): an empty map, and only client facts are used.
 */
export function loadZooFlops(manifestPath = path.join(MODELS_BUILD_DIR, 'manifest.json')): KnownFlops {
  let raw: string;
  try {
    raw = fs.readFileSync(manifestPath, 'utf8');
  } catch {
    return new Map();
  }
  const manifest = modelManifestSchema.parse(JSON.parse(raw));
  const out = new Map<string, number>();
  for (const entry of [...manifest.models, ...(manifest.variants ?? [])]) {
    if (entry.accounting.flops > 0) out.set(flopsKey(entry.id, entry.variant), entry.accounting.flops);
  }
  return out;
}
