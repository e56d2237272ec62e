import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from './sql-driver.js';

/**
 * better-sqlite3 is synchronous, but the store's code is async (shared with pg). Between two
 * awaits of one transaction another request's statement could run on the same connection and
 * land inside that transaction, so every statement and transaction takes a FIFO lock.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a power cut can lose the last commits but never corrupts the file
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // ANALYZE samples at most this many index rows: approximate statistics in milliseconds
    this.db.pragma('analysis_limit = 1000');
  }

  get journalMode(): string {
    return String(this.db.pragma('journal_mode', { simple: true }));
  }

  all<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.locked(() => this.direct.all<T>(sql, params));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return this.locked(() => this.direct.run(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.locked(async () => {
      this.db.exec(sql);
    });
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.locked(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(this.direct);
        this.db.exec('COMMIT');
        return out;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  analyze(table: string): Promise<void> {
    return this.locked(async () => {
      this.db.exec(`ANALYZE ${table}`);
    });
  }

  async lockForMigration(): Promise<void> {
    // BEGIN IMMEDIATE already holds SQLite's single write lock
  }

  async lockForWrites(): Promise<void> {
    // BEGIN IMMEDIATE: one writer at a time already
  }

  async close(): Promise<void> {
    await this.locked(async () => this.db.close());
  }

  /** Unlocked executor: for use inside a held lock only. */
  private readonly direct: SqlExecutor = {
    all: async <T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) =>
      this.prepare(sql).all(...params) as T[],
    run: async (sql: string, params: readonly SqlValue[] = []) => ({ changes: this.prepare(sql).run(...params).changes }),
  };

  private prepare(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
