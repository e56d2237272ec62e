import { join } from 'node:path';
import type { ModelEntry, ModelManifest } from '../core/model-manifest.js';
import { readTfjsModelFromDir, type TfjsModelFiles } from '../tfjs-forge/tfjs-model-files.js';
import { buildTfjsPackageModel, buildTfjsVariant, readTfjsPackageModel, tfjsPackageBuildHash, tfjsVariantBuildHash } from './build-tfjs-package-model.js';
import { filesMatch, writeAtomic } from './built-files.js';
import type { TfjsPackageZooEntry } from './zoo-entry.js';

export interface EnsuredTfjsModel {
  base: ModelEntry;
  variants: ModelEntry[];
  /** `id` and `id/variant` of what was (re)built, and of what was already up to date */
  built: string[];
  upToDate: string[];
}

/**
 * A TF.js graph model from a package and its weight-storage variants, rebuilt only when the
 * entry, the package's files, the builder or the files on disk changed (as for ONNX models).
 */
export interface EnsureTfjsOptions {
  outDir: string;
  force: boolean;
  /** build the variants the entry lists */
  variants: boolean;
  log: (line: string) => void;
  /** lines for what was already up to date (silent unless ensureModels runs verbose) */
  logUpToDate: (line: string) => void;
  describe: (e: ModelEntry) => string;
}

export async function ensureTfjsPackage(z: TfjsPackageZooEntry, previous: ModelManifest | undefined, opts: EnsureTfjsOptions): Promise<EnsuredTfjsModel> {
  const { outDir, force, log, describe } = opts;
  const built: string[] = [];
  const upToDate: string[] = [];
  const variants: ModelEntry[] = [];
  const t0 = performance.now();
  const pkg = await readTfjsPackageModel(z);
  const old = previous?.models.find((m) => m.id === z.id && m.variant === 'fp32');
  const stale = force ? 'forced' : !old ? 'new' : old.source.buildHash !== (await tfjsPackageBuildHash(z, pkg.files)) ? 'entry, source or builder changed' : !(await filesMatch(outDir, old)) ? 'files missing or changed on disk' : undefined;
  let baseFiles: TfjsModelFiles | undefined;
  let base: ModelEntry;
  if (!stale && old) {
    base = old;
    upToDate.push(z.id);
    opts.logUpToDate(`${z.id}: up to date (${describe(old)})`);
  } else {
    const b = await buildTfjsPackageModel(z, pkg.files, pkg.version);
    for (const f of b.files) await writeAtomic(outDir, f);
    base = b.entry;
    built.push(z.id);
    baseFiles = pkg.files;
    log(`${z.id}: built in ${(performance.now() - t0).toFixed(0)} ms, ${stale} (${describe(b.entry)})`);
  }
  for (const v of opts.variants ? (z.variants ?? []) : []) {
    const t1 = performance.now();
    const oldV = previous?.variants?.find((m) => m.id === z.id && m.variant === v);
    if (!force && oldV?.forge?.buildHash === (await tfjsVariantBuildHash(base.accounting.sha256.tfjs!, v)) && (await filesMatch(outDir, oldV))) {
      variants.push(oldV);
      upToDate.push(`${z.id}/${v}`);
      continue;
    }
    // the variant is made from the base as written (weights gathered into one file), so its hash chain starts there
    baseFiles ??= await readTfjsModelFromDir(join(outDir, base.files.tfjs!));
    const b = await buildTfjsVariant(base, baseFiles, v);
    for (const f of b.files) await writeAtomic(outDir, f);
    variants.push(b.entry);
    built.push(`${z.id}/${v}`);
    log(`${z.id} ${v}: quantised in ${(performance.now() - t1).toFixed(0)} ms (${describe(b.entry)})`);
  }
  return { base, variants, built, upToDate };
}
