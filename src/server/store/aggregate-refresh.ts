import { aggregateClassGroup, type GroupAggregate, type GroupResultRow } from './group-aggregate.js';
import { METRIC_COLUMNS, NO_VALUE_KEY, RANK_COLUMNS } from './migrations.js';
import type { SqlDriver, SqlExecutor, SqlValue } from './sql-driver.js';
import type { AggregateScope, DeviceRecord, StoredResult } from './result-store.js';

/**
 * The `aggregates` table is a materialised view kept by version counters: every ranked result
 * bumps its device row's and its class row's `version` inside the submission's transaction; a
 * reader recomputes the class groups (a class row and every device row in it: a device's outlier
 * flag depends on its peers) whose rows are ahead of `computed_version`.
 *
 * Lock order (PostgreSQL): writers and refreshers both touch aggregate rows only in ascending
 * key order (scope, model_id, variant, runtime, backend, group_key), writers once per batch at its
 * end. Two transactions that lock rows in one order cannot deadlock; the earlier code upserted
 * per submission in arrival order and deadlocked (40P01) under 100 connections.
 */

const GROUP_KEY_COLUMNS = 'scope, model_id, variant, runtime, backend, group_key';

export interface GroupKey {
  scope: AggregateScope;
  modelId: string;
  variant: string;
  runtime: string;
  backend: string;
  groupKey: string;
  deviceClass: string;
  deviceId: string | null;
}

function tuple(k: GroupKey): string[] {
  return [k.scope, k.modelId, k.variant, k.runtime, k.backend, k.groupKey];
}

/** Ascending by the primary key, by code unit: the same order in every process. */
export function compareKeys(a: GroupKey, b: GroupKey): number {
  const ta = tuple(a);
  const tb = tuple(b);
  for (let i = 0; i < ta.length; i++) if (ta[i] !== tb[i]) return ta[i]! < tb[i]! ? -1 : 1;
  return 0;
}

/** Groups a batch of writes made dirty; marked once, in key order, when the batch ends. */
export class DirtyGroups {
  private readonly keys = new Map<string, GroupKey>();

  add(device: Pick<DeviceRecord, 'id' | 'class'>, results: readonly StoredResult[]): void {
    for (const r of results) {
      if (r.quarantineReasons.length > 0) continue;
      for (const scope of ['device', 'class'] as const) {
        const k: GroupKey = {
          scope,
          modelId: r.modelId,
          variant: r.variant,
          runtime: r.runtime,
          backend: r.backend,
          groupKey: scope === 'device' ? device.id : device.class,
          deviceClass: device.class,
          deviceId: scope === 'device' ? device.id : null,
        };
        this.keys.set(JSON.stringify(tuple(k)), k);
      }
    }
  }

  async mark(tx: SqlExecutor): Promise<void> {
    for (const k of [...this.keys.values()].sort(compareKeys)) {
      await tx.run(
        `INSERT INTO aggregates (${GROUP_KEY_COLUMNS}, device_class, device_id, version, computed_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 0)
         ON CONFLICT (${GROUP_KEY_COLUMNS}) DO UPDATE SET version = aggregates.version + 1`,
        [...tuple(k), k.deviceClass, k.deviceId],
      );
    }
    this.keys.clear();
  }
}

const RESULT_AGG_COLUMNS = [
  'submission_id',
  'device_id',
  'network_key',
  'latency_median_ms',
  ...METRIC_COLUMNS.flatMap((m) => [`${m}_value`, `${m}_low`, `${m}_high`, `${m}_method`]),
].join(', ');

