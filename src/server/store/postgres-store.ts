import { PostgresDriver } from './postgres-driver.js';
import { SqlResultStore } from './sql-result-store.js';

/** The store for scale: PostgreSQL at `connectionString` (e.g. from DATABASE_URL). */
export class PostgresStore extends SqlResultStore {
  static async open(connectionString: string, poolSize?: number): Promise<PostgresStore> {
    const driver = new PostgresDriver(connectionString, poolSize);
    await SqlResultStore.prepare(driver);
    return new PostgresStore('postgres', driver);
  }
}
