import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, openStoreFromEnv, storeNames } from './store-registry.js';

describe('store registry', () => {
  it('has the sqlite and postgres stores', () => {
    expect(storeNames()).toEqual(['sqlite', 'postgres']);
  });

  it('opens SQLite at EDGEWATT_SQLITE_PATH when DATABASE_URL is not set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgewatt-registry-'));
    try {
      const path = join(dir, 'lb.sqlite');
      const { store, description } = await openStoreFromEnv({ EDGEWATT_SQLITE_PATH: path });
      expect(store.kind).toBe('sqlite');
      expect(description).toBe(`SQLite (WAL) at ${path}`);
      expect(existsSync(path)).toBe(true);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('chooses PostgreSQL when DATABASE_URL is set, and a refused connection is an error, not a silent fallback', async () => {
    // port 1 on loopback: nothing listens there
    await expect(openStoreFromEnv({ DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/db' })).rejects.toThrow(/ECONNREFUSED|connect/);
  });

  it('names the known stores when asked for an unknown one', async () => {
    await expect(openStore('mysql')).rejects.toThrow(/unknown result store "mysql"; known: sqlite, postgres/);
  });
});
