import type { ModelEntry } from '../core/model-manifest.js';
import { HintedError } from '../core/serialized-error.js';
import { accountModel } from '../forge/account-model.js';
import { toManifestAccounting } from '../forge/manifest-accounting.js';
import { GENERATOR_VERSION, type BuiltModel, sha256Hex } from './build-model.js';
import { canonicalJson } from './canonical-json.js';
import type { PackageZooEntry } from './zoo-entry.js';

/** What determines a package model's entry: the zoo entry, this code's version and the file's own hash. */
export async function packageBuildHash(z: PackageZooEntry, fileSha256: string): Promise<string> {
  const { variants: _variants, ...entry } = z;
  return sha256Hex(new TextEncoder().encode(canonicalJson({ generatorVersion: GENERATOR_VERSION, entry, fileSha256 })));
}

export function packagePath(id: string): string {
  return `${id}/model.onnx`;
}

/**
 * A real ONNX model from an npm package: copied as it is (never rewritten), accounted with the
 * zoo entry's concrete input shapes, entry written with its source and licence. Pure.
 */
export async function buildPackageModel(z: PackageZooEntry, bytes: Uint8Array, packageVersion: string): Promise<BuiltModel> {
  const inputShapes = Object.fromEntries(z.inputs.map((i) => [i.name, i.shape]));
  const counted = await accountModel(bytes, { inputShapes });
  const names = counted.inputs.map((i) => i.name).sort();
  const given = z.inputs.map((i) => i.name).sort();
  if (names.join() !== given.join()) {
    throw new HintedError(`${z.source.package}/${z.source.path} has inputs [${names.join(', ')}], the zoo entry "${z.id}" lists [${given.join(', ')}]`, 'fix the inputs of the entry in models/zoo.ts');
  }
  const outputs = counted.outputs.map((o) => {
    const shape = o.shape.map((d) => (typeof d === 'number' ? d : Number.NaN));
    if (shape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new HintedError(`output "${o.name}" of "${z.id}" has no fixed shape for the given inputs ([${o.shape.join(', ')}])`, 'the forge cannot infer it; check the input shapes in models/zoo.ts');
    }
    if (o.dtype !== 'float32') throw new HintedError(`output "${o.name}" of "${z.id}" is ${o.dtype}`, 'only float32 outputs can be compared for fidelity');
    return { name: o.name, shape, dtype: 'float32' as const };
  });
  const buildHash = await packageBuildHash(z, counted.sha256);
  const entry: ModelEntry = {
    id: z.id,
    name: z.name,
    family: z.family,
    variant: 'fp32',
    source: { kind: 'package', package: z.source.package, path: z.source.path, version: packageVersion, ...(z.source.upstream ? { upstream: z.source.upstream } : {}), buildHash },
    license: z.license,
    inputs: z.inputs,
    outputs,
    files: { onnx: packagePath(z.id) },
    accounting: toManifestAccounting(counted),
    notes: [...(z.notes ?? []), 'ONNX only: the package ships no TF.js form of this model'],
  };
  return { entry, files: [{ path: packagePath(z.id), bytes }] };
}
