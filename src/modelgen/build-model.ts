import type { ModelEntry } from '../core/model-manifest.js';
import { accountModel } from '../forge/account-model.js';
import { toManifestAccounting } from '../forge/manifest-accounting.js';
import { canonicalJson } from './canonical-json.js';
import { emitOnnx, ONNX_INPUT, ONNX_OUTPUT } from './emit-onnx.js';
import { emitOnnxTransformer } from './emit-onnx-transformer.js';
import { emitTfjs, type TfjsArtifacts } from './emit-tfjs.js';
import { emitTfjsTransformer } from './emit-tfjs-transformer.js';
import { inputShape, outputShape } from './spec.js';
import { generateTransformerWeights, generateWeights } from './weights.js';
import type { GeneratedZooEntry } from './zoo-entry.js';

/**
 * Bump when the bytes this generator writes change for an unchanged zoo entry (new graph layout,
 * other initialisation, other metadata) or the manifest entry it writes changes: every generated
 * model then counts as stale. 2: accounting from the forge's graph counter; dwcnn and transformer kinds.
 */
export const GENERATOR_VERSION = 2;

export interface BuiltFile {
  /** relative to models/build/ */
  path: string;
  bytes: Uint8Array;
}

export interface BuiltModel {
  entry: ModelEntry;
  files: BuiltFile[];
}

/** Everything that determines a generated model's bytes, hashed. Cheap: no weights are drawn. */
export async function zooEntryBuildHash(z: GeneratedZooEntry): Promise<string> {
  const { variants: _variants, ...entry } = z; // variants are built (and hashed) separately
  return sha256Hex(new TextEncoder().encode(canonicalJson({ generatorVersion: GENERATOR_VERSION, entry })));
}

/** Paths of a generated model's files, relative to models/build/. */
export function generatedPaths(id: string): { onnx: string; tfjsJson: string; tfjsWeights: string } {
  return { onnx: `${id}/model.onnx`, tfjsJson: `${id}/tfjs/model.json`, tfjsWeights: `${id}/tfjs/weights.bin` };
}

/** Generate one zoo entry in both formats from one set of weights. Pure (WebCrypto only): runs in Node and browsers. */
export async function buildGeneratedModel(z: GeneratedZooEntry): Promise<BuiltModel> {
  const { spec } = z;
  const paths = generatedPaths(z.id);
  const onnxOpts = {
    graphName: z.id,
    producerVersion: String(GENERATOR_VERSION),
    metadata: { 'edgewatt.id': z.id, 'edgewatt.seed': String(z.seed), 'edgewatt.spec': canonicalJson(spec) },
  };
  const tfjsOpts = { modelName: z.id.replace(/[^a-z0-9_]/g, '_'), weightsPath: paths.tfjsWeights.split('/').pop()!, generatedBy: `edgewatt modelgen v${GENERATOR_VERSION}` };
  let onnxBytes: Uint8Array;
  let tfjs: TfjsArtifacts;
  if (spec.kind === 'transformer') {
    const weights = generateTransformerWeights(spec, z.seed);
    onnxBytes = emitOnnxTransformer(spec, weights, onnxOpts);
    tfjs = emitTfjsTransformer(spec, weights, tfjsOpts);
  } else {
    const layers = generateWeights(spec, z.seed);
    onnxBytes = emitOnnx(spec, layers, onnxOpts);
    tfjs = emitTfjs(spec, layers, tfjsOpts);
  }
  const jsonBytes = new TextEncoder().encode(JSON.stringify(tfjs.modelJson));
  const range = z.inputRange ?? (spec.kind === 'cnn' || spec.kind === 'dwcnn' ? [0, 1] : [-1, 1]);
  const counted = await accountModel(onnxBytes);
  const entry: ModelEntry = {
    id: z.id,
    name: z.name,
    family: spec.kind,
    variant: 'fp32',
    source: { kind: 'generated', seed: z.seed, spec: { ...spec }, generatorVersion: GENERATOR_VERSION, buildHash: await zooEntryBuildHash(z) },
    license: z.license,
    inputs: [{ name: ONNX_INPUT, shape: inputShape(spec), dtype: 'float32', range: [range[0], range[1]] }],
    outputs: [{ name: ONNX_OUTPUT, shape: outputShape(spec), dtype: 'float32' }],
    files: { onnx: paths.onnx, tfjs: paths.tfjsJson },
    accounting: toManifestAccounting(counted, { bytes: jsonBytes.length + tfjs.weightsBin.length, sha256: await sha256Hex(jsonBytes, tfjs.weightsBin) }),
    ...(z.grid ? { grid: { kind: spec.kind, ...z.grid } } : {}),
  };
  return {
    entry,
    files: [
      { path: paths.onnx, bytes: onnxBytes },
      { path: paths.tfjsJson, bytes: jsonBytes },
      { path: paths.tfjsWeights, bytes: tfjs.weightsBin },
    ],
  };
}

/** Hex sha256 of the concatenation of `parts` (the manifest's tfjs hash covers model.json then weights). */
export async function sha256Hex(...parts: Uint8Array[]): Promise<string> {
  const total = parts.reduce((a, p) => a + p.length, 0);
  const all = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    all.set(p, off);
    off += p.length;
  }
  const digest = await crypto.subtle.digest('SHA-256', all);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
