/**
 * Leaderboard load benchmark (not a test): a real server on a free loopback port, hit by
 * autocannon from another process.
 *   npx tsx benchmarks/leaderboard-load.ts [--seconds 10] [--results 100000] [--connections 10] [--query-rate 100] [--database-url postgres://…]
 * 1. seeds a fresh SQLite file (WAL) with --results stored results,
 * 2. sustained submissions/s and latency p99 (realistic 3-record bundles, fresh UUIDs each),
 *    against a server that first recomputes every ranking (timed: the cold-start cost),
 * 3. leaderboard queries over a mix of filters and sorts on that database, first with every query
 *    hitting SQLite, then with the default 1 s ranking cache of mountLeaderboard:
 *    - steady --query-rate with Poisson arrivals from an open-loop client (leaderboard-paced-client.ts):
 *      the p99 of one query under that load, as the client sees it and as the server's
 *      Server-Timing header reports its own handling time;
 *    - the same rate through autocannon's `overallRate`, kept for comparison: it sends each
 *      second's quota in one burst at the top of the second, so its p99 is the back of a 100-deep queue;
 *    - saturated (throughput; its p99 is mostly queueing).
 * 4. a floor: a tiny 404 (no database) the same two ways, so the client's own share is visible.
 * The server runs the production stack (createApp + mountLeaderboard) with the rate limiter off.
 * Targets (issue 5): ≥ 500 submissions/s, query p99 < 20 ms (judged on the steady open-loop figure).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { quantileSorted } from 'simple-statistics';
import { listen } from '../src/cli/serve.js';
import { createApp } from '../src/server/create-app.js';
import { parseLeaderboardParams } from '../src/server/leaderboard/leaderboard-query.js';
import { DEFAULT_CACHE_TTL_MS, mountLeaderboard } from '../src/server/leaderboard/mount-leaderboard.js';
import { makeBundle, makeCompletedResult, makeDevice } from '../src/server/leaderboard/test-fixtures.js';
import { PostgresStore } from '../src/server/store/postgres-store.js';
import type { ResultStore } from '../src/server/store/result-store.js';
import { SqliteStore } from '../src/server/store/sqlite-store.js';
import { formatQuantiles, pacedLoad, type PacedResult } from './leaderboard-paced-client.js';
import { seedStore } from './leaderboard-seed.js';

const API = '/api/leaderboard';

const QUERIES = [
  '/leaderboard',
  '/leaderboard?sort=latency&modelId=ppocr-det',
  '/leaderboard?deviceClass=phone&backend=wasm&sort=energy',
  '/leaderboard?scope=class&sort=sci',
  '/leaderboard?modelId=mobilenet-v2&variant=int8&runtime=ort&sort=carbon&offset=100',
  '/models/yolo-nano',
];

/** `dbPath` is a SQLite file, or a postgres:// URL (--database-url): the same benchmark against either store. */
function openStore(dbPath: string): Promise<ResultStore> {
  return dbPath.startsWith('postgres') ? PostgresStore.open(dbPath) : SqliteStore.open(dbPath);
}

async function serveMode(dbPath: string, cacheTtlMs: number): Promise<void> {
  const store = await openStore(dbPath);
  // as `npm start` composes it (isolation headers, static files behind the API), minus a built app
  const noFiles = mkdtempSync(join(tmpdir(), 'edgewatt-lb-bench-no-files-'));
  // the flood limiter would (rightly) stop a single-address load generator
  const app = createApp({ distDir: noFiles, modelsDir: noFiles, mount: (a) => mountLeaderboard(a, { store, rateLimit: false, cacheTtlMs }) });
  const t0 = performance.now();
  await store.refreshAggregates();
  const refreshMs = performance.now() - t0;
  const server = await listen(app, 0);
  process.stdout.write(`${JSON.stringify({ port: server.port, refreshMs })}\n`);
  process.on('SIGTERM', () =>
    void server
      .close()
      .then(() => store.close())
      .then(() => rmSync(noFiles, { recursive: true, force: true }))
      .then(() => process.exit(0)),
  );
}

function startServer(dbPath: string, cacheTtlMs: number): Promise<{ child: ChildProcess; port: number; refreshMs: number }> {
  // EDGEWATT_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server process
  const extra = (process.env.EDGEWATT_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', new URL(import.meta.url).pathname, '--serve', dbPath, '--cache-ms', String(cacheTtlMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n') && line) resolve({ child, ...(JSON.parse(line) as { port: number; refreshMs: number }) });
    });
    child.on('exit', (code) => reject(new Error(`server exited early (code ${code})`)));
  });
}

