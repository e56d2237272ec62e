import { readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zoo as defaultZoo } from '../../models/zoo.js';
import { type ModelEntry, type ModelManifest, modelManifestSchema } from '../core/model-manifest.js';
import { HintedError } from '../core/serialized-error.js';
import { buildGeneratedModel, sha256Hex, zooEntryBuildHash } from './build-model.js';
import { buildPackageModel, packageBuildHash } from './build-package-model.js';
import { buildVariant, variantBuildHash } from './build-variant.js';
import { filesMatch, writeAtomic } from './built-files.js';
import { ensureTfjsPackage } from './ensure-tfjs-package.js';
import { ensureExpectedDigests } from './expected-digests.js';
import { parseZoo } from './parse-zoo.js';
import { readPackageFile } from './read-package-file.js';
import { variantContext } from './variant-context.js';
import { isGenerated, isTfjsPackage, type GeneratedZooEntry, type PackageZooEntry, type ZooEntry } from './zoo-entry.js';

/** Where built models go by default: models/build/ at the repository root (git-ignored). */
export const DEFAULT_MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../models/build');
export const MANIFEST_FILE = 'manifest.json';

export interface EnsureModelsOptions {
  /** rebuild everything even when up to date */
  force?: boolean;
  /** one line per model built, forged or removed; defaults to console.log */
  log?: (line: string) => void;
  /** also one line per model already up to date (~100 lines for the full zoo, hence off by default) */
  verbose?: boolean;
  /** defaults to models/build/ */
  outDir?: string;
  /** defaults to models/zoo.ts */
  zoo?: readonly ZooEntry[];
  /** build the forge variants the zoo lists (default true) */
  variants?: boolean;
  /** write expected-digests.json, the leaderboard's proof-of-run reference (default true) */
  expectedDigests?: boolean;
}

export interface EnsureModelsResult {
  outDir: string;
  manifestPath: string;
  manifest: ModelManifest;
  /** ids of fp32 models built, then `id/variant` of variants built */
  built: string[];
  upToDate: string[];
  /** ids dropped from the manifest because the zoo no longer lists them */
  removed: string[];
}

/**
 * Build into `outDir` the zoo models that are missing or stale — stale meaning the zoo entry,
 * the generator/forge version or a package file changed (the manifest keeps their hashes) or a
 * file on disk no longer matches its recorded sha256 — then their forge variants, then write the
 * manifest. Files are written via rename, so a concurrent reader never sees half of one.
 */
