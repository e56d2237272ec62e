import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOLERANCE } from '../../core/compare-outputs.js';
import { outputDigestOf, type OutputDigest } from '../../core/output-digest.js';
import { seededRandom } from '../../core/seeded-random.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { ResultStore } from '../store/result-store.js';
import { createLeaderboardApi } from './leaderboard-api.js';
import { toNewSubmission } from './submission-intake.js';
import { makeBundle, makeCompletedResult } from './test-fixtures.js';
import { loadZooDigests, proofOfRunReasons, type KnownDigests } from './zoo-digests.js';
import { flopsKey } from './zoo-flops.js';

const rng = seededRandom(5);
const outputs = [0, 1, 2].map(() => [Float32Array.from({ length: 10 }, () => rng.normal())]);
const zooDigest = outputDigestOf(outputs, { seed: 1234, inputs: 'seeded' });
const known: KnownDigests = { seed: 1234, fidelityInputs: 3, byVariant: new Map([[flopsKey('ppocr-cls', 'fp32'), { digest: zooDigest, tolerance: DEFAULT_TOLERANCE.fp32 }]]) };
const wrongDigest = outputDigestOf(outputs.map((p) => p.map((o) => o.map((v) => -v))), { seed: 1234, inputs: 'seeded' });

const result = (outputDigest?: OutputDigest, runtime: 'ort' | 'tfjs' = 'ort') => ({ ...makeCompletedResult({ runtime, backend: runtime === 'ort' ? 'wasm' : 'cpu' }), ...(outputDigest ? { outputDigest } : {}) });
const reasons = (outputDigest?: OutputDigest, runtime: 'ort' | 'tfjs' = 'ort') => toNewSubmission(makeBundle({ results: [result(outputDigest, runtime)] }), 'now', 'net', undefined, known).results[0]!.quarantineReasons;

describe('proof of run for zoo models', () => {
  it('quarantines a zoo result whose digest is wrong, missing, or on inputs the server cannot re-create', () => {
    expect(reasons(zooDigest)).toEqual([]);
    expect(reasons(wrongDigest).join(' ')).toMatch(/proof of run failed: .*sampled value|proof of run failed/);
    expect(reasons(undefined).join(' ')).toMatch(/proof of run missing/);
    expect(reasons({ ...zooDigest, seed: 99 }).join(' ')).toMatch(/unverifiable/);
    expect(reasons({ ...zooDigest, inputs: 'user' }).join(' ')).toMatch(/unverifiable/);
    expect(reasons({ ...zooDigest, outputs: zooDigest.outputs.slice(0, 1) }).join(' ')).toMatch(/unverifiable/);
  });

  it('asks nothing of models the server has no digest of, of TF.js cells, or when it has no digests at all', () => {
    const other = makeBundle({ results: [{ ...makeCompletedResult({ modelId: 'users-own' }) }] });
    expect(toNewSubmission(other, 'now', 'net', undefined, known).results[0]!.quarantineReasons).toEqual([]);
    expect(reasons(undefined, 'tfjs')).toEqual([]);
    expect(proofOfRunReasons(result(undefined), undefined)).toEqual([]);
    expect(loadZooDigests('/nonexistent')).toBeUndefined();
  });

  describe('through the API', () => {
    let store: ResultStore;
    beforeEach(async () => {
      store = await SqliteStore.open(':memory:');
    });
    afterEach(async () => {
      await store.close();
    });
    const post = (app: ReturnType<typeof createLeaderboardApi>, body: unknown) =>
      app.request('/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, { incoming: { socket: { remoteAddress: '198.51.100.1' } } });

    it('does not rank a zoo-model submission with a wrong output digest; ranks one with the right digest', async () => {
      const app = createLeaderboardApi({ store, publicMinN: 1, publicMinNetworks: 1, knownDigests: known });
      expect((await post(app, makeBundle({ results: [result(wrongDigest)] }))).status).toBe(201);
      expect((await store.counts()).quarantined).toBe(1);
      let board = await (await app.request('/leaderboard')).json();
      expect(board.rows).toEqual([]);
      expect(board.notes.join(' ')).toMatch(/proof of run: ONNX Runtime results for the 1 zoo model variants/);

      expect((await post(app, makeBundle({ results: [result(zooDigest)] }))).status).toBe(201);
      board = await (await app.request('/leaderboard')).json();
      expect(board.rows).toHaveLength(1);
      expect(board.rows[0]).toMatchObject({ modelId: 'ppocr-cls', n: 1 });
    });

    it('says so in the notes when the server has no digests, and ranks as before', async () => {
      const app = createLeaderboardApi({ store, publicMinN: 1, publicMinNetworks: 1 });
      expect((await post(app, makeBundle({ results: [result(undefined)] }))).status).toBe(201);
      const board = await (await app.request('/leaderboard')).json();
      expect(board.rows).toHaveLength(1);
      expect(board.notes.join(' ')).toMatch(/proof of run unavailable/);
    });
  });
});
