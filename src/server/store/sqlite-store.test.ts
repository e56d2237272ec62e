import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeResultStore } from './result-store.suite.js';
import { SqliteStore } from './sqlite-store.js';

describeResultStore('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'edgewatt-store-'));
  return {
    open: () => SqliteStore.open(join(dir, 'nested', 'leaderboard.sqlite')),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
    writersInOneProcess: 1,
  };
});

describe('SqliteStore', () => {
  it('creates its folder and file on first use and runs in WAL mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgewatt-store-'));
    const path = join(dir, 'data', 'edgewatt.sqlite');
    try {
      const store = await SqliteStore.open(path);
      expect(existsSync(path)).toBe(true);
      expect(store.journalMode).toBe('wal');
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
