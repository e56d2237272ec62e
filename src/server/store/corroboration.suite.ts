import { expect, it } from 'vitest';
import { toNewSubmission } from '../leaderboard/submission-intake.js';
import { makeBundle, makeCompletedResult, makeDevice } from '../leaderboard/test-fixtures.js';
import type { LeaderboardQuery, ResultStore } from './result-store.js';

/**
 * Part of the shared store suite (result-store.suite.ts): a row ranks only with corroboration,
 * and volume from few networks buys no weight (issue #13's fake-device attack).
 */

const query: LeaderboardQuery = { scope: 'device', sort: 'latency', minN: 3, minNetworks: 2, limit: 100, offset: 0 };

function put(store: ResultStore, o: { device: ReturnType<typeof makeDevice>; medianMs: number; network: string; powerW?: number; seed?: number }) {
  const result = makeCompletedResult({ seed: o.seed ?? 1, medianMs: o.medianMs, samples: 1, powerW: o.powerW ?? 3 });
  return store.putSubmission(toNewSubmission(makeBundle({ device: o.device, results: [result] }), '2025-11-26T12:00:00.000Z', o.network));
}

/** Six real-looking phones, three submissions each from three networks of their own, 18–23 ms. */
async function seedRealPhones(store: ResultStore): Promise<void> {
  for (let d = 0; d < 6; d++) {
    const device = makeDevice({ model: `Real phone ${d}` });
    for (let s = 0; s < 3; s++) await put(store, { device, medianMs: 18 + d + s * 0.5, network: `real-${d}-${s}`, seed: d * 10 + s });
  }
}

const snapshot = async (store: ResultStore) => ({
  latency: (await store.leaderboard(query)).rows.map((r) => [r.deviceLabel, r.latencyMs.median]),
  energy: (await store.leaderboard({ ...query, sort: 'energy' })).rows.map((r) => [r.deviceLabel, r.energyJ?.median]),
  classRow: (await store.leaderboard({ ...query, scope: 'class' })).rows.map((r) => [r.n, r.devices, r.latencyMs.median]),
});

export function describeCorroboration(getStore: () => ResultStore): void {
  it('ranks a device row only with submissions from several networks, and lists it as provisional until then', async () => {
    const store = getStore();
    const device = makeDevice({ model: 'Pixel 9' });
    for (let s = 0; s < 3; s++) await put(store, { device, medianMs: 20 + s, network: 'home', seed: s });
    expect((await store.leaderboard(query)).total).toBe(0);
    const held = await store.leaderboard({ ...query, status: 'provisional' });
    expect(held.rows).toHaveLength(1);
    expect(held.rows[0]).toMatchObject({ n: 3, devices: 1, networks: 1, provisional: true, outlier: false });
    await put(store, { device, medianMs: 22, network: 'elsewhere', seed: 9 });
    const ranked = await store.leaderboard(query);
    expect(ranked.rows[0]).toMatchObject({ n: 4, networks: 2, provisional: false });
    // the home network's three submissions count as one voice: median of [21 (home), 22 (elsewhere)]
    expect(ranked.rows[0]!.latencyMs.median).toBeCloseTo(21.5, 9);
    expect((await store.leaderboard({ ...query, status: 'provisional' })).total).toBe(0);
  });

  it('leaves the ranking unchanged by one address sending an invented device three tiny results', async () => {
    const store = getStore();
    await seedRealPhones(store);
    const before = await snapshot(store);
    expect(before.latency).toHaveLength(6);
    const fake = makeDevice({ model: 'Invented X1', cores: 64 });
    for (let s = 0; s < 3; s++) await put(store, { device: fake, medianMs: 0.0011, powerW: 0.0011, network: 'attacker', seed: 100 + s });
    expect(await snapshot(store)).toEqual(before);
    const held = (await store.leaderboard({ ...query, status: 'provisional' })).rows;
    expect(held.map((r) => [r.deviceLabel, r.provisional, r.outlier])).toEqual([['Invented X1 (Android)', true, true]]);
    // nor does it appear in the device distribution
    expect((await store.deviceShares(3, 2)).map((d) => d.label)).not.toContain('Invented X1 (Android)');
    expect(await store.deviceShares(3, 2)).toHaveLength(6);
  });

  it('does not let twenty invented devices from two addresses move the class median', async () => {
    const store = getStore();
    await seedRealPhones(store);
    const before = await snapshot(store);
    for (let d = 0; d < 20; d++) {
      const device = makeDevice({ model: `Invented ${d}` });
      for (let s = 0; s < 3; s++) await put(store, { device, medianMs: 0.0011, powerW: 0.0011, network: `attacker-${d % 2}`, seed: 200 + d * 3 + s });
    }
    expect(await snapshot(store)).toEqual(before);
    expect((await store.leaderboard({ ...query, status: 'provisional' })).total).toBe(20);
  });

  it('weighs invented devices within 10× of their peers as no more than their networks', async () => {
    const store = getStore();
    await seedRealPhones(store);
    const [[, , realMedian]] = (await snapshot(store)).classRow as [[number, number, number]];
    for (let d = 0; d < 20; d++) {
      const device = makeDevice({ model: `Plausible fake ${d}` });
      for (let s = 0; s < 3; s++) await put(store, { device, medianMs: 5, network: `attacker-${d % 2}`, seed: 400 + d * 3 + s });
    }
    const classRow = (await store.leaderboard({ ...query, scope: 'class' })).rows[0]!;
    expect(classRow.devices).toBe(26);
    // unweighted, 20 of 26 devices at 5 ms would put the median at 5 ms; weighted, two networks
    // of fakes against six real devices shift it by less than one real device's spread
    expect(classRow.latencyMs.median).toBeGreaterThan(15);
    expect(Math.abs(classRow.latencyMs.median - realMedian)).toBeLessThan(5);
    // each fake device row is still held: one network each
    expect((await store.leaderboard(query)).total).toBe(6);
  });
}
