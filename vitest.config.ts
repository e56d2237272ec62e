import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'models/**/*.test.ts', 'scripts/**/*.test.ts', 'benchmarks/**/*.test.ts'],
    environment: 'node',
    // two cores here: keep workers modest so ORT-in-Node tests do not starve each other
    maxWorkers: 2,
    testTimeout: 60_000,
    // setup hooks build models and load real ones; on a busy 2-core runner that can take tens of seconds
    hookTimeout: 60_000,
  },
});
