import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoo } from '../../models/zoo.js';
import { DEFAULT_TOLERANCE } from '../core/compare-outputs.js';
import { EXPECTED_DIGESTS_FILE, expectedDigestsSchema } from '../core/expected-digests-schema.js';
import { FIDELITY_SEED_OFFSET, feedsFor } from '../core/inputs/feeds-for.js';
import { protocolSchema } from '../core/cell.js';
import { matchesDigest, outputDigestOf } from '../core/output-digest.js';
import { runModel } from '../forge/test-fixtures.node.js';
import { makeCompletedResult } from '../server/leaderboard/test-fixtures.js';
import { loadZooDigests, proofOfRunReasons } from '../server/leaderboard/zoo-digests.js';
import { ensureModels } from './ensure-models.js';

let dir: string;
const lines: string[] = [];
const tiny = zoo.filter((z) => z.id === 'mlp-s' || z.id === 'human-emotion').map((z) => ({ ...z, variants: z.id === 'mlp-s' ? ['fp16'] : undefined }));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edgewatt-digests-'));
  await ensureModels({ outDir: dir, zoo: tiny, log: (l) => lines.push(l) });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readDigests = async () => expectedDigestsSchema.parse(JSON.parse(await readFile(join(dir, EXPECTED_DIGESTS_FILE), 'utf8')));

describe('expected output digests of the zoo', () => {
  it('are written for every ONNX entry (TF.js-only ones have none), at the default protocol', async () => {
    const file = await readDigests();
    expect(file.entries.map((e) => `${e.modelId}/${e.variant}`)).toEqual(['mlp-s/fp32', 'mlp-s/fp16']);
    expect(file).toMatchObject({ seed: 1234, fidelityInputs: 3 });
    expect(file.entries[1]!.tolerance).toEqual(expect.objectContaining({ maxRelError: expect.any(Number) }));
    expect(lines.at(-1)).toMatch(/expected output digests: 2 computed, 0 reused/);
  });

  it("equal the digest of the app's own fidelity inputs (protocol seed + offset, feedsFor) on ORT WASM", async () => {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    const entry = manifest.models[0];
    const protocol = protocolSchema.parse({});
    const feeds = feedsFor({ specs: entry.inputs }, protocol.seed + FIDELITY_SEED_OFFSET, protocol.fidelityInputs) as Float32Array[][];
    const outputs = await runModel(new Uint8Array(await readFile(join(dir, entry.files.onnx))), entry, feeds);
    const fromApp = outputDigestOf(outputs, { seed: protocol.seed, inputs: 'seeded' });
    const stored = (await readDigests()).entries[0]!.digest;
    expect(matchesDigest(fromApp, stored, DEFAULT_TOLERANCE.fp32)).toEqual({ match: true });

    // the server reads them back and checks a result with them
    const known = loadZooDigests(dir)!;
    expect(known.byVariant.size).toBe(2);
    const result = { ...makeCompletedResult({ modelId: 'mlp-s' }), outputDigest: fromApp };
    expect(proofOfRunReasons(result, known)).toEqual([]);
    const fp16Digest = (await readDigests()).entries[1]!.digest;
    expect(proofOfRunReasons({ ...result, outputDigest: fp16Digest }, known)).toEqual([]);
    // the fp16 variant's digest is close to fp32's, but a digest of another model is not
    const zeros = outputDigestOf(outputs.map((p) => p.map((o) => new Float32Array(o.length))), { seed: protocol.seed, inputs: 'seeded' });
    expect(proofOfRunReasons({ ...result, outputDigest: zeros }, known).join(' ')).toMatch(/proof of run failed/);
  });

  it('are recomputed only for files that changed, and dropped by the server when stale', async () => {
    lines.length = 0;
    await ensureModels({ outDir: dir, zoo: tiny, log: (l) => lines.push(l) });
    expect(lines).toEqual([]);
    const file = await readDigests();
    file.entries[0]!.onnxSha256 = '0'.repeat(64);
    await writeFile(join(dir, EXPECTED_DIGESTS_FILE), JSON.stringify(file));
    expect(loadZooDigests(dir)!.byVariant.size).toBe(1);
    await ensureModels({ outDir: dir, zoo: tiny, log: (l) => lines.push(l) });
    expect(lines).toEqual([expect.stringMatching(/expected output digests: 1 computed, 1 reused/)]);
    expect(loadZooDigests(dir)!.byVariant.size).toBe(2);
  });
});