/** Bundle bodies whose ids are swapped for fresh UUIDs on every request (string split/join, cheap). */
function submissionBodies(): Array<{ parts: string[] }> {
  const devices = [makeDevice(), makeDevice({ model: 'Pixel 8' }), makeDevice({ class: 'laptop', platform: 'Linux', model: null, cores: 16 })];
  return devices.flatMap((device, d) =>
    ['ppocr-cls', 'mobilenet-v2'].map((modelId, m) => {
      const bundle = makeBundle({
        device,
        results: (['wasm', 'webgpu', 'wasm'] as const).map((backend, i) =>
          makeCompletedResult({ seed: d * 10 + m * 3 + i, modelId, backend, variant: i === 2 ? 'int8' : 'fp32', medianMs: 5 + 10 * m + i }),
        ),
      });
      const ids = [bundle.submissionId, ...bundle.results.map((r) => r.id)];
      let json = JSON.stringify(bundle);
      for (const id of ids) json = json.split(id).join('\u0000');
      return { parts: json.split('\u0000') };
    }),
  );
}

/** The same query mix straight against the store: what the database part of a query costs. */
async function storeQueryLatency(dbPath: string): Promise<{ n: number; p50: number; p99: number }> {
  const store = await openStore(dbPath);
  const times: number[] = [];
  try {
    for (let i = 0; i < 600; i++) {
      const path = QUERIES[i % QUERIES.length]!;
      const [route, search = ''] = path.split('?');
      const params = Object.fromEntries(new URLSearchParams(search));
      const modelId = route!.startsWith('/models/') ? route!.slice('/models/'.length) : undefined;
      const parsed = parseLeaderboardParams(params, { minN: 3, minNetworks: 2 }, modelId ? { modelId } : {});
      if (!parsed.ok) throw new Error(parsed.message);
      const t0 = performance.now();
      await store.leaderboard(parsed.query);
      times.push(performance.now() - t0);
    }
  } finally {
    await store.close();
  }
  times.sort((a, b) => a - b);
  return { n: times.length, p50: quantileSorted(times, 0.5), p99: quantileSorted(times, 0.99) };
}

function fill(parts: string[]): string {
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += randomUUID() + parts[i]!;
  return out;
}

function pacedSummary(name: string, r: PacedResult): string {
  const failed = r.errors + Object.entries(r.statuses).reduce((n, [code, count]) => n + (code.startsWith('2') || code === '404' ? 0 : count), 0);
  return (
    `${name}: ${r.sent} requests, status ${JSON.stringify(r.statuses)}${failed ? `, ${failed} FAILED` : ''}\n` +
    `  client-observed latency ${formatQuantiles(r.latencyMs)}\n` +
    `  server handling (Server-Timing) ${formatQuantiles(r.serverMs)}\n` +
    `  client send lag vs schedule ${formatQuantiles(r.sendLagMs)}`
  );
}

