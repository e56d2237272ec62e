import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Environment } from '../../core/environment.js';
import type { ModelEntry } from '../../core/model-manifest.js';
import type { CompletedResult, ResultRecord } from '../../core/result-schema.js';
import { MAX_RESULTS_PER_BUNDLE, submissionBundleSchema } from '../../core/submission-schema.js';
import { outputDigestOf } from '../../core/output-digest.js';
import type { QueuedUpload } from '../../client/upload-queue.js';
import { createLeaderboardApi } from '../../server/leaderboard/leaderboard-api.js';
import { makeBundle, makeCompletedResult } from '../../server/leaderboard/test-fixtures.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { buildShareBundles, MAX_BUNDLE_JSON_BYTES, profileDeviceClass, shareableRecords, uploadsByRecord, variantFactsFor } from './share-bundle.js';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';
const env: Environment = {
  userAgent: UA,
  uaData: { platform: 'Linux', mobile: false, brands: [{ brand: 'Chromium', version: '156' }] },
  hardwareConcurrency: 2,
  deviceMemoryGiB: 12,
  crossOriginIsolated: true,
  timerResolutionMs: 0.005,
  gpu: { available: true, adapter: { vendor: 'google', architecture: 'swiftshader', device: 'SwiftShader Device (Subzero)', description: 'SwiftShader', isFallbackAdapter: true, features: ['timestamp-query'] } },
  visibility: 'visible',
  computePressure: 'nominal',
  runtimeVersions: { 'onnxruntime-web': '1.30.0' },
};

const withProfileClass = (r: CompletedResult, deviceClass: string): CompletedResult => ({
  ...r,
  estimation: { dataVersions: {}, profile: { id: 'p', label: 'p', confidence: 'class', deviceClass, reasons: [] }, intensity: { sourceId: 'static', state: 'ok' }, notes: [] },
});

