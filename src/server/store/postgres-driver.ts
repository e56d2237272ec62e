import pg from 'pg';
import { toNumberedPlaceholders, type SqlDriver, type SqlExecutor, type SqlRow, type SqlValue } from './sql-driver.js';

/** An arbitrary constant naming edgewatt's migration lock among other users of the database. */
const MIGRATION_LOCK_KEY = 7_302_541;
const WRITE_LOCK_KEY = 7_302_542;

export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(connectionString: string, poolSize = 10) {
    this.pool = new pg.Pool({ connectionString, max: poolSize });
    // an idle client losing its connection must not crash the process; the next query reconnects
    this.pool.on('error', () => undefined);
  }

  all<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return executorOf(this.pool).all<T>(sql, params);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return executorOf(this.pool).run(sql, params);
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(executorOf(client));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async analyze(table: string): Promise<void> {
    await this.pool.query(`ANALYZE ${table}`);
  }

  async lockForMigration(tx: SqlExecutor): Promise<void> {
    await tx.all('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
  }

  async lockForWrites(tx: SqlExecutor): Promise<void> {
    await tx.all('SELECT pg_advisory_xact_lock(?)', [WRITE_LOCK_KEY]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function executorOf(q: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    all: async <T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) =>
      (await q.query(toNumberedPlaceholders(sql), params as SqlValue[])).rows as T[],
    run: async (sql: string, params: readonly SqlValue[] = []) => ({
      changes: (await q.query(toNumberedPlaceholders(sql), params as SqlValue[])).rowCount ?? 0,
    }),
  };
}
