import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { zoo } from '../../models/zoo.js';
import { modelManifestSchema } from '../core/model-manifest.js';
import { HintedError } from '../core/serialized-error.js';
import { decodeModel } from '../onnx/codec.js';
import { ensureModels } from './ensure-models.js';
import type { ZooEntry } from './zoo-entry.js';

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

describe('ensureModels', () => {
  it('is deterministic: two separate builds give identical manifests, hashes and bytes', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    const ra = await ensureModels({ outDir: a, ...quiet });
    const rb = await ensureModels({ outDir: b, force: true, ...quiet });
    expect(await readFile(join(b, 'manifest.json'), 'utf8')).toBe(await readFile(join(a, 'manifest.json'), 'utf8'));
    for (const m of ra.manifest.models) {
      expect(m.accounting.sha256.onnx).toMatch(/^[0-9a-f]{64}$/);
      expect(await readFile(join(b, m.files.onnx!))).toEqual(await readFile(join(a, m.files.onnx!)));
    }
    expect(rb.manifest.models.map((m) => m.accounting.sha256)).toEqual(ra.manifest.models.map((m) => m.accounting.sha256));
  });

  it('writes a manifest that passes the schema and lists every zoo model with both formats', async () => {
    const dir = await tempDir();
    await ensureModels({ outDir: dir, ...quiet });
    const manifest = modelManifestSchema.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
    expect(manifest.models.map((m) => m.id)).toEqual(zoo.map((z) => z.id));
    for (const m of manifest.models) {
      expect(m.files.onnx && m.files.tfjs).toBeTruthy();
      expect(m.inputs[0]!.range![0]).toBeLessThan(m.inputs[0]!.range![1]);
    }
  });

  it('rebuilds only what is stale: unchanged, edited on disk, changed in the zoo, forced', async () => {
    const dir = await tempDir();
    const first = await ensureModels({ outDir: dir, ...quiet });
    expect(first.built).toEqual(zoo.map((z) => z.id));

    const lines: string[] = [];
    const again = await ensureModels({ outDir: dir, log: (l) => lines.push(l) });
    expect(again.built).toEqual([]);
    expect(lines).toHaveLength(zoo.length);

    const victim = first.manifest.models[0]!;
    await writeFile(join(dir, victim.files.tfjs!), '{}');
    expect((await ensureModels({ outDir: dir, ...quiet })).built).toEqual([victim.id]);

    const reseeded = zoo.map((z, i) => (i === 1 ? { ...z, seed: z.seed + 1 } : z));
    const r = await ensureModels({ outDir: dir, zoo: reseeded, ...quiet });
    expect(r.built).toEqual([zoo[1]!.id]);
    expect(r.manifest.models[1]!.accounting.sha256.onnx).not.toBe(first.manifest.models[1]!.accounting.sha256.onnx);

    expect((await ensureModels({ outDir: dir, zoo: reseeded, force: true, ...quiet })).built).toEqual(zoo.map((z) => z.id));
  });

  it('drops models the zoo no longer lists', async () => {
    const dir = await tempDir();
    await ensureModels({ outDir: dir, ...quiet });
    const r = await ensureModels({ outDir: dir, zoo: zoo.slice(0, 1), ...quiet });
    expect(r.removed).toEqual(zoo.slice(1).map((z) => z.id));
    expect(r.manifest.models.map((m) => m.id)).toEqual([zoo[0]!.id]);
  });

  it('rejects an invalid zoo with a HintedError naming the entry', async () => {
    const bad = [{ id: 'Bad Id', name: 'x', seed: 1, spec: { kind: 'cnn', height: 2, width: 2, channels: 1, convChannels: [4, 4], classes: 2 } }] as ZooEntry[];
    const err = await ensureModels({ outDir: await tempDir(), zoo: bad, ...quiet }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HintedError);
    expect((err as HintedError).message).toMatch(/zoo\[0\.id\]/);
    expect((err as HintedError).message).toMatch(/at least 2\^/);
    expect((err as HintedError).hint).toMatch(/models\/zoo\.ts/);
  });

  it('a corrupted built model is reported by the codec as not ONNX, with a hint', async () => {
    const dir = await tempDir();
    const { manifest } = await ensureModels({ outDir: dir, ...quiet });
    const bytes = await readFile(join(dir, manifest.models[0]!.files.onnx!));
    expect(() => decodeModel(bytes.subarray(0, bytes.length >> 1))).toThrowError(HintedError);
    expect(() => decodeModel(bytes.subarray(0, bytes.length >> 1))).toThrow(/not an ONNX model/);
  });
});