describe('buildShareBundles', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await SqliteStore.open(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('sends the chosen results with a coarse descriptor only, and the server accepts it as is', async () => {
    const records = [makeCompletedResult({ seed: 1, modelId: 'mlp-s' }), makeCompletedResult({ seed: 2, modelId: 'cnn-s' })];
    const [bundle, ...more] = buildShareBundles({ environment: env, records, deviceClass: 'laptop' });
    expect(more).toEqual([]);
    const json = JSON.stringify(bundle);
    // nothing beyond the descriptor: no user agent, no GPU device string, memory rounded to a bucket
    expect(json).not.toContain('HeadlessChrome');
    expect(json).not.toContain('SwiftShader Device');
    expect(bundle!.device).toEqual({ class: 'laptop', platform: 'Linux', model: null, gpu: { vendor: 'google', architecture: 'swiftshader' }, cores: 2, memoryGiB: 8 });
    expect(bundle!.results.map((r) => r.id)).toEqual(records.map((r) => r.id));

    const api = createLeaderboardApi({ store, publicMinN: 1, publicMinNetworks: 1 });
    const post = () => api.request('/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(200); // a retry of the same bundle is stored once
    expect((await store.counts()).results).toBe(2);
  });

  it("keeps each record's output digest, the leaderboard's proof of run, at under 1 KB a record", () => {
    const outputDigest = outputDigestOf([0, 1, 2].map((i) => [Float32Array.from({ length: 1000 }, (_, k) => Math.sin(k + i))]), { seed: 1234, inputs: 'seeded' });
    const record = { ...makeCompletedResult({ seed: 1, modelId: 'mlp-s' }), outputDigest };
    const [bundle] = buildShareBundles({ environment: env, records: [record] });
    expect(submissionBundleSchema.parse(bundle).results[0]!.outputDigest).toEqual(outputDigest);
    expect(JSON.stringify(outputDigest).length).toBeLessThan(1024);
  });

  it('splits a large choice so no upload exceeds the server limits, keeping every result once', () => {
    const records = Array.from({ length: MAX_RESULTS_PER_BUNDLE + 5 }, (_, i) => makeCompletedResult({ seed: i + 1, samples: 50 }));
    const bundles = buildShareBundles({ environment: env, records });
    expect(bundles.map((b) => b.results.length)).toEqual([MAX_RESULTS_PER_BUNDLE, 5]);
    expect(new Set(bundles.map((b) => b.submissionId)).size).toBe(2);
    for (const b of bundles) expect(submissionBundleSchema.safeParse(b).success).toBe(true);

    const heavy = Array.from({ length: 4 }, (_, i) => makeCompletedResult({ seed: i + 1, samples: 60_000 }));
    const split = buildShareBundles({ environment: env, records: heavy });
    expect(split.length).toBeGreaterThan(1);
    for (const b of split) expect(JSON.stringify(b).length).toBeLessThanOrEqual(MAX_BUNDLE_JSON_BYTES);
    expect(split.flatMap((b) => b.results.map((r) => r.id))).toEqual(heavy.map((r) => r.id));
  });

  it('carries FLOP counts of the chosen variants only, from the manifest', () => {
    const mlp = makeCompletedResult({ seed: 1, modelId: 'mlp-s' });
    const models = [
      { id: 'mlp-s', variant: 'fp32', accounting: { flops: 83_594 } },
      { id: 'cnn-s', variant: 'fp32', accounting: { flops: 1_070_410 } },
      { id: 'mlp-s', variant: 'int8', accounting: { flops: 0 } },
    ] as unknown as ModelEntry[];
    const facts = variantFactsFor([mlp, mlp], models);
    expect(facts).toEqual([{ modelId: 'mlp-s', variant: 'fp32', flopsPerInference: 83_594 }]);
    const [bundle] = buildShareBundles({ environment: env, records: [mlp], variantFacts: variantFactsFor([mlp], models) });
    expect(bundle!.variantFacts).toEqual(facts);
  });
});

describe('what the person can pick', () => {
  it('offers completed results only, newest first', () => {
    const older = { ...makeCompletedResult({ seed: 1 }), createdAt: '2025-01-01T00:00:00.000Z' };
    const newer = { ...makeCompletedResult({ seed: 2 }), createdAt: '2025-06-01T00:00:00.000Z' };
    const errored = { ...older, id: crypto.randomUUID(), state: 'errored', error: { name: 'Error', message: 'x' } } as unknown as ResultRecord;
    expect(shareableRecords([older, errored, newer]).map((r) => r.id)).toEqual([newer.id, older.id]);
  });

  it('takes the device class from the power profile only when the records agree on a leaderboard class', () => {
    const r = makeCompletedResult();
    expect(profileDeviceClass([withProfileClass(r, 'laptop'), withProfileClass(r, 'laptop')])).toBe('laptop');
    expect(profileDeviceClass([withProfileClass(r, 'laptop'), withProfileClass(r, 'phone')])).toBeUndefined();
    expect(profileDeviceClass([withProfileClass(r, 'computer')])).toBeUndefined();
    expect(profileDeviceClass([r])).toBeUndefined();
  });

  it('marks results already queued or acknowledged, but frees those of a refused upload', () => {
    const a = makeCompletedResult({ seed: 1 });
    const b = makeCompletedResult({ seed: 2 });
    const c = makeCompletedResult({ seed: 3 });
    const upload = (results: CompletedResult[], state: QueuedUpload['state']): QueuedUpload => ({
      submissionId: crypto.randomUUID(),
      bundle: makeBundle({ results }),
      state,
      enqueuedAtMs: 1,
      attempts: 1,
      nextAttemptAtMs: 1,
    });
    const byRecord = uploadsByRecord([upload([a], 'acked'), upload([b], 'pending'), upload([c], 'rejected')]);
    expect(byRecord.get(a.id)?.state).toBe('acked');
    expect(byRecord.get(b.id)?.state).toBe('pending');
    expect(byRecord.has(c.id)).toBe(false);
  });
});
