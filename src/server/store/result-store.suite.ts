import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toNewSubmission } from '../leaderboard/submission-intake.js';
import { makeBundle, makeCompletedResult, makeDevice, type BundleFixtureOptions } from '../leaderboard/test-fixtures.js';
import { describeConcurrency } from './concurrency.suite.js';
import { describeCorroboration } from './corroboration.suite.js';
import { describeInvalidText } from './invalid-text.suite.js';
import type { LeaderboardQuery, NewSubmission, ResultStore } from './result-store.js';

/** A database the suite may open several stores on (to test migrations); disposed after each test. */
export interface StoreTarget {
  open(): Promise<ResultStore>;
  dispose(): Promise<void>;
  /**
   * How many stores on this database may write at once from this one process (as many server
   * processes would). SQLite: 1, since better-sqlite3 waits for a lock synchronously, and a second
   * connection waiting in the same process blocks the event loop the first one needs to commit.
   */
  writersInOneProcess?: number;
}

const RECEIVED_AT = '2025-11-26T12:00:00.000Z';

/** Each submission from its own network unless told: most tests are about arithmetic, not corroboration. */
function submission(o: BundleFixtureOptions & { network?: string } = {}): NewSubmission {
  return toNewSubmission(makeBundle(o), RECEIVED_AT, o.network ?? `net-${randomUUID().slice(0, 8)}`);
}

/** n submissions of one cell from one device with the given per-submission medians. */
function cellSubmissions(mediansMs: number[], o: { device?: ReturnType<typeof makeDevice>; modelId?: string; backend?: 'wasm' | 'webgpu'; powerW?: number | null } = {}) {
  return mediansMs.map((medianMs, i) =>
    submission({
      device: o.device,
      results: [makeCompletedResult({ seed: i + 1, medianMs, samples: 1, modelId: o.modelId, backend: o.backend, powerW: o.powerW })],
    }),
  );
}

const baseQuery: LeaderboardQuery = { scope: 'device', sort: 'latency', minN: 3, minNetworks: 2, limit: 100, offset: 0 };

/**
 * The one behaviour every ResultStore must have (Hono's shared case-test idea): run by
 * sqlite-store.test.ts and postgres-store.test.ts.
 */
