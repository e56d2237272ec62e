import { posix } from 'node:path';
import type { TensorSpec } from '../core/cell.js';
import type { ModelEntry } from '../core/model-manifest.js';
import { HintedError } from '../core/serialized-error.js';
import { accountTfjsGraphModel } from '../tfjs-forge/account-graph-model.js';
import { quantizeTfjsWeights } from '../tfjs-forge/quantize-weights.js';
import { loadTfjsGraphModel, serializeTfjsModel, tfjsModelFromParts, type TfjsModelFiles } from '../tfjs-forge/tfjs-model-files.js';
import { tfjsVariantTolerance } from '../tfjs-forge/tfjs-variant-tolerance.js';
import { GENERATOR_VERSION, type BuiltModel, sha256Hex } from './build-model.js';
import { variantEntry } from './build-variant.js';
import { canonicalJson } from './canonical-json.js';
import { readPackageFile } from './read-package-file.js';
import { tfjsVariantKind } from './tfjs-variants.js';
import type { TfjsPackageZooEntry } from './zoo-entry.js';

/** Bump when a TF.js variant's bytes or entry change for an unchanged base: every one is then rebuilt. */
export const TFJS_FORGE_BUILD_VERSION = 1;

/** Where a TF.js model's two files go, relative to models/build/ (the weights always as weights.bin next to model.json). */
export function tfjsFilePaths(id: string, variant = 'fp32'): { json: string; weights: string } {
  const dir = variant === 'fp32' ? `${id}/tfjs` : `${id}/variants/${variant}`;
  return { json: `${dir}/model.json`, weights: `${dir}/weights.bin` };
}

/** model.json of a package and every weight file it names, read the way Node resolves packages. */
export async function readTfjsPackageModel(z: TfjsPackageZooEntry): Promise<{ files: TfjsModelFiles; version: string }> {
  const json = await readPackageFile(z.source.package, z.source.path);
  const files = await tfjsModelFromParts(json.bytes, async (p) => (await readPackageFile(z.source.package, posix.join(posix.dirname(z.source.path), p))).bytes);
  if (files.modelJson.format !== 'graph-model') throw new HintedError(`${z.source.package}/${z.source.path} is a "${String(files.modelJson.format)}", not a TF.js graph model`, 'only graph models can be listed with format "tfjs-graph" in models/zoo.ts');
  return { files, version: json.version };
}

export async function tfjsPackageBuildHash(z: TfjsPackageZooEntry, files: TfjsModelFiles): Promise<string> {
  const { variants: _variants, ...entry } = z;
  const { json, weights } = serializeTfjsModel(files);
  return sha256Hex(new TextEncoder().encode(canonicalJson({ generatorVersion: GENERATOR_VERSION, entry, filesSha256: await sha256Hex(json, weights) })));
}

export async function tfjsVariantBuildHash(baseTfjsSha256: string, variant: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(JSON.stringify({ tfjsForgeBuildVersion: TFJS_FORGE_BUILD_VERSION, baseTfjsSha256, variant })));
}

/**
 * The model as shipped (weights gathered into one file, nothing else changed), accounted with
 * the entry's concrete input shapes; output names and shapes from one run on TF.js's cpu backend.
 */
export async function buildTfjsPackageModel(z: TfjsPackageZooEntry, files: TfjsModelFiles, packageVersion: string): Promise<BuiltModel> {
  const outputs = await outputSpecs(z, files);
  const accounting = await accountTfjsGraphModel(files, { inputShapes: Object.fromEntries(z.inputs.map((i) => [i.name, i.shape])) });
  const paths = tfjsFilePaths(z.id);
  const { json, weights } = serializeTfjsModel(files);
  const entry: ModelEntry = {
    id: z.id,
    name: z.name,
    family: z.family,
    variant: 'fp32',
    source: { kind: 'package', package: z.source.package, path: z.source.path, version: packageVersion, ...(z.source.upstream ? { upstream: z.source.upstream } : {}), buildHash: await tfjsPackageBuildHash(z, files) },
    license: z.license,
    inputs: z.inputs,
    outputs,
    files: { tfjs: paths.json },
    accounting,
    notes: [...(z.notes ?? []), 'TF.js graph model only: the package ships no ONNX form, so ONNX cells are skipped and fidelity is judged against TF.js on its cpu backend'],
  };
  return { entry, files: [{ path: paths.json, bytes: json }, { path: paths.weights, bytes: weights }] };
}

/** A weight-storage variant of a built TF.js graph model: same signature, `baseModelId` the fp32 entry. */
export async function buildTfjsVariant(base: ModelEntry, baseFiles: TfjsModelFiles, variant: string): Promise<BuiltModel> {
  const kind = tfjsVariantKind(variant);
  const { files, report } = quantizeTfjsWeights(baseFiles, { dtype: kind.dtype });
  const accounting = await accountTfjsGraphModel(files, { inputShapes: Object.fromEntries(base.inputs.map((i) => [i.name, i.shape])) });
  const paths = tfjsFilePaths(base.id, variant);
  const { json, weights } = serializeTfjsModel(files);
  const entry = variantEntry(base, variant, {
    files: { tfjs: paths.json },
    accounting,
    report,
    stated: tfjsVariantTolerance(kind.dtype),
    buildHash: await tfjsVariantBuildHash(base.accounting.sha256.tfjs!, variant),
    notes: [kind.description],
  });
  return { entry, files: [{ path: paths.json, bytes: json }, { path: paths.weights, bytes: weights }] };
}

/** Check the entry's input names against the graph's and read the outputs' shapes from one run. */
async function outputSpecs(z: TfjsPackageZooEntry, files: TfjsModelFiles): Promise<TensorSpec[]> {
  const tf = await import('@tensorflow/tfjs');
  const model = await loadTfjsGraphModel(files);
  try {
    const names = model.inputs.map((i) => i.name).sort();
    const given = z.inputs.map((i) => i.name).sort();
    if (names.join() !== given.join()) {
      throw new HintedError(`${z.source.package}/${z.source.path} has inputs [${names.join(', ')}], the zoo entry "${z.id}" lists [${given.join(', ')}]`, 'fix the inputs of the entry in models/zoo.ts');
    }
    const outputNames = model.outputs.map((o) => o.name);
    const feed = Object.fromEntries(z.inputs.map((i) => [i.name, tf.zeros(i.shape, i.dtype === 'int32' ? 'int32' : 'float32')]));
    const out = model.execute(feed, outputNames);
    const tensors = Array.isArray(out) ? out : [out];
    const specs = tensors.map((t, i) => {
      if (t.dtype !== 'float32') throw new HintedError(`output "${outputNames[i]}" of "${z.id}" is ${t.dtype}`, 'only float32 outputs can be compared for fidelity');
      return { name: outputNames[i]!, shape: [...t.shape], dtype: 'float32' as const };
    });
    tf.dispose([...tensors, ...Object.values(feed)]);
    return specs;
  } finally {
    model.dispose();
  }
}
