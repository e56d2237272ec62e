import { expect, it } from 'vitest';
import type { CompletedResult } from '../../core/result-schema.js';
import { toNewSubmission } from '../leaderboard/submission-intake.js';
import { makeBundle, makeCompletedResult, makeDevice } from '../leaderboard/test-fixtures.js';
import type { NewSubmission, ResultStore } from './result-store.js';

/**
 * Part of the shared store suite: many writers at once, as several server processes on one
 * database would be. On PostgreSQL this deadlocked (40P01) when two batches touched the same
 * aggregate rows in different orders, and the whole batch failed.
 */

const BATCHES = 20;
const PER_BATCH = 4;
const GROUPS = 5;
const MAX_WRITERS = 4;

interface Planned {
  submissions: NewSubmission[];
  bulk: boolean;
}

function plan(): { batches: Planned[]; uniqueIds: number; conflictPairs: number } {
  const devices = Array.from({ length: 4 }, (_, i) => makeDevice({ model: `Concurrent ${i}` }));
  const firstResults: CompletedResult[][] = [];
  const batches: Planned[] = [];
  let conflictPairs = 0;
  let duplicates = 0;
  for (let b = 0; b < BATCHES; b++) {
    const submissions: NewSubmission[] = [];
    for (let k = 0; k < PER_BATCH; k++) {
      const results = Array.from({ length: GROUPS }, (_, m) =>
        makeCompletedResult({ seed: b * 100 + k * 10 + m, modelId: `conc-${m}`, medianMs: 10 + ((b + k + m) % 5), samples: 3 }),
      );
      // every fifth batch re-uses a record of batch 0 in a new submission: one of the two must lose
      if (b % 5 === 3 && k === 1) {
        results[0] = firstResults[0]![2]!;
        conflictPairs++;
      }
      if (b === 0) firstResults.push(results);
      submissions.push(toNewSubmission(makeBundle({ device: devices[(b + k) % devices.length], results }), '2025-11-26T12:00:00.000Z', `net-${(b * PER_BATCH + k) % 7}`));
    }
    // ... and every fifth batch re-sends a submission of the batch before it (a retried upload)
    if (b % 5 === 4) {
      submissions[0] = batches[b - 1]!.submissions[0]!;
      duplicates++;
    }
    batches.push({ submissions, bulk: b % 2 === 0 });
  }
  return { batches, uniqueIds: BATCHES * PER_BATCH - duplicates, conflictPairs };
}

export function describeConcurrency(
  getStore: () => ResultStore,
  getTarget: () => { open(): Promise<ResultStore>; writersInOneProcess?: number },
): void {
  it(`stores ${BATCHES} concurrent batches from up to ${MAX_WRITERS} writers over ${GROUPS} shared groups exactly once, duplicates and conflicts included`, async () => {
    const store = getStore();
    const WRITERS = Math.min(MAX_WRITERS, getTarget().writersInOneProcess ?? MAX_WRITERS);
    const others = await Promise.all(Array.from({ length: WRITERS - 1 }, () => getTarget().open()));
    const writers = [store, ...others];
    try {
      const { batches, uniqueIds, conflictPairs } = plan();
      const readQuery = { scope: 'class', sort: 'latency', minN: 1, minNetworks: 1, limit: 10, offset: 0 } as const;
      const outcomes = await Promise.all([
        ...batches.map(async (batch, b) => {
          const w = writers[b % WRITERS]!;
          if (batch.bulk) return (await w.putSubmissions(batch.submissions)).stored;
          const single = await Promise.all(batch.submissions.map((s) => w.putSubmission(s)));
          return single.filter((o) => o.kind === 'stored').length;
        }),
        // readers refresh aggregates while the writers mark them
        ...writers.map(async (w) => {
          for (let i = 0; i < 3; i++) await w.leaderboard(readQuery);
          return 0;
        }),
      ]);
      const expected = uniqueIds - conflictPairs;
      expect(outcomes.reduce((a, b) => a + b, 0)).toBe(expected);
      expect(await store.counts()).toMatchObject({ submissions: expected, results: expected * GROUPS });

      await store.refreshAggregates();
      for (let m = 0; m < GROUPS; m++) {
        const classRows = (await store.leaderboard({ ...readQuery, modelId: `conc-${m}` })).rows;
        expect(classRows, `conc-${m}`).toHaveLength(1);
        expect(classRows[0]!.n).toBe(expected);
        const deviceRows = (await store.leaderboard({ ...readQuery, scope: 'device', modelId: `conc-${m}` })).rows;
        expect(deviceRows.reduce((sum, r) => sum + r.n, 0)).toBe(expected);
        expect(deviceRows).toHaveLength(4);
      }
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });
}
