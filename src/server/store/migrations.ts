import type { SqlDriver } from './sql-driver.js';

export interface Migration {
  version: number;
  name: string;
  /** dialect-neutral DDL; statements separated by `;` */
  sql: string;
}

/** Per-metric aggregate columns, shared by the migration and the queries. */
export const METRIC_COLUMNS = ['energy', 'carbon', 'sci'] as const;

/** Every metric a ranking can sort by; each has a `<metric>_key` column (migration 2). */
export const RANK_COLUMNS = ['latency', ...METRIC_COLUMNS] as const;

/** Ties in a ranking break on the primary key, so pages are stable; the rank indexes end with it. */
export const RANK_TIEBREAK = 'model_id, variant, runtime, backend, group_key';

/** Sort key of a row without that metric: larger than any real value, so it ranks last. */
export const NO_VALUE_KEY = 1e308;

const metricResultColumns = METRIC_COLUMNS.map(
  (m) => `${m}_value DOUBLE PRECISION, ${m}_low DOUBLE PRECISION, ${m}_high DOUBLE PRECISION, ${m}_method TEXT`,
).join(',\n  ');

const metricAggregateColumns = METRIC_COLUMNS.map(
  (m) =>
    `${m}_n INTEGER NOT NULL DEFAULT 0, ${m}_median DOUBLE PRECISION, ${m}_p25 DOUBLE PRECISION, ` +
    `${m}_p75 DOUBLE PRECISION, ${m}_low DOUBLE PRECISION, ${m}_high DOUBLE PRECISION, ${m}_methods TEXT`,
).join(',\n  ');

/**
 * Append only: a released migration never changes. Types are chosen so one text serves both
 * engines (SQLite maps DOUBLE PRECISION to REAL affinity; flags are INTEGER 0/1 in both).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'submissions, devices, results, aggregates',
    sql: `
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  class TEXT NOT NULL,
  platform TEXT NOT NULL,
  model TEXT,
  gpu_vendor TEXT,
  gpu_architecture TEXT,
  cores INTEGER NOT NULL,
  memory_gib DOUBLE PRECISION,
  label TEXT NOT NULL
);
CREATE TABLE submissions (
  id TEXT PRIMARY KEY,
  received_at TEXT NOT NULL,
  bundle_version INTEGER NOT NULL,
  payload_sha256 TEXT NOT NULL,
  device_id TEXT NOT NULL REFERENCES devices(id),
  result_count INTEGER NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX submissions_device ON submissions (device_id);
CREATE TABLE results (
  record_id TEXT PRIMARY KEY,
  submission_id TEXT NOT NULL REFERENCES submissions(id),
  device_id TEXT NOT NULL REFERENCES devices(id),
  device_class TEXT NOT NULL,
  model_id TEXT NOT NULL,
  variant TEXT NOT NULL,
  runtime TEXT NOT NULL,
  backend TEXT NOT NULL,
  requested_backend TEXT NOT NULL,
  latency_median_ms DOUBLE PRECISION NOT NULL,
  samples INTEGER NOT NULL,
  ${metricResultColumns},
  quarantined INTEGER NOT NULL,
  quarantine_reasons TEXT NOT NULL
);
CREATE INDEX results_submission ON results (submission_id);
CREATE INDEX results_device_group ON results (model_id, variant, runtime, backend, device_id);
CREATE INDEX results_class_group ON results (model_id, variant, runtime, backend, device_class);
CREATE TABLE aggregates (
  scope TEXT NOT NULL,
  model_id TEXT NOT NULL,
  variant TEXT NOT NULL,
  runtime TEXT NOT NULL,
  backend TEXT NOT NULL,
  group_key TEXT NOT NULL,
  device_class TEXT NOT NULL,
  device_id TEXT,
  version INTEGER NOT NULL,
  computed_version INTEGER NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  latency_median DOUBLE PRECISION,
  latency_p25 DOUBLE PRECISION,
  latency_p75 DOUBLE PRECISION,
  ${metricAggregateColumns},
  PRIMARY KEY (scope, model_id, variant, runtime, backend, group_key)
);
CREATE INDEX aggregates_dirty ON aggregates (scope) WHERE version > computed_version;
CREATE INDEX aggregates_scope_n ON aggregates (scope, n);
CREATE INDEX aggregates_device ON aggregates (device_id);
`,
  },
  {
    version: 2,
    name: 'never-null sort keys with indexes; a covering index for counting public rows',
    // NULLs sort first in SQLite and last in PostgreSQL; a finite sentinel orders the same in both
    sql: `
${RANK_COLUMNS.map((m) => `ALTER TABLE aggregates ADD COLUMN ${m}_key DOUBLE PRECISION NOT NULL DEFAULT ${NO_VALUE_KEY}`).join(';\n')};
${RANK_COLUMNS.map((m) => `CREATE INDEX aggregates_rank_${m} ON aggregates (scope, ${m}_key, ${RANK_TIEBREAK})`).join(';\n')};
DROP INDEX aggregates_scope_n;
CREATE INDEX aggregates_public ON aggregates (scope, n, model_id, variant, runtime, backend, device_class, device_id);
UPDATE aggregates SET computed_version = 0
`,
  },
  {
    version: 3,
    name: 'per-model rank and count indexes',
    // Per-model pages filter by model and sort by a metric. Without these, SQLite took the primary
    // key (scope, model_id), sorted every row of the model and counted through all public rows:
    // 1.8 + 0.9 ms at 100 k results, growing with the model's rows; with them 0.3 + 0.07 ms.
    sql: `
${RANK_COLUMNS.map((m) => `CREATE INDEX aggregates_model_rank_${m} ON aggregates (scope, model_id, ${m}_key, variant, runtime, backend, group_key)`).join(';\n')};
CREATE INDEX aggregates_model_public ON aggregates (scope, model_id, n)
`,
  },
  {
    version: 4,
    name: 'corroboration: network keys on results; devices, networks, outlier and support on aggregates',
    // support: what a row needs minN of to be ranked (device rows: submissions, class rows:
    // devices), 0 for an outlier. Stored rows without a network key count as one network each.
    sql: `
ALTER TABLE results ADD COLUMN network_key TEXT NOT NULL DEFAULT '';
ALTER TABLE aggregates ADD COLUMN devices INTEGER NOT NULL DEFAULT 0;
ALTER TABLE aggregates ADD COLUMN networks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE aggregates ADD COLUMN outlier INTEGER NOT NULL DEFAULT 0;
ALTER TABLE aggregates ADD COLUMN support INTEGER NOT NULL DEFAULT 0;
CREATE INDEX aggregates_support ON aggregates (scope, support, networks, model_id, variant, runtime, backend, device_class, device_id);
CREATE INDEX aggregates_model_support ON aggregates (scope, model_id, support, networks);
UPDATE aggregates SET computed_version = 0
`,
  },
];

/** Applies pending migrations in one transaction; safe to call from several processes at once. */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return driver.transaction(async (tx) => {
    await driver.lockForMigration(tx);
    await tx.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const done = new Set(
      (await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
    );
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const statement of splitStatements(m.sql)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      applied.push(m.version);
    }
    return applied;
  });
}

function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