const AGG_UPDATE_COLUMNS = [
  'n',
  'devices',
  'networks',
  'outlier',
  'support',
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

interface ClassGroup {
  modelId: string;
  variant: string;
  runtime: string;
  backend: string;
  deviceClass: string;
}

interface PlannedUpdate {
  key: GroupKey;
  agg: GroupAggregate;
  version: number;
  classOf: string;
}

/**
 * Recomputes up to `maxGroups` class groups that changed since they were last computed, in one
 * transaction (one commit per group made a cold start 10× slower; one huge transaction would hold
 * SQLite's write lock against submissions for seconds).
 */
export async function refreshDirtyGroups(driver: SqlDriver, maxGroups: number): Promise<RefreshPass> {
  // class rows are marked with every ranked result, so their dirty rows name every dirty group
  const dirty = await driver.all(
    `SELECT DISTINCT model_id, variant, runtime, backend, device_class FROM aggregates
     WHERE version > computed_version ORDER BY model_id, variant, runtime, backend, device_class LIMIT ?`,
    [maxGroups + 1],
  );
  const batch: ClassGroup[] = dirty.slice(0, maxGroups).map((r) => ({
    modelId: String(r.model_id),
    variant: String(r.variant),
    runtime: String(r.runtime),
    backend: String(r.backend),
    deviceClass: String(r.device_class),
  }));
  if (batch.length > 0) {
    await driver.transaction(async (tx) => {
      const planned: PlannedUpdate[] = [];
      for (const g of batch) planned.push(...(await planClassGroup(tx, g)));
      await applyInKeyOrder(tx, planned);
    });
  }
  return { recomputed: batch.length, remaining: dirty.length > maxGroups };
}

async function planClassGroup(db: SqlExecutor, g: ClassGroup): Promise<PlannedUpdate[]> {
  const where = 'model_id = ? AND variant = ? AND runtime = ? AND backend = ? AND device_class = ?';
  const params = [g.modelId, g.variant, g.runtime, g.backend, g.deviceClass];
  // naming both scopes lets the primary key (scope, model_id, …) serve the lookup
  const rows = await db.all(`SELECT scope, group_key, device_id, version FROM aggregates WHERE scope IN ('class', 'device') AND ${where}`, params);
  const results = await db.all<GroupResultRow>(`SELECT ${RESULT_AGG_COLUMNS} FROM results WHERE ${where} AND quarantined = 0`, params);
  const agg = aggregateClassGroup(results);
  const classOf = JSON.stringify(params);
  return rows.map((r) => {
    const scope = String(r.scope) as AggregateScope;
    const deviceId = r.device_id === null ? null : String(r.device_id);
    const key: GroupKey = { ...g, scope, groupKey: String(r.group_key), deviceId };
    const rowAgg = scope === 'class' ? agg.classRow : (agg.deviceRows.get(String(deviceId)) ?? EMPTY);
    return { key, agg: rowAgg, version: Number(r.version), classOf };
  });
}

const EMPTY: GroupAggregate = {
  n: 0,
  devices: 0,
  networks: 0,
  outlier: false,
  latency: null,
  metrics: Object.fromEntries(METRIC_COLUMNS.map((m) => [m, null])) as GroupAggregate['metrics'],
};

/**
 * Class rows first (their scope sorts first), guarded by the version this pass read: a class row
 * a newer pass already wrote is skipped, and so are its device rows, so a slow pass never puts
 * an older outlier verdict over a newer one. Two passes that read the same version read the same
 * results (results only change with a version bump), so either may write it.
 */
async function applyInKeyOrder(db: SqlExecutor, planned: PlannedUpdate[]): Promise<void> {
  const current = new Set<string>();
  for (const p of [...planned].sort((a, b) => compareKeys(a.key, b.key))) {
    const isClass = p.key.scope === 'class';
    if (!isClass && !current.has(p.classOf)) continue;
    const out = await db.run(
      `UPDATE aggregates SET ${AGG_UPDATE_COLUMNS.map((c) => `${c} = ?`).join(', ')}
       WHERE scope = ? AND model_id = ? AND variant = ? AND runtime = ? AND backend = ? AND group_key = ? AND computed_version <= ?`,
      [...updateValues(p.agg, p.key.scope, p.version), ...tuple(p.key), p.version],
    );
    if (isClass && out.changes > 0) current.add(p.classOf);
  }
}

function updateValues(agg: GroupAggregate, scope: AggregateScope, version: number): SqlValue[] {
  const support = agg.outlier ? 0 : scope === 'class' ? agg.devices : agg.n;
  const values: SqlValue[] = [agg.n, agg.devices, agg.networks, agg.outlier ? 1 : 0, support];
  values.push(agg.latency?.median ?? null, agg.latency?.p25 ?? null, agg.latency?.p75 ?? null);
  for (const m of METRIC_COLUMNS) {
    const a = agg.metrics[m];
    values.push(a?.n ?? 0, a?.median ?? null, a?.p25 ?? null, a?.p75 ?? null, a?.low ?? null, a?.high ?? null, a ? a.methods.join(',') : null);
  }
  values.push(agg.latency?.median ?? NO_VALUE_KEY);
  for (const m of METRIC_COLUMNS) values.push(agg.metrics[m]?.median ?? NO_VALUE_KEY);
  values.push(version);
  return values;
}
