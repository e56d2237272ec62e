import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RuntimeName, TensorSpec } from '../core/cell.js';
import type { InputSource } from '../core/inputs/input-source.js';
import type { EncodedSamples } from '../core/inputs/sample-transport.js';
import type { ModelAccounting } from '../core/model-manifest.js';
import { HintedError } from '../core/serialized-error.js';
import { accountModel } from '../forge/account-model.js';
import { toManifestAccounting } from '../forge/manifest-accounting.js';
import type { ModelRunner } from '../forge/model-runner.js';
import { checkInput, type ForgeContext, forgeVariant, toleranceFor } from '../forge/variant-registry.js';
import { InvalidModelError } from '../forge/invalid-model-error.js';
import { UsageError } from '../bench/exit-codes.js';
import { canonicalJson } from '../modelgen/canonical-json.js';
import type { ManifestModelLike } from '../client/plan-model.js';
import { TFJS_VARIANT_NAMES } from '../modelgen/tfjs-variants.js';
import { forgeTfjsFile } from './forge-tfjs-file.js';
import type { ModelFile } from './model-file.js';
import { guessOutputKind, outputSpecs } from './model-signature.js';

/** A user's model (or a variant forged from it) as the run planner and the page need it. */
export interface FileModelEntry extends ManifestModelLike {
  variant: string;
  /** the file the numbers belong to: what records carry */
  file: { name: string; sha256: string; bytes: number };
  /** the file on disk (ONNX), for the native baseline; paths in `files` are relative to the served folder */
  absOnnx?: string;
  accounting?: ModelAccounting;
  /** where the inputs came from, the warnings each record carries, the user's samples (base64, for the page) */
  inputSet?: PageInputSet;
}

/** An InputSet as it crosses into the page: samples encoded (src/core/inputs/sample-transport.ts). */
export interface PageInputSet {
  source: InputSource;
  warnings: string[];
  samples?: EncodedSamples;
}

/** A variant the forge could not make: its cells are reported, not silently dropped. */
export interface ForgeRefusal {
  modelId: string;
  variant: string;
  modelName: string;
  runtime: RuntimeName;
  /** a HintedError is a refusal the forge explains (the graph has no place for this rewrite): skipped; anything else: errored */
  error: Error;
}

export interface PrepareOptions {
  /** where copies and forged variants go (served to the page); the cache lives here too */
  modelsDir: string;
  variants: readonly string[];
  inputs: TensorSpec[][];
  inputSets: PageInputSet[];
  /** calibration and fidelity feeds for the forge; absent: seeded inputs from the specs */
  forgeContext: (i: number) => Omit<ForgeContext, 'runner'>;
  runner: () => Promise<ModelRunner>;
  log: (line: string) => void;
}

/** Bump when a forged file for the same input and options would come out differently. */
const FORGE_CACHE_VERSION = 1;

/**
 * Copy each model into `modelsDir/<id>-<sha8>/` and forge the asked-for variants beside it.
 * A variant whose input hash and options match its cache note is reused, so a second run on the
 * same file forges nothing.
 */
