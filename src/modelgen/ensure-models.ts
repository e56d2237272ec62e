import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { zoo as defaultZoo } from '../../models/zoo.js';
import { type ModelEntry, type ModelManifest, modelManifestSchema } from '../core/model-manifest.js';
import { HintedError } from '../core/serialized-error.js';
import { type BuiltFile, buildGeneratedModel, generatedPaths, sha256Hex, zooEntryBuildHash } from './build-model.js';
import { type ParsedZooEntry, type ZooEntry, zooEntrySchema } from './zoo-entry.js';

/** Where built models go by default: models/build/ at the repository root (git-ignored). */
export const DEFAULT_MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../models/build');
export const MANIFEST_FILE = 'manifest.json';

export interface EnsureModelsOptions {
  /** rebuild everything even when up to date */
  force?: boolean;
  /** one line per model; defaults to console.log */
  log?: (line: string) => void;
  /** defaults to models/build/ */
  outDir?: string;
  /** defaults to models/zoo.ts */
  zoo?: readonly ZooEntry[];
}

export interface EnsureModelsResult {
  outDir: string;
  manifestPath: string;
  manifest: ModelManifest;
  built: string[];
  upToDate: string[];
  /** ids dropped from the manifest because the zoo no longer lists them */
  removed: string[];
}

/**
 * Build into `outDir` the zoo models that are missing or stale — stale meaning the zoo entry or
 * generator version changed (the manifest keeps their hash) or a file on disk no longer matches
 * its recorded sha256 — then write the manifest. Files are written via rename, so a concurrent
 * reader sees either the old or the new file, never half of one.
 */
export async function ensureModels(opts: EnsureModelsOptions = {}): Promise<EnsureModelsResult> {
  const outDir = resolve(opts.outDir ?? DEFAULT_MODELS_DIR);
  const log = opts.log ?? ((line: string) => console.log(line));
  const entries = parseZoo(opts.zoo ?? defaultZoo);
  const manifestPath = join(outDir, MANIFEST_FILE);
  const previous = await readPreviousManifest(manifestPath, log);

  const models: ModelEntry[] = [];
  const built: string[] = [];
  const upToDate: string[] = [];
  for (const z of entries) {
    const old = previous?.models.find((m) => m.id === z.id && m.variant === 'fp32');
    const staleReason = opts.force ? 'forced' : await whyStale(z, old, outDir);
    if (!staleReason && old) {
      models.push(old);
      upToDate.push(z.id);
      log(`${z.id}: up to date (${describe(old)})`);
      continue;
    }
    const t0 = performance.now();
    try {
      const b = await buildGeneratedModel(z);
      for (const f of [b.files.onnx, b.files.tfjsJson, b.files.tfjsWeights]) await writeAtomic(outDir, f);
      models.push(b.entry);
      built.push(z.id);
      log(`${z.id}: built in ${(performance.now() - t0).toFixed(0)} ms, ${staleReason} (${describe(b.entry)})`);
    } catch (err) {
      if (err instanceof HintedError) throw new HintedError(`building model "${z.id}" failed: ${err.message}`, err.hint, { cause: err });
      throw new HintedError(`building model "${z.id}" failed: ${(err as Error).message}`, `check that ${outDir} is writable and the entry in models/zoo.ts is valid`, { cause: err });
    }
  }

  const removed = (previous?.models ?? []).filter((m) => m.source.kind === 'generated' && !entries.some((z) => z.id === m.id)).map((m) => m.id);
  for (const id of removed) {
    await rm(join(outDir, id), { recursive: true, force: true });
    log(`${id}: removed (no longer in the zoo)`);
  }
  const manifest: ModelManifest = { schemaVersion: 1, models };
  await writeAtomic(outDir, { path: MANIFEST_FILE, bytes: new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n') });
  return { outDir, manifestPath, manifest, built, upToDate, removed };
}

function parseZoo(zoo: readonly ZooEntry[]): ParsedZooEntry[] {
  const parsed = z.array(zooEntrySchema).safeParse(zoo);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `zoo[${i.path.join('.')}]: ${i.message}`).join('; ');
    throw new HintedError(`the model zoo is invalid: ${issues}`, 'fix the named entry in models/zoo.ts');
  }
  const ids = parsed.data.map((e) => e.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new HintedError(`the model zoo lists id "${dup}" twice`, 'give every entry in models/zoo.ts its own id');
  return parsed.data;
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

/** Why `old` cannot be reused for `z`, or undefined when it can. */
async function whyStale(z: ParsedZooEntry, old: ModelEntry | undefined, outDir: string): Promise<string | undefined> {
  if (!old) return 'new';
  if (old.source.kind !== 'generated' || old.source.buildHash !== (await zooEntryBuildHash(z))) return 'spec or generator changed';
  const p = generatedPaths(z.id);
  const [onnx, json, weights] = await Promise.all([p.onnx, p.tfjsJson, p.tfjsWeights].map((f) => readFile(join(outDir, f)).catch(() => undefined)));
  if (!onnx || !json || !weights) return 'files missing';
  if ((await sha256Hex(onnx)) !== old.accounting.sha256.onnx || (await sha256Hex(json, weights)) !== old.accounting.sha256.tfjs) {
    return 'files changed on disk';
  }
  return undefined;
}

async function writeAtomic(outDir: string, f: BuiltFile): Promise<void> {
  const target = join(outDir, f.path);
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, f.bytes);
  await rename(tmp, target);
}

function describe(e: ModelEntry): string {
  const a = e.accounting;
  return `${a.params.toLocaleString('en-US')} params, ${(a.flops / 1e6).toFixed(2)} MFLOPs, onnx ${kB(a.bytes.onnx)}, tfjs ${kB(a.bytes.tfjs)}`;
}

function kB(n: number | undefined): string {
  return n === undefined ? '–' : `${(n / 1024).toFixed(1)} KiB`;
}
