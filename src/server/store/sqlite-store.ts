import { SqliteDriver } from './sqlite-driver.js';
import { SqlResultStore } from './sql-result-store.js';

/** `data/` is git-ignored; the file and its folder are created on first use. */
export const DEFAULT_SQLITE_PATH = 'data/edgewatt.sqlite';

/** The embedded default store: one SQLite file in WAL mode. `:memory:` gives a throw-away store. */
export class SqliteStore extends SqlResultStore {
  static async open(path: string = DEFAULT_SQLITE_PATH): Promise<SqliteStore> {
    const driver = new SqliteDriver(path);
    await SqlResultStore.prepare(driver);
    return new SqliteStore('sqlite', driver);
  }

  /** 'wal' for a file database (':memory:' reports 'memory'). */
  get journalMode(): string {
    return (this.driver as SqliteDriver).journalMode;
  }
}