export async function ensureModels(opts: EnsureModelsOptions = {}): Promise<EnsureModelsResult> {
  const outDir = resolve(opts.outDir ?? DEFAULT_MODELS_DIR);
  const log = opts.log ?? ((line: string) => console.log(line));
  const logUpToDate = opts.verbose ? log : () => undefined;
  const entries = parseZoo(opts.zoo ?? defaultZoo);
  const manifestPath = join(outDir, MANIFEST_FILE);
  const previous = await readPreviousManifest(manifestPath, log);
  const models: ModelEntry[] = [];
  const variants: ModelEntry[] = [];
  const built: string[] = [];
  const upToDate: string[] = [];
  const ctx = variantContext();
  try {
    for (const z of entries) {
      if (isTfjsPackage(z)) {
        const t = await ensureTfjsPackage(z, previous, { outDir, force: opts.force ?? false, variants: opts.variants !== false, log, logUpToDate, describe });
        models.push(t.base);
        variants.push(...t.variants);
        built.push(...t.built);
        upToDate.push(...t.upToDate);
        continue;
      }
      const old = previous?.models.find((m) => m.id === z.id && m.variant === 'fp32');
      const base = await ensureBase(z, old, outDir, opts.force ?? false, log, logUpToDate);
      models.push(base.entry);
      (base.built ? built : upToDate).push(z.id);
      if (opts.variants === false) continue;
      for (const v of z.variants ?? []) {
        const oldV = previous?.variants?.find((m) => m.id === z.id && m.variant === v);
        const outputKind = isGenerated(z) ? 'logits' : z.outputKind;
        const expected = await variantBuildHash(base.entry.accounting.sha256.onnx!, v, outputKind);
        const t0 = performance.now();
        if (!opts.force && oldV?.forge?.buildHash === expected && (await filesMatch(outDir, oldV))) {
          variants.push(oldV);
          upToDate.push(`${z.id}/${v}`);
          continue;
        }
        const bytes = base.bytes ?? new Uint8Array(await readFile(join(outDir, base.entry.files.onnx!)));
        const b = await buildVariant(base.entry, bytes, v, await ctx.forEntry(z, base.entry), outputKind);
        for (const f of b.files) await writeAtomic(outDir, f);
        variants.push(b.entry);
        built.push(`${z.id}/${v}`);
        log(`${z.id} ${v}: forged in ${(performance.now() - t0).toFixed(0)} ms (${describe(b.entry)})`);
      }
    }
  } finally {
    await ctx.close();
  }
  const removed = (previous?.models ?? []).filter((m) => !entries.some((z) => z.id === m.id)).map((m) => m.id);
  for (const id of removed) {
    await rm(join(outDir, id), { recursive: true, force: true });
    log(`${id}: removed (no longer in the zoo)`);
  }
  for (const old of previous?.variants ?? []) {
    if (removed.includes(old.id) || variants.some((v) => v.id === old.id && v.variant === old.variant)) continue;
    if (old.files.onnx) await rm(join(outDir, old.files.onnx), { force: true });
    if (old.files.tfjs) await rm(join(outDir, dirname(old.files.tfjs)), { recursive: true, force: true }); // a variant's model.json + weights.bin have a folder of their own
  }
  const manifest: ModelManifest = { schemaVersion: 1, models, ...(variants.length > 0 ? { variants } : {}) };
  await writeAtomic(outDir, { path: MANIFEST_FILE, bytes: new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n') });
  if (opts.expectedDigests !== false) await ensureExpectedDigests(manifest, outDir, log);
  return { outDir, manifestPath, manifest, built, upToDate, removed };
}

async function ensureBase(z: GeneratedZooEntry | PackageZooEntry, old: ModelEntry | undefined, outDir: string, force: boolean, log: (l: string) => void, logUpToDate: (l: string) => void): Promise<{ entry: ModelEntry; built: boolean; bytes?: Uint8Array }> {
  const t0 = performance.now();
  try {
    let pkg: { bytes: Uint8Array; version: string } | undefined;
    let expected: string;
    if (isGenerated(z)) expected = await zooEntryBuildHash(z);
    else {
      pkg = await readPackageFile(z.source.package, z.source.path);
      expected = await packageBuildHash(z, await sha256Hex(pkg.bytes));
    }
    const stale = force ? 'forced' : !old ? 'new' : old.source.buildHash !== expected ? 'entry, source or generator changed' : !(await filesMatch(outDir, old)) ? 'files missing or changed on disk' : undefined;
    if (!stale && old) {
      logUpToDate(`${z.id}: up to date (${describe(old)})`);
      return { entry: old, built: false };
    }
    const b = isGenerated(z) ? await buildGeneratedModel(z) : await buildPackageModel(z, pkg!.bytes, pkg!.version);
    for (const f of b.files) await writeAtomic(outDir, f);
    log(`${z.id}: built in ${(performance.now() - t0).toFixed(0)} ms, ${stale} (${describe(b.entry)})`);
    return { entry: b.entry, built: true, bytes: b.files[0]!.bytes };
  } catch (err) {
    if (err instanceof HintedError) throw new HintedError(`building model "${z.id}" failed: ${err.message}`, err.hint, { cause: err });
    throw new HintedError(`building model "${z.id}" failed: ${(err as Error).message}`, `check that ${outDir} is writable and the entry in models/zoo.ts is valid`, { cause: err });
  }
}

async function readPreviousManifest(path: string, log: (line: string) => void): Promise<ModelManifest | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined; // first build
  }
  try {
    return modelManifestSchema.parse(JSON.parse(text));
  } catch {
    log(`${path} is unreadable or from an older format: rebuilding every model`);
    return undefined;
  }
}

function describe(e: ModelEntry): string {
  const a = e.accounting;
  return `${a.params.toLocaleString('en-US')} params, ${(a.flops / 1e6).toFixed(2)} MFLOPs, onnx ${kB(a.bytes.onnx)}, tfjs ${kB(a.bytes.tfjs)}`;
}

function kB(n: number | undefined): string {
  return n === undefined ? '–' : `${(n / 1024).toFixed(1)} KiB`;
}
