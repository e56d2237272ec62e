/** The two SQL dialects the store speaks. SQL text is shared; only placeholders differ. */
export type Dialect = 'sqlite' | 'postgres';

export type SqlValue = string | number | null;
export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  /** `?` placeholders in the text; the driver rewrites them for its dialect */
  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
}

/**
 * One query layer over better-sqlite3 and pg. The store writes dialect-neutral SQL against it:
 * `ON CONFLICT`, `NULLS LAST`, `CAST(… AS INTEGER)` and partial indexes mean the same in both.
 */
export interface SqlDriver extends SqlExecutor {
  readonly dialect: Dialect;
  /** Runs `fn` atomically; rolls back when it throws. Statements inside must use `tx`. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Several statements separated by `;` (migrations), no parameters. */
  exec(sql: string): Promise<void>;
  /** Serialises concurrent migrators (postgres: an advisory lock held until the transaction ends). */
  lockForMigration(tx: SqlExecutor): Promise<void>;
  /**
   * Serialises transactions that write submissions, across processes (postgres: an advisory lock
   * held until the transaction ends; SQLite's one write lock already does it). Concurrent batches
   * inserting the same new device or record id in different orders would otherwise deadlock.
   */
  lockForWrites(tx: SqlExecutor): Promise<void>;
  /** Refreshes the planner's statistics after large changes (rankings depend on good plans). */
  analyze(table: string): Promise<void>;
  close(): Promise<void>;
}

/** `?` → `$1, $2, …` for pg. The store's SQL never contains a literal `?`. */
export function toNumberedPlaceholders(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}
