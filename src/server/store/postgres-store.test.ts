import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { PostgresStore } from './postgres-store.js';
import { describeResultStore } from './result-store.suite.js';

const url = process.env.EDGEWATT_TEST_DATABASE_URL;

if (!url) {
  console.warn('PostgreSQL store suite SKIPPED: set EDGEWATT_TEST_DATABASE_URL (scripts/start-test-postgres.sh prints one)');
}

// skipped, and listed as skipped in the report, only when no server was given
describe.skipIf(!url)('PostgresStore (EDGEWATT_TEST_DATABASE_URL)', () => {
  // each test gets its own schema, so parallel runs and leftovers never meet
  describeResultStore('postgres', async () => {
    const schema = `edgewatt_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const scoped = new URL(url!);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    return {
      open: () => PostgresStore.open(scoped.toString()),
      dispose: async () => {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  });
});
