import type { ResultStore } from './result-store.js';
import { PostgresStore } from './postgres-store.js';
import { DEFAULT_SQLITE_PATH, SqliteStore } from './sqlite-store.js';

export interface StoreConfig {
  /** sqlite: file path, ':memory:' for a throw-away store */
  sqlitePath?: string;
  /** postgres: a connection string such as postgres://user:pass@host:5432/db */
  databaseUrl?: string;
}

export interface StoreFactory {
  readonly name: string;
  open(config: StoreConfig): Promise<ResultStore>;
  /** a human line for the start-up log; never includes a password */
  describe(config: StoreConfig): string;
}

const factories = new Map<string, StoreFactory>();

export function registerStore(factory: StoreFactory): void {
  factories.set(factory.name, factory);
}

export function storeNames(): string[] {
  return [...factories.keys()];
}

export async function openStore(name: string, config: StoreConfig = {}): Promise<ResultStore> {
  const factory = factories.get(name);
  if (!factory) throw new Error(`unknown result store "${name}"; known: ${storeNames().join(', ')}`);
  return factory.open(config);
}

registerStore({
  name: 'sqlite',
  open: (c) => SqliteStore.open(c.sqlitePath ?? DEFAULT_SQLITE_PATH),
  describe: (c) => `SQLite (WAL) at ${c.sqlitePath ?? DEFAULT_SQLITE_PATH}`,
});

registerStore({
  name: 'postgres',
  open: (c) => {
    if (!c.databaseUrl) throw new Error('the postgres store needs a connection string (DATABASE_URL)');
    return PostgresStore.open(c.databaseUrl);
  },
  describe: (c) => `PostgreSQL at ${redact(c.databaseUrl ?? '')}`,
});

/**
 * The store `npm start` uses: PostgreSQL when DATABASE_URL is set, else SQLite at
 * EDGEWATT_SQLITE_PATH (default data/edgewatt.sqlite).
 */
export async function openStoreFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<{ store: ResultStore; description: string }> {
  const name = env.DATABASE_URL ? 'postgres' : 'sqlite';
  const config: StoreConfig = { databaseUrl: env.DATABASE_URL, sqlitePath: env.EDGEWATT_SQLITE_PATH || undefined };
  const factory = factories.get(name);
  if (!factory) throw new Error(`result store "${name}" is not registered`);
  return { store: await factory.open(config), description: factory.describe(config) };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