function summary(name: string, r: Result): string {
  const ok = r['2xx'];
  return `${name}: ${(ok / r.duration).toFixed(0)} ok responses/s over ${r.duration.toFixed(1)} s; latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; non-2xx ${r.non2xx}, errors ${r.errors}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      'cache-ms': { type: 'string' },
      seconds: { type: 'string' },
      results: { type: 'string' },
      connections: { type: 'string' },
      'query-rate': { type: 'string' },
      /** keep the seeded database here and reuse it on the next run (skips seeding) */
      db: { type: 'string' },
      /** run against PostgreSQL instead: an empty database (its tables are created; existing rows would skew the figures) */
      'database-url': { type: 'string' },
    },
  });
  if (values.serve) return serveMode(values.serve, Number(values['cache-ms'] ?? 0));
  const seconds = Number(values.seconds ?? 10);
  const resultCount = Number(values.results ?? 100_000);
  const connections = Number(values.connections ?? 10);
  const queryRate = Number(values['query-rate'] ?? 100);
  const dir = mkdtempSync(join(tmpdir(), 'edgewatt-lb-bench-'));
  const pgUrl = values['database-url'];
  const dbPath = pgUrl ?? values.db ?? join(dir, 'edgewatt.sqlite');
  const storeName = pgUrl ? 'PostgreSQL' : 'SQLite (WAL)';
  let child: ChildProcess | undefined;
  try {
    if (!pgUrl && values.db && existsSync(values.db)) {
      console.log(`reusing ${values.db} (${(statSync(dbPath).size / 1e6).toFixed(0)} MB), not seeding`);
    } else {
      const seeding = await openStore(dbPath);
      const seeded = await seedStore(seeding, { results: resultCount });
      await seeding.close();
      console.log(`${storeName}: seeded ${resultCount} results in ${seeded.submissions} submissions in ${(seeded.ms / 1000).toFixed(1)} s${pgUrl ? '' : `; file ${(statSync(dbPath).size / 1e6).toFixed(0)} MB`}`);
    }

    console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share these cores)`);
    // phase 1: submissions (the server first brings every ranking up to date: a cold start)
    let server = await startServer(dbPath, 0);
    child = server.child;
    let url = `http://127.0.0.1:${server.port}`;
    console.log(`start-up: all rankings recomputed from ${resultCount}+ results in ${(server.refreshMs / 1000).toFixed(1)} s`);
    const bodies = submissionBodies();
    let next = 0;
    const submit = await autocannon({
      url,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: `${API}/submissions`,
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: fill(bodies[next++ % bodies.length]!.parts) }),
        },
      ],
    });
    console.log(`${summary(`submissions (3 records, ~${Math.round(fill(bodies[0]!.parts).length / 1024)} KiB each)`, submit)}; status ${JSON.stringify(submit.statusCodeStats)}`);

    // phase 2: reads with every query hitting SQLite, after the new submissions are folded in
    child.kill('SIGTERM');
    server = await startServer(dbPath, 0);
    child = server.child;
    url = `http://127.0.0.1:${server.port}`;
    console.log(`folding ${submit['2xx']} new submissions into the rankings took ${server.refreshMs.toFixed(0)} ms`);
    const reads = async (label: string) => {
      let q = 0;
      const at = (overallRate?: number) =>
        autocannon({
          url,
          connections,
          duration: seconds,
          overallRate,
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `${API}${QUERIES[q++ % QUERIES.length]}` }) }],
        });
      const steady = await pacedLoad({ baseUrl: url, paths: QUERIES.map((p) => `${API}${p}`), ratePerS: queryRate, seconds });
      console.log(pacedSummary(`queries ${label}, steady ${queryRate}/s (open loop, Poisson arrivals)`, steady));
      const bursts = await at(queryRate);
      console.log(summary(`queries ${label}, autocannon -R ${queryRate} (bursts of ${queryRate} at the top of each second)`, bursts));
      const saturated = await at();
      console.log(summary(`queries ${label}, saturated (${connections} connections)`, saturated));
      return { steady, bursts };
    };
    console.log(`query mix: ${QUERIES.length} filters/sorts, 100 rows (~90 KB JSON) each, on ${resultCount}+ stored results`);
    const uncached = await reads('uncached');

    // phase 3: as mounted by default, with the 1 s ranking cache
    child.kill('SIGTERM');
    server = await startServer(dbPath, DEFAULT_CACHE_TTL_MS);
    child = server.child;
    url = `http://127.0.0.1:${server.port}`;
    const cached = await reads(`with the default ${DEFAULT_CACHE_TTL_MS} ms ranking cache`);
    // what this machine, the HTTP stack and the client cost with no work at all: a tiny 404 at the same rate
    const floor = await pacedLoad({ baseUrl: url, paths: [`${API}/no-such-endpoint`], ratePerS: queryRate, seconds });
    console.log(pacedSummary(`floor (tiny 404, no database), steady ${queryRate}/s`, floor));
    const floorBursts = await autocannon({ url: `${url}${API}/no-such-endpoint`, connections, duration: seconds, overallRate: queryRate });
    console.log(`floor (tiny 404), autocannon -R ${queryRate}: latency p50 ${floorBursts.latency.p50} ms, p99 ${floorBursts.latency.p99} ms`);

    child.kill('SIGTERM');
    child = undefined;
    const inProcess = await storeQueryLatency(dbPath);
    console.log(`store queries in process (no HTTP, uncached, same mix, ${inProcess.n} sequential): p50 ${inProcess.p50.toFixed(2)} ms, p99 ${inProcess.p99.toFixed(2)} ms`);

    const subRate = submit['2xx'] / submit.duration;
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const p99 = (r: PacedResult) => r.latencyMs.p99;
    console.log(
      `targets (${storeName}): submissions ≥ ${pgUrl ? 300 : 500}/s → ${subRate.toFixed(0)}/s ${verdict(subRate >= (pgUrl ? 300 : 500))} with ${submit.non2xx} non-2xx; ` +
        `query p99 < 20 ms at ${queryRate}/s (open loop, client-observed) → uncached ${p99(uncached.steady).toFixed(1)} ms ${verdict(p99(uncached.steady) < 20)}, ` +
        `cached ${p99(cached.steady).toFixed(1)} ms ${verdict(p99(cached.steady) < 20)}, store alone ${inProcess.p99.toFixed(1)} ms ${verdict(inProcess.p99 < 20)}; ` +
        `autocannon -R bursts: uncached ${uncached.bursts.latency.p99} ms, cached ${cached.bursts.latency.p99} ms`,
    );
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