export function describeResultStore(name: string, makeTarget: () => Promise<StoreTarget>): void {
  describe(`ResultStore contract: ${name}`, () => {
    let target: StoreTarget;
    let store: ResultStore;
    beforeEach(async () => {
      target = await makeTarget();
      store = await target.open();
    });
    afterEach(async () => {
      await store.close();
      await target.dispose();
    });

    it('migrates once: reopening the same database keeps the data and applies nothing twice', async () => {
      const s = submission();
      await store.putSubmission(s);
      await store.close();
      store = await target.open();
      expect(await store.getAck(s.submissionId)).toEqual({ submissionId: s.submissionId, receivedAt: RECEIVED_AT, results: 1 });
    });

    it('commits an upload still in flight when the store closes', async () => {
      const s = submission();
      const pending = store.putSubmission(s);
      await store.close();
      expect((await pending).kind).toBe('stored');
      store = await target.open();
      expect(await store.getAck(s.submissionId)).not.toBeNull();
    });

    it('stores a submission once and answers every replay with the first ack', async () => {
      const s = submission();
      const first = await store.putSubmission(s);
      expect(first.kind).toBe('stored');
      const replay = await store.putSubmission({ ...s, receivedAt: '2030-01-01T00:00:00.000Z' });
      expect(replay).toEqual({ kind: 'replay', ack: first.kind === 'stored' ? first.ack : null });
      expect((await store.counts()).submissions).toBe(1);
      expect((await store.counts()).results).toBe(1);
    });

    it('stores concurrent uploads of one submission exactly once', async () => {
      const s = submission();
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => store.putSubmission(s)));
      expect(outcomes.filter((o) => o.kind === 'stored')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'replay')).toHaveLength(5);
      expect(await store.counts()).toMatchObject({ submissions: 1, results: 1 });
    });

    it('stores a burst of concurrent uploads independently: a conflicting one fails alone', async () => {
      const shared = makeCompletedResult({ seed: 70 });
      await store.putSubmission(submission({ results: [shared] }));
      const burst = [submission(), submission({ results: [shared] }), submission(), submission()];
      const outcomes = await Promise.all(burst.map((s) => store.putSubmission(s)));
      expect(outcomes.map((o) => o.kind)).toEqual(['stored', 'conflict', 'stored', 'stored']);
      expect(await store.counts()).toMatchObject({ submissions: 4, results: 4 });
    });

    it('refuses a reused submission id with different content and keeps the original', async () => {
      const s = submission();
      await store.putSubmission(s);
      const other = submission({ submissionId: s.submissionId });
      const out = await store.putSubmission(other);
      expect(out.kind).toBe('conflict');
      const kept = await store.getSubmission(s.submissionId);
      expect(kept?.payloadJson).toBe(s.payloadJson);
    });

    it('refuses a result record already stored under another submission, atomically', async () => {
      const shared = makeCompletedResult({ seed: 7 });
      await store.putSubmission(submission({ results: [shared] }));
      const second = submission({ results: [makeCompletedResult({ seed: 8 }), shared] });
      const out = await store.putSubmission(second);
      expect(out).toMatchObject({ kind: 'conflict' });
      expect(await store.getAck(second.submissionId)).toBeNull();
      expect(await store.counts()).toMatchObject({ submissions: 1, results: 1 });
    });

    it('ranks a cell by the median of per-submission medians, with IQR, once n reaches minN', async () => {
      for (const s of cellSubmissions([10, 12, 30])) await store.putSubmission(s);
      const { rows, total } = await store.leaderboard(baseQuery);
      expect(total).toBe(1);
      const row = rows[0]!;
      expect(row.n).toBe(3);
      expect(row.latencyMs.median).toBeCloseTo(12, 9);
      // type-7 quantiles of [10, 12, 30]
      expect(row.latencyMs.p25).toBeCloseTo(11, 9);
      expect(row.latencyMs.p75).toBeCloseTo(21, 9);
      expect(row.deviceLabel).toBe('Pixel 7 (Android)');
      expect((await store.leaderboard({ ...baseQuery, minN: 4 })).rows).toEqual([]);
    });

    it('counts a submission once per cell even when it holds the cell twice', async () => {
      const twice = submission({
        results: [makeCompletedResult({ seed: 1, medianMs: 10, samples: 1 }), makeCompletedResult({ seed: 2, medianMs: 20, samples: 1 })],
      });
      await store.putSubmission(twice);
      for (const s of cellSubmissions([40, 50])) await store.putSubmission(s);
      const row = (await store.leaderboard(baseQuery)).rows[0]!;
      expect(row.n).toBe(3);
      expect(row.latencyMs.median).toBeCloseTo(40, 9); // median of [15, 40, 50]
    });

    it('keeps quarantined results out of rankings and the device distribution, but stored', async () => {
      for (const s of cellSubmissions([10, 11, 12])) await store.putSubmission(s);
      const bad = submission({ results: [makeCompletedResult({ seed: 9, medianMs: 1, samples: 1, fidelityPass: false })] });
      expect(bad.results[0]!.quarantineReasons.length).toBeGreaterThan(0);
      await store.putSubmission(bad);
      const row = (await store.leaderboard(baseQuery)).rows[0]!;
      expect(row.n).toBe(3);
      expect(row.latencyMs.median).toBeCloseTo(11, 9);
      expect((await store.counts()).quarantined).toBe(1);
      expect((await store.deviceShares(3, 2))[0]!.submissions).toBe(3);
      const stored = await store.getSubmission(bad.submissionId);
      expect(stored?.results[0]!.quarantineReasons).toEqual(bad.results[0]!.quarantineReasons);
    });

    it('updates a ranked row when more submissions arrive', async () => {
      for (const s of cellSubmissions([10, 10, 10])) await store.putSubmission(s);
      expect((await store.leaderboard(baseQuery)).rows[0]!.n).toBe(3);
      for (const s of cellSubmissions([20, 20])) await store.putSubmission(s);
      const row = (await store.leaderboard(baseQuery)).rows[0]!;
      expect(row.n).toBe(5);
      expect(row.latencyMs.p75).toBeCloseTo(20, 9);
    });

    it('filters by model, backend, class and device, pools devices by class, and sorts with missing energy last', async () => {
      const laptop = makeDevice({ class: 'laptop', platform: 'Linux', model: null, cores: 8, memoryGiB: 16 });
      const otherPhone = makeDevice({ model: 'Pixel 8' });
      for (const s of cellSubmissions([20, 21, 22], { backend: 'wasm' })) await store.putSubmission(s);
      for (const s of cellSubmissions([5, 6, 7], { backend: 'webgpu', powerW: null })) await store.putSubmission(s);
      for (const s of cellSubmissions([30, 31, 32], { device: otherPhone, backend: 'wasm', powerW: 2 })) await store.putSubmission(s);
      for (const s of cellSubmissions([8, 9, 10], { device: laptop, modelId: 'mobilenet' })) await store.putSubmission(s);

      const byLatency = (await store.leaderboard(baseQuery)).rows.map((r) => r.latencyMs.median);
      expect(byLatency).toEqual([6, 9, 21, 31]);
      const byEnergy = (await store.leaderboard({ ...baseQuery, sort: 'energy' })).rows;
      expect(byEnergy.map((r) => r.energyJ === null)).toEqual([false, false, false, true]);
      expect(byEnergy[0]!.energyJ!.median).toBeLessThan(byEnergy[1]!.energyJ!.median);
      expect(byEnergy[0]!.energyJ!.methods).toEqual(['modelled']);

      expect((await store.leaderboard({ ...baseQuery, modelId: 'mobilenet' })).rows.map((r) => r.deviceClass)).toEqual(['laptop']);
      expect((await store.leaderboard({ ...baseQuery, backend: 'webgpu' })).total).toBe(1);
      expect((await store.leaderboard({ ...baseQuery, deviceClass: 'phone' })).total).toBe(3);
      const pixel8 = (await store.deviceShares(3, 2)).find((d) => d.model === 'Pixel 8')!;
      expect((await store.leaderboard({ ...baseQuery, deviceId: pixel8.id })).rows.map((r) => r.latencyMs.median)).toEqual([31]);

      // a class row needs minN devices: two phones rank only with minN 2; its value is the median of per-device medians
      const classQuery = { ...baseQuery, scope: 'class', deviceClass: 'phone', backend: 'wasm' } as const;
      expect((await store.leaderboard(classQuery)).rows).toHaveLength(0);
      const pooled = await store.leaderboard({ ...classQuery, minN: 2 });
      expect(pooled.rows).toHaveLength(1);
      expect(pooled.rows[0]).toMatchObject({ n: 6, devices: 2, networks: 6, deviceId: null, deviceLabel: 'phone', provisional: false });
      expect(pooled.rows[0]!.latencyMs.median).toBeCloseTo(26, 9);

      const page = await store.leaderboard({ ...baseQuery, limit: 2, offset: 2 });
      expect(page.total).toBe(4);
      expect(page.rows.map((r) => r.latencyMs.median)).toEqual([21, 31]);
    });

    it('reports the device distribution and per-model summaries', async () => {
      const laptop = makeDevice({ class: 'laptop', platform: 'Windows', model: null, memoryGiB: 16 });
      for (const s of cellSubmissions([10, 11, 12])) await store.putSubmission(s);
      for (const s of cellSubmissions([10, 11], { device: laptop, modelId: 'mobilenet' })) await store.putSubmission(s);
      const shares = await store.deviceShares(2, 2);
      expect(shares.map((d) => [d.class, d.submissions])).toEqual([
        ['phone', 3],
        ['laptop', 2],
      ]);
      expect(await store.device(shares[1]!.id)).toMatchObject({ class: 'laptop', platform: 'Windows', memoryGiB: 16, model: null });
      expect(await store.device('0000000000000000')).toBeNull();
      expect(await store.models(3, 2)).toEqual([{ modelId: 'ppocr-cls', variants: 1, publicRows: 1 }]);
      expect((await store.models(2, 2)).map((m) => m.modelId)).toEqual(['mobilenet', 'ppocr-cls']);
    });

    it('bulk-loads in one call and skips submissions already stored or conflicting', async () => {
      const existing = submission();
      await store.putSubmission(existing);
      const batch = [existing, ...cellSubmissions([1, 2, 3, 4]), submission({ submissionId: existing.submissionId })];
      expect(await store.putSubmissions(batch)).toEqual({ stored: 4, skipped: 2 });
      expect((await store.counts()).submissions).toBe(5);
      expect((await store.leaderboard({ ...baseQuery, minN: 1 })).rows[0]!.n).toBe(5);
    });

    it('stores SQL-looking and markup text literally', async () => {
      const hostile = `x'); DROP TABLE results; -- <script>alert(1)</script> "?" $1`;
      const device = makeDevice({ model: hostile, platform: `';--` });
      for (const s of cellSubmissions([3, 4, 5], { device, modelId: hostile })) await store.putSubmission(s);
      const { rows } = await store.leaderboard({ ...baseQuery, modelId: hostile });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.modelId).toBe(hostile);
      expect(rows[0]!.deviceLabel).toBe(`${hostile} (';--)`);
      expect((await store.counts()).results).toBe(3);
    });

    it('catches up with a backlog larger than one read pass, and refreshAggregates finishes it', async () => {
      const many = Array.from({ length: 260 }, (_, i) =>
        submission({ results: [makeCompletedResult({ seed: i, medianMs: 5, samples: 1, modelId: `model-${i}` })] }),
      );
      expect(await store.putSubmissions(many)).toEqual({ stored: 260, skipped: 0 });
      const one = { ...baseQuery, minN: 1, minNetworks: 1 };
      await store.leaderboard(one); // may answer from a partly refreshed table
      await store.refreshAggregates();
      expect((await store.leaderboard(one)).total).toBe(260);
      expect((await store.leaderboard({ ...one, scope: 'class' })).total).toBe(260);
    });

    it('returns null for an unknown submission', async () => {
      expect(await store.getAck(randomUUID())).toBeNull();
      expect(await store.getSubmission(randomUUID())).toBeNull();
    });

    describeCorroboration(() => store);
    describeConcurrency(() => store, () => target);
    describeInvalidText(() => store);
  });
}
