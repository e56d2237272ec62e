import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { protocolSchema } from '../core/cell.js';
import { toleranceForVariant } from '../core/compare-outputs.js';
import { FIDELITY_SEED_OFFSET } from '../core/inputs/feeds-for.js';
import type { ModelEntry, ModelManifest } from '../core/model-manifest.js';
import { EXPECTED_DIGESTS_FILE, expectedDigestsSchema, type ExpectedDigests } from '../core/expected-digests-schema.js';
import { OUTPUT_DIGEST_VERSION, outputDigestOf } from '../core/output-digest.js';
import { makeInputSet } from '../core/seeded-inputs.js';
import { writeAtomic } from './built-files.js';

/**
 * The zoo's own outputs on the app's default fidelity inputs, as output digests: what the
 * leaderboard compares a shared result's digest with (proof of run, issue #13). A file of its own
 * next to the manifest, so that adding it changed no model's buildHash; an entry is recomputed
 * only when its ONNX file's sha256 (or the digest format) changes.
 */

const DEFAULT_PROTOCOL = protocolSchema.parse({});
/** only the default protocol's inputs can be re-created by the server */
export const DIGEST_SEED = DEFAULT_PROTOCOL.seed;
export const DIGEST_INPUTS = DEFAULT_PROTOCOL.fidelityInputs;

interface OrtModule {
  InferenceSession: { create(bytes: Uint8Array, options?: object): Promise<{ outputNames: readonly string[]; run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown }>>; release(): Promise<void> }> };
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => unknown;
  env: { wasm: { numThreads?: number }; versions?: Record<string, string | undefined>; logLevel?: string };
}

/**
 * Writes `outDir/expected-digests.json` for every ONNX entry of `manifest` (models and variants),
 * on onnxruntime-web's WASM backend, the app's fidelity reference. TF.js-only entries get none.
 */
export async function ensureExpectedDigests(manifest: ModelManifest, outDir: string, log: (line: string) => void): Promise<{ computed: number; reused: number; ms: number }> {
  const t0 = performance.now();
  const previous = await readPrevious(join(outDir, EXPECTED_DIGESTS_FILE));
  const reusable = previous && previous.digestVersion === OUTPUT_DIGEST_VERSION && previous.seed === DIGEST_SEED && previous.fidelityInputs === DIGEST_INPUTS;
  let ort: OrtModule | undefined;
  const entries: ExpectedDigests['entries'] = [];
  let computed = 0;
  for (const entry of [...manifest.models, ...(manifest.variants ?? [])]) {
    const sha = entry.accounting.sha256.onnx;
    if (!entry.files.onnx || !sha) continue;
    const tolerance = entry.forge?.tolerance ?? toleranceForVariant(entry.variant);
    const old = reusable ? previous.entries.find((e) => e.modelId === entry.id && e.variant === entry.variant && e.onnxSha256 === sha) : undefined;
    if (old) {
      entries.push({ ...old, tolerance });
      continue;
    }
    ort ??= await loadOrt();
    const bytes = new Uint8Array(await readFile(join(outDir, entry.files.onnx)));
    entries.push({ modelId: entry.id, variant: entry.variant, onnxSha256: sha, tolerance, digest: await digestOf(ort, bytes, entry) });
    computed++;
  }
  const file: ExpectedDigests = { digestVersion: OUTPUT_DIGEST_VERSION, seed: DIGEST_SEED, fidelityInputs: DIGEST_INPUTS, runtime: `onnxruntime-web ${ort?.env.versions?.web ?? previous?.runtime.replace(/^onnxruntime-web /, '') ?? ''}`.trim(), entries };
  await writeAtomic(outDir, { path: EXPECTED_DIGESTS_FILE, bytes: new TextEncoder().encode(JSON.stringify(file) + '\n') });
  const ms = performance.now() - t0;
  if (computed > 0) log(`expected output digests: ${computed} computed, ${entries.length - computed} reused in ${ms.toFixed(0)} ms`);
  return { computed, reused: entries.length - computed, ms };
}

async function loadOrt(): Promise<OrtModule> {
  const ort = (await import('onnxruntime-web')) as unknown as OrtModule;
  ort.env.wasm.numThreads = 1;
  return ort;
}

/** As the app's worker does it: seeded inputs from the specs, every output converted to float32 in the session's output order. */
async function digestOf(ort: OrtModule, bytes: Uint8Array, entry: ModelEntry) {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const outputs: Float32Array[][] = [];
    for (const feeds of makeInputSet(entry.inputs, DIGEST_SEED + FIDELITY_SEED_OFFSET, DIGEST_INPUTS)) {
      const ortFeeds = Object.fromEntries(entry.inputs.map((spec, k) => [spec.name, new ort.Tensor(spec.dtype, feeds[k], spec.shape)]));
      const out = await session.run(ortFeeds);
      outputs.push(session.outputNames.map((name) => Float32Array.from(out[name]!.data as ArrayLike<number>, (v) => Number(v))));
    }
    return outputDigestOf(outputs, { seed: DIGEST_SEED, inputs: 'seeded' });
  } finally {
    await session.release();
  }
}

async function readPrevious(path: string): Promise<ExpectedDigests | undefined> {
  try {
    return expectedDigestsSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return undefined; // first build, or an older format: everything is recomputed
  }
}
