/**
 * Reads while large submissions arrive (issue #13: ten 3.1 MB bundles in a burst made another
 * client's GET /api/leaderboard/models take a median 1.1 s). Not a test.
 *   npx tsx benchmarks/leaderboard-heavy-writes.ts [--bundles 10] [--results 200] [--samples 1000]
 * A real server on a loopback port (createApp + mountLeaderboard, SQLite in a temp folder, rate
 * limits and the ranking cache off, so every read reaches the store). For each intake mode it
 * posts --bundles large bundles at once and, meanwhile, reads the model list back to back,
 * reporting the reads' median and maximum. Modes: every body checked in one piece (the old
 * behaviour) and the default (bodies over 256 KiB checked one at a time, yielding between steps).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { quantileSorted } from 'simple-statistics';
import { listen } from '../src/cli/serve.js';
import { createApp } from '../src/server/create-app.js';
import { HEAVY_BODY_BYTES } from '../src/server/leaderboard/heavy-intake.js';
import { mountLeaderboard } from '../src/server/leaderboard/mount-leaderboard.js';
import { makeBundle, makeCompletedResult } from '../src/server/leaderboard/test-fixtures.js';
import { SqliteStore } from '../src/server/store/sqlite-store.js';

const { values } = parseArgs({ options: { bundles: { type: 'string' }, results: { type: 'string' }, samples: { type: 'string' } } });
const BUNDLES = Number(values.bundles ?? 10);
const RESULTS = Number(values.results ?? 200);
const SAMPLES = Number(values.samples ?? 1000);

async function run(label: string, heavyBodyBytes: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'edgewatt-heavy-'));
  const store = await SqliteStore.open(join(dir, 'lb.sqlite'));
  const app = createApp({ mount: (a) => mountLeaderboard(a, { store, rateLimit: false, cacheTtlMs: 0, heavyBodyBytes }) });
  const server = await listen(app, 0);
  try {
    const bodies = Array.from({ length: BUNDLES }, (_, b) =>
      JSON.stringify(makeBundle({ results: Array.from({ length: RESULTS }, (_, i) => makeCompletedResult({ seed: b * 1000 + i, samples: SAMPLES, modelId: `m${i % 10}` })) })),
    );
    const mb = (bodies[0]!.length / 1e6).toFixed(1);
    let writing = true;
    const reads: number[] = [];
    const reader = (async () => {
      while (writing) {
        const t0 = performance.now();
        await (await fetch(`${server.url}api/leaderboard/models`)).arrayBuffer();
        reads.push(performance.now() - t0);
      }
    })();
    const t0 = performance.now();
    const statuses = await Promise.all(
      bodies.map(async (body) => (await fetch(`${server.url}api/leaderboard/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status),
    );
    const writeMs = performance.now() - t0;
    writing = false;
    await reader;
    const sorted = [...reads].sort((a, b) => a - b);
    console.log(
      `${label}: ${BUNDLES} × ${mb} MB bundles in ${writeMs.toFixed(0)} ms (statuses ${[...new Set(statuses)].join(',')}); ` +
        `${reads.length} reads meanwhile: median ${quantileSorted(sorted, 0.5).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`,
    );
  } finally {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await run('checked in one piece', Number.POSITIVE_INFINITY);
await run(`over ${HEAVY_BODY_BYTES / 1024} KiB one at a time, yielding`, HEAVY_BODY_BYTES);
