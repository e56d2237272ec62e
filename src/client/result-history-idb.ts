import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ResultRecord } from '../core/result-schema.js';
import { resultRecordSchema } from '../core/result-schema.js';

interface HistoryDb extends DBSchema {
  results: { key: string; value: ResultRecord; indexes: { createdAt: string } };
}

/**
 * Every record is written the moment it exists, so a crash, a reload or a closed tab loses
 * nothing already measured. Records that no longer parse (older schema) are skipped on read.
 */
export class ResultHistory {
  private constructor(private readonly db: IDBPDatabase<HistoryDb>) {}

  static async open(name = 'edgewatt'): Promise<ResultHistory> {
    const db = await openDB<HistoryDb>(name, 1, {
      upgrade(d) {
        d.createObjectStore('results', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      },
    });
    return new ResultHistory(db);
  }

  async add(record: ResultRecord): Promise<void> {
    await this.db.put('results', record);
  }

  async all(): Promise<ResultRecord[]> {
    const rows = await this.db.getAllFromIndex('results', 'createdAt');
    return rows.flatMap((r) => {
      const parsed = resultRecordSchema.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async clear(): Promise<void> {
    await this.db.clear('results');
  }
}
