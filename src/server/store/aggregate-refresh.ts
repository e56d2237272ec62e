import { aggregateGroup, type GroupResultRow } from './group-aggregate.js';
import { METRIC_COLUMNS, NO_VALUE_KEY, RANK_COLUMNS } from './migrations.js';
import type { SqlDriver, SqlExecutor, SqlValue } from './sql-driver.js';
import type { AggregateScope, StoredResult } from './result-store.js';

/**
 * The `aggregates` table is a materialised view kept by version counters: every ranked result
 * bumps its groups' `version` inside the submission's transaction; a reader recomputes the groups
 * whose `version` is ahead of `computed_version`. The write is guarded by the version it read, so
 * concurrent refreshers (several processes on one PostgreSQL) never move a group backwards.
 */

const GROUP_KEY_COLUMNS = 'scope, model_id, variant, runtime, backend, group_key';

export async function markGroupsDirty(
  tx: SqlExecutor,
  device: { id: string; class: string },
  results: readonly StoredResult[],
): Promise<void> {
  const seen = new Set<string>();
  for (const r of results) {
    if (r.quarantineReasons.length > 0) continue;
    for (const scope of ['device', 'class'] as const) {
      const groupKey = scope === 'device' ? device.id : device.class;
      const key = JSON.stringify([scope, r.modelId, r.variant, r.runtime, r.backend, groupKey]);
      if (seen.has(key)) continue;
      seen.add(key);
      await tx.run(
        `INSERT INTO aggregates (${GROUP_KEY_COLUMNS}, device_class, device_id, version, computed_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 0)
         ON CONFLICT (${GROUP_KEY_COLUMNS}) DO UPDATE SET version = aggregates.version + 1`,
        [scope, r.modelId, r.variant, r.runtime, r.backend, groupKey, device.class, scope === 'device' ? device.id : null],
      );
    }
  }
}

interface DirtyGroup {
  scope: AggregateScope;
  model_id: string;
  variant: string;
  runtime: string;
  backend: string;
  group_key: string;
  version: number;
}

const RESULT_AGG_COLUMNS = [
  'submission_id',
  'latency_median_ms',
  ...METRIC_COLUMNS.flatMap((m) => [`${m}_value`, `${m}_low`, `${m}_high`, `${m}_method`]),
].join(', ');

const AGG_UPDATE_COLUMNS = [
  'n',
  'latency_median',
  'latency_p25',
  'latency_p75',
  ...METRIC_COLUMNS.flatMap((m) => [`${m}_n`, `${m}_median`, `${m}_p25`, `${m}_p75`, `${m}_low`, `${m}_high`, `${m}_methods`]),
  ...RANK_COLUMNS.map((m) => `${m}_key`),
  'computed_version',
];

export interface RefreshPass {
  recomputed: number;
  /** more groups were dirty than this pass took */
  remaining: boolean;
}

/**
 * Recomputes up to `maxGroups` groups that changed since they were last computed, in one
 * transaction (one commit per group made a cold start 10× slower; one huge transaction would hold
 * SQLite's write lock against submissions for seconds).
 */
export async function refreshDirtyGroups(driver: SqlDriver, maxGroups: number): Promise<RefreshPass> {
  const dirty = await driver.all<DirtyGroup & Record<string, unknown>>(
    `SELECT ${GROUP_KEY_COLUMNS}, version FROM aggregates WHERE version > computed_version LIMIT ?`,
    [maxGroups + 1],
  );
  const batch = dirty.slice(0, maxGroups);
  if (batch.length > 0) {
    await driver.transaction(async (tx) => {
      for (const g of batch) await refreshGroup(tx, g);
    });
  }
  return { recomputed: batch.length, remaining: dirty.length > maxGroups };
}

async function refreshGroup(db: SqlExecutor, g: DirtyGroup): Promise<void> {
  const groupColumn = g.scope === 'device' ? 'device_id' : 'device_class';
  const rows = await db.all<GroupResultRow>(
    `SELECT ${RESULT_AGG_COLUMNS} FROM results
     WHERE model_id = ? AND variant = ? AND runtime = ? AND backend = ? AND ${groupColumn} = ? AND quarantined = 0`,
    [g.model_id, g.variant, g.runtime, g.backend, g.group_key],
  );
  const agg = aggregateGroup(rows);
  const values: SqlValue[] = [agg.n, agg.latency?.median ?? null, agg.latency?.p25 ?? null, agg.latency?.p75 ?? null];
  for (const m of METRIC_COLUMNS) {
    const a = agg.metrics[m];
    values.push(
      a?.n ?? 0,
      a?.median ?? null,
      a?.p25 ?? null,
      a?.p75 ?? null,
      a?.low ?? null,
      a?.high ?? null,
      a ? a.methods.join(',') : null,
    );
  }
  values.push(agg.latency?.median ?? NO_VALUE_KEY);
  for (const m of METRIC_COLUMNS) values.push(agg.metrics[m]?.median ?? NO_VALUE_KEY);
  values.push(Number(g.version));
  await db.run(
    `UPDATE aggregates SET ${AGG_UPDATE_COLUMNS.map((c) => `${c} = ?`).join(', ')}
     WHERE scope = ? AND model_id = ? AND variant = ? AND runtime = ? AND backend = ? AND group_key = ?
       AND computed_version < ?`,
    [...values, g.scope, g.model_id, g.variant, g.runtime, g.backend, g.group_key, Number(g.version)],
  );
}
