import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { findChromium, QUIET_ARGS, WEBGPU_ARG } from './src/cli/find-chromium.js';

const PORT = Number(process.env.EDGEWATT_E2E_PORT ?? 4317);
// a fresh leaderboard database per test run (workers inherit the variable from the main process)
process.env.EDGEWATT_E2E_SQLITE_PATH ??= path.join(os.tmpdir(), `edgewatt-e2e-${process.pid}.sqlite`);

/**
 * e2e runs against the real `npm start` server (built app, generated models) in Debian's
 * Chromium with WebGPU on. `scripts/prepare-test.ts` (run by `npm test`) installs Chromium and
 * builds everything first, so the webServer only has to listen.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 10 * 60_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${PORT}/`,
    launchOptions: { executablePath: findChromium() ?? undefined, args: [...QUIET_ARGS, WEBGPU_ARG] },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: {
    command: `npx tsx src/cli/start.ts --port ${PORT}`,
    url: `http://localhost:${PORT}/models/manifest.json`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'pipe',
    // one browser on one network shares here: rows rank after one submission from one network
    env: { EDGEWATT_SQLITE_PATH: process.env.EDGEWATT_E2E_SQLITE_PATH, EDGEWATT_PUBLIC_MIN_N: '1', EDGEWATT_PUBLIC_MIN_NETWORKS: '1' },
  },
});
