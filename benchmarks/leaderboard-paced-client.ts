import http from 'node:http';
import { quantileSorted } from 'simple-statistics';
import { seededRandom } from '../src/core/seeded-random.js';

/**
 * An open-loop HTTP client for "p99 at N requests/s": requests start at Poisson arrival times
 * (seeded), each on a free keep-alive connection, whether or not earlier ones have answered.
 *
 * Why not autocannon's `overallRate`: autocannon 9 gives each connection a quota per second and
 * sends it back to back as soon as the second starts (lib/httpClient.js, `reqsMadeThisSecond`),
 * so "100/s over 10 connections" is a burst of 100 requests, 10 in flight, at the top of every
 * second. Its p99 is then the wait at the back of that burst, not one query's latency at 100/s.
 *
 * Latency counts from when the client actually sent the request (queueing at the server, in the
 * kernel and in the agent's queue included). How late the client itself sent, against the
 * schedule, is reported apart: a client starved of CPU shows up there instead of being blamed
 * on the server. The server's own handling time comes from its `Server-Timing: app;dur=` header.
 */

export interface PacedOptions {
  baseUrl: string;
  paths: readonly string[];
  ratePerS: number;
  seconds: number;
  seed?: number;
}

export interface Quantiles {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface PacedResult {
  sent: number;
  statuses: Record<string, number>;
  errors: number;
  /** response complete − request sent, ms */
  latencyMs: Quantiles;
  /** the server's handling time from Server-Timing, ms; n = 0 when the server sends none */
  serverMs: Quantiles;
  /** request sent − scheduled arrival, ms: the client's own lateness (timers, CPU) */
  sendLagMs: Quantiles;
}

export async function pacedLoad(o: PacedOptions): Promise<PacedResult> {
  const url = new URL(o.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const rng = seededRandom(o.seed ?? 7);
  const latency: number[] = [];
  const server: number[] = [];
  const lag: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;

  const send = (path: string): Promise<void> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.get({ host: url.hostname, port: url.port, path, agent }, (res) => {
        statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
        const dur = /(?:^|[;,\s])dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
        if (dur) server.push(Number(dur[1]));
        res.resume();
        res.on('end', () => {
          latency.push(performance.now() - t0);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
    });

  // Poisson arrivals: exponential gaps with mean 1/rate
  const due: number[] = [];
  for (let t = 0; t < o.seconds * 1000; t += (-Math.log(1 - rng.next()) * 1000) / o.ratePerS) due.push(t);
  const inFlight: Array<Promise<void>> = [];
  const start = performance.now() + 20;
  await new Promise<void>((done) => {
    let i = 0;
    const tick = () => {
      const now = performance.now();
      while (i < due.length && start + due[i]! <= now) {
        lag.push(now - (start + due[i]!));
        inFlight.push(send(o.paths[i % o.paths.length]!));
        i++;
      }
      if (i < due.length) setTimeout(tick, Math.max(0, start + due[i]! - performance.now()));
      else done();
    };
    tick();
  });
  await Promise.all(inFlight);
  agent.destroy();
  return { sent: due.length, statuses, errors, latencyMs: quantiles(latency), serverMs: quantiles(server), sendLagMs: quantiles(lag) };
}

function quantiles(values: number[]): Quantiles {
  if (values.length === 0) return { n: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: quantileSorted(s, 0.5), p90: quantileSorted(s, 0.9), p99: quantileSorted(s, 0.99), max: s[s.length - 1]! };
}

export function formatQuantiles(q: Quantiles): string {
  return q.n === 0 ? 'none' : `p50 ${q.p50.toFixed(1)} ms, p90 ${q.p90.toFixed(1)} ms, p99 ${q.p99.toFixed(1)} ms, max ${q.max.toFixed(1)} ms`;
}