export async function prepareFileModels(files: readonly ModelFile[], opts: PrepareOptions): Promise<{ entries: FileModelEntry[]; refusals: ForgeRefusal[] }> {
  const entries: FileModelEntry[] = [];
  const refusals: ForgeRefusal[] = [];
  const ids = new Set<string>();
  for (const [i, f] of files.entries()) {
    const id = uniqueId(f, ids);
    const folder = `${id}-${f.sha256.slice(0, 8)}`;
    const dir = path.join(opts.modelsDir, folder);
    await mkdir(dir, { recursive: true });
    const inputs = opts.inputs[i]!;
    const outputs = outputSpecs(f.outputs);
    const inputShapes = Object.fromEntries(inputs.map((s) => [s.name, s.shape]));
    const base: FileModelEntry = { id, variant: 'fp32', name: f.fileName, inputs, outputs, files: {}, file: { name: f.fileName, sha256: f.sha256, bytes: f.bytes }, inputSet: opts.inputSets[i]! };
    if (f.format === 'tfjs') {
      await copyTfjs(f, path.join(dir, 'tfjs'));
      base.files = { tfjs: `${folder}/tfjs/model.json` };
      entries.push(base);
      for (const variant of opts.variants.filter((v) => v !== 'fp32')) {
        try {
          if (!TFJS_VARIANT_NAMES.includes(variant)) throw new HintedError(`${variant} is a variant of ONNX models`, `for a TF.js model pick from ${TFJS_VARIANT_NAMES.join(', ')}`);
          const made = await forgeTfjsFile(f.absPath, variant);
          const vdir = path.join(dir, variant);
          await mkdir(vdir, { recursive: true });
          await writeFile(path.join(vdir, 'model.json'), made.json);
          await writeFile(path.join(vdir, 'weights.bin'), made.weights);
          const hash = createHash('sha256').update(made.json).update(made.weights).digest('hex');
          entries.push({
            ...base,
            variant,
            name: `${f.fileName} · ${variant}`,
            baseModelId: id,
            forge: { tolerance: made.stated.tolerance, judged: made.stated.judged },
            files: { tfjs: `${folder}/${variant}/model.json` },
            file: { name: `${path.basename(f.fileName, '.json')}.${variant}/model.json`, sha256: hash, bytes: made.json.length + made.weights.length },
          });
        } catch (err) {
          refusals.push({ modelId: id, variant, modelName: `${f.fileName} · ${variant}`, runtime: 'tfjs', error: err as Error });
        }
      }
      continue;
    }
    const onnxName = `${folder}/fp32.onnx`;
    // read once: the copy, the runtime check, the accounting and every variant use these bytes
    const bytes = new Uint8Array(await readFile(f.absPath));
    await writeFile(path.join(opts.modelsDir, onnxName), bytes);
    // the runtime's own verdict on the file comes first: a model ORT rejects is the user's file to fix (exit 2), not a cell to fail
    try {
      await checkInput(bytes, await opts.runner());
    } catch (err) {
      if (err instanceof InvalidModelError) throw new UsageError(`${f.fileName} is not a model onnxruntime can load: ${err.message}`, err.hint, { cause: err });
      throw err;
    }
    base.files = { onnx: onnxName };
    base.absOnnx = path.join(opts.modelsDir, onnxName);
    base.accounting = await accountQuietly(bytes, inputShapes, opts.log, f.fileName);
    entries.push(base);
    const kind = guessOutputKind(f.outputs);
    for (const variant of opts.variants) {
      if (variant === 'fp32') continue;
      if (TFJS_VARIANT_NAMES.includes(variant)) {
        refusals.push({ modelId: id, variant, modelName: `${f.fileName} · ${variant}`, runtime: 'ort', error: new HintedError(`${variant} is a variant of TF.js graph models`, 'for an ONNX file pick fp16, int8-dynamic, int8-qdq or a pruning') });
        continue;
      }
      const ctx = { ...opts.forgeContext(i), inputShapes };
      const key = cacheKey(f.sha256, variant, ctx);
      const file = path.join(dir, `${variant}.onnx`);
      try {
        const made = await cached(file, key, async () => {
          const t0 = Date.now();
          const r = await forgeVariant(variant, bytes, { ...ctx, runner: await opts.runner() });
          opts.log(`forged ${f.fileName} → ${variant} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
          return r.bytes;
        });
        const stated = toleranceFor(variant, kind);
        entries.push({
          ...base,
          variant,
          name: `${f.fileName} · ${variant}`,
          baseModelId: id,
          forge: { tolerance: stated.tolerance, judged: stated.judged },
          files: { onnx: `${folder}/${variant}.onnx` },
          file: { name: `${path.basename(f.fileName, '.onnx')}.${variant}.onnx`, sha256: sha256(made), bytes: made.length },
          absOnnx: file,
          accounting: await accountQuietly(made, inputShapes, opts.log, `${f.fileName} · ${variant}`),
        });
      } catch (err) {
        refusals.push({ modelId: id, variant, modelName: `${f.fileName} · ${variant}`, runtime: 'ort', error: err as Error });
      }
    }
  }
  return { entries, refusals };
}

/** Model ids follow the manifest's rule (lower-case, digits, . _ -); two files with one stem get -2, -3… */
function uniqueId(f: ModelFile, taken: Set<string>): string {
  const base = path.basename(f.absPath);
  const stem = f.format === 'onnx' ? base.replace(/\.onnx$/i, '') : base === 'model.json' ? path.basename(path.dirname(f.absPath)) : base.replace(/\.json$/i, '');
  const clean = stem.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'model';
  let id = clean;
  for (let n = 2; taken.has(id); n++) id = `${clean}-${n}`;
  taken.add(id);
  return id;
}

async function copyTfjs(f: ModelFile, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  await copyFile(f.absPath, path.join(to, 'model.json'));
  for (const w of f.weightPaths) {
    const target = path.join(to, w);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.resolve(path.dirname(f.absPath), w), target);
  }
}

// accounting is a figure for the report; a graph the counter cannot read must not stop the run
async function accountQuietly(bytes: Uint8Array, inputShapes: Record<string, number[]>, log: (l: string) => void, what: string): Promise<ModelAccounting | undefined> {
  try {
    return toManifestAccounting(await accountModel(bytes, { inputShapes }));
  } catch (err) {
    log(`note: ${what}: parameters and FLOPs not counted (${(err as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function cacheKey(baseSha: string, variant: string, ctx: object): string {
  // feeds are typed arrays: hashed by content, so the same samples give the same key
  const plain = JSON.stringify(ctx, (_k, v: unknown) => (ArrayBuffer.isView(v) ? sha256(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) : typeof v === 'bigint' ? String(v) : v));
  return sha256(new TextEncoder().encode(canonicalJson({ v: FORGE_CACHE_VERSION, baseSha, variant, ctx: JSON.parse(plain) as unknown })));
}

/** The file at `file` when its note says it was made from `key`; otherwise make, write atomically, note. */
async function cached(file: string, key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const note = `${file}.key`;
  const [have, bytes] = await Promise.all([readFile(note, 'utf8').catch(() => ''), readFile(file).catch(() => undefined)]);
  if (have === key && bytes && sha256(bytes) === (await readFile(`${file}.sha256`, 'utf8').catch(() => ''))) return new Uint8Array(bytes);
  const made = await make();
  if (!(made instanceof Uint8Array)) throw new HintedError('the forge returned no bytes', 'this is a bug in edgewatt');
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, made);
  await rename(tmp, file);
  await writeFile(`${file}.sha256`, sha256(made));
  await writeFile(note, key);
  return made;
}
