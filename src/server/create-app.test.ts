import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_SHELL_CSP } from './app-shell-headers.js';
import { createApp } from './create-app.js';
import { mountLeaderboard } from './leaderboard/mount-leaderboard.js';
import { SqliteStore } from './store/sqlite-store.js';

let dir: string;
let store: SqliteStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'edgewatt-dist-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>edgewatt</title><script type="module" src="/assets/index.js"></script>');
  writeFileSync(join(dir, 'app.js'), 'export {};');
  store = await SqliteStore.open(':memory:');
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createApp security headers', () => {
  it('gives the app shell a CSP that allows WebAssembly and our workers, forbids framing and sniffing', async () => {
    const app = createApp({ distDir: dir, modelsDir: dir, mount: (a) => mountLeaderboard(a, { store }) });
    for (const path of ['/', '/history', '/index.html']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toBe(APP_SHELL_CSP);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('cross-origin-embedder-policy'), path).toBe('require-corp');
    }
    const csp = Object.fromEntries(APP_SHELL_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(csp['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", 'blob:']);
    expect(csp['script-src']).not.toContain("'unsafe-eval'");
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['worker-src']).toContain("'self'");
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    // scripts are not HTML: no document CSP on them, but nosniff and isolation still
    const js = await app.request('/app.js');
    expect(js.headers.get('content-security-policy')).toBeNull();
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('leaves the leaderboard pages their own stricter policy', async () => {
    const app = createApp({ distDir: dir, modelsDir: dir, mount: (a) => mountLeaderboard(a, { store }) });
    const res = await app.request('/leaderboard');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it("serves the zoo's files but not its expected output digests, the leaderboard's answer key", async () => {
    writeFileSync(join(dir, 'manifest.json'), '{}');
    writeFileSync(join(dir, 'expected-digests.json'), '{}');
    const app = createApp({ distDir: dir, modelsDir: dir });
    expect((await app.request('/models/manifest.json')).status).toBe(200);
    expect((await app.request('/models/expected-digests.json')).status).toBe(404);
  });
});
