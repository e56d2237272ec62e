import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ResultStore } from '../store/result-store.js';
import { toCsv } from './csv-export.js';
import { deviceIdSchema, parseLeaderboardParams } from './leaderboard-query.js';
import { METRIC_ESTIMATE_KEYS, METRIC_UNITS } from './metric-keys.js';
import { addressBucket, createRateLimiter, type RateLimit } from './rate-limiter.js';
import { jsonWithRows } from './rows-json.js';
import { intakeSubmission } from './submission-intake.js';

export interface LeaderboardApiOptions {
  store: ResultStore;
  /** a row is public only with at least this many submissions behind it */
  publicMinN?: number;
  /** per client address, in memory; `false` turns limiting off (load benchmarks only) */
  rateLimit?: { submit: RateLimit; read: RateLimit } | false;
  bodyLimitBytes?: number;
  now?: () => Date;
  /**
   * The address a request comes from. Default: the TCP peer (@hono/node-server). Behind a reverse
   * proxy pass a function that reads the proxy's header; a client-set header is never trusted by default.
   */
  clientAddress?: (c: Context) => string | undefined;
  /** where unexpected failures are reported (default console.error); the client only gets a 503 */
  logError?: (message: string, err: unknown) => void;
}

export const DEFAULT_RATE_LIMIT = {
  submit: { perMinute: 30, burst: 10 },
  read: { perMinute: 600, burst: 120 },
} as const satisfies { submit: RateLimit; read: RateLimit };

export const DEFAULT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
const EXPORT_MAX_ROWS = 10_000;

const METRIC_NOTES = [
  'n: distinct submissions behind the row; a submission counts once per row',
  'median, p25, p75: quantiles (type 7) over the per-submission medians; p75 − p25 is the IQR',
  'latencyMs is measured (steady-state median per inference)',
  ...Object.values(METRIC_ESTIMATE_KEYS).map(
    (m) => `${m.label}: estimated by each device; low/high are the medians of the submitted interval bounds; null where no submission had it`,
  ),
];

/**
 * The leaderboard's JSON API as a Hono sub-app, to be mounted by the server, e.g.
 * `app.route('/api/leaderboard', createLeaderboardApi({ store }))`.
 */
export function createLeaderboardApi(options: LeaderboardApiOptions): Hono {
  const { store } = options;
  const minN = options.publicMinN ?? 3;
  const now = options.now ?? (() => new Date());
  const app = new Hono();
  const addressOf = options.clientAddress ?? peerAddress;
  const limits = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const limiter = (kind: 'submit' | 'read'): MiddlewareHandler => {
    if (limits === false) return (_c, next) => next();
    const l = createRateLimiter(limits[kind], () => now().getTime());
    return async (c, next) => {
      const decision = l.take(addressBucket(addressOf(c) ?? 'unknown'));
      if (decision.ok) return next();
      c.header('Retry-After', String(decision.retryAfterS));
      return c.json({ error: `Too many requests from your address; retry in ${decision.retryAfterS} s.` }, 429);
    };
  };

  app.onError((err, c) => {
    (options.logError ?? console.error)(`leaderboard api: ${c.req.method} ${new URL(c.req.url).pathname} failed`, err);
    c.header('Retry-After', '30');
    return c.json({ error: 'The leaderboard could not complete this request; nothing was changed by the failure. Retry later.' }, 503);
  });
  app.use('*', async (c, next) => {
    const t0 = performance.now();
    await next();
    // c.res.headers, not c.header(): after the handler, c.header() rebuilds the response around a
    // stream of its body, which takes @hono/node-server off its direct write path (profiled: about
    // a millisecond per 90 KB ranking, re-encoding the string through undici's Response)
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Cache-Control', 'no-store');
    // handling time inside the app (queueing before it and the socket write after it excluded):
    // lets a load test tell the server's time from its own
    headers.set('Server-Timing', `app;dur=${(performance.now() - t0).toFixed(2)}`);
  });

  app.post(
    '/submissions',
    limiter('submit'),
    bodyLimit({
      maxSize: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      onError: (c) =>
        c.json({ error: `The submission is larger than ${options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES} bytes; send fewer results per bundle.` }, 413),
    }),
    async (c) => {
      if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
        return c.json({ error: 'Send the submission as JSON with Content-Type: application/json.' }, 415);
      }
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return c.json({ error: 'The body is not valid JSON.' }, 400);
      }
      const intake = intakeSubmission(body, now().toISOString());
      if (!intake.ok) return c.json({ error: intake.error, details: intake.details }, intake.status);
      const out = await store.putSubmission(intake.submission);
      if (out.kind === 'conflict') return c.json({ error: out.message }, 409);
      return c.json(out.ack, out.kind === 'stored' ? 201 : 200);
    },
  );

  app.use('*', limiter('read'));

  app.get('/leaderboard', async (c) => {
    const parsed = parseLeaderboardParams(c.req.query(), minN);
    if (!parsed.ok) return c.json({ error: parsed.message }, 400);
    const { rows, total } = await store.leaderboard(parsed.query);
    return jsonWithRows(c, { query: parsed.query, total, units: METRIC_UNITS, publicMinN: minN, notes: METRIC_NOTES }, rows);
  });

  app.get('/models', async (c) => c.json({ publicMinN: minN, models: await store.models(minN) }));

  app.get('/models/:modelId', async (c) => {
    const modelId = c.req.param('modelId');
    const parsed = parseLeaderboardParams(c.req.query(), minN, { modelId });
    if (!parsed.ok) return c.json({ error: parsed.message }, 400);
    const { rows, total } = await store.leaderboard(parsed.query);
    if (total === 0) return c.json({ error: `No public results for model "${modelId}" yet.` }, 404);
    return jsonWithRows(c, { modelId, total, units: METRIC_UNITS, publicMinN: minN, notes: METRIC_NOTES }, rows);
  });

  app.get('/devices', async (c) => {
    const shares = (await store.deviceShares()).filter((d) => d.submissions >= minN);
    const totalSubmissions = shares.reduce((sum, d) => sum + d.submissions, 0);
    return c.json({
      publicMinN: minN,
      totalSubmissions,
      note: 'share = ranked submissions from the device / all ranked submissions of listed devices: who shares results, not market share',
      devices: shares.map((d) => ({ ...d, share: totalSubmissions > 0 ? d.submissions / totalSubmissions : 0 })),
    });
  });

  app.get('/devices/:deviceId', async (c) => {
    const id = deviceIdSchema.safeParse(c.req.param('deviceId'));
    if (!id.success) return c.json({ error: 'A device id is 16 lower-case hex characters.' }, 400);
    const parsed = parseLeaderboardParams(c.req.query(), minN, { deviceId: id.data, scope: 'device' });
    if (!parsed.ok) return c.json({ error: parsed.message }, 400);
    const [device, board] = [await store.device(id.data), await store.leaderboard(parsed.query)];
    if (!device || board.total === 0) return c.json({ error: 'No public results for this device yet.' }, 404);
    return jsonWithRows(c, { device, total: board.total, units: METRIC_UNITS, publicMinN: minN, notes: METRIC_NOTES }, board.rows);
  });

  app.get('/export.json', async (c) => {
    const parsed = parseLeaderboardParams(c.req.query(), minN, { limit: EXPORT_MAX_ROWS });
    if (!parsed.ok) return c.json({ error: parsed.message }, 400);
    const { rows, total } = await store.leaderboard(parsed.query);
    c.header('Content-Disposition', 'attachment; filename="edgewatt-leaderboard.json"');
    return jsonWithRows(c, { exportedAt: now().toISOString(), query: parsed.query, total, units: METRIC_UNITS, notes: METRIC_NOTES }, rows);
  });

  app.get('/export.csv', async (c) => {
    const parsed = parseLeaderboardParams(c.req.query(), minN, { limit: EXPORT_MAX_ROWS });
    if (!parsed.ok) return c.json({ error: parsed.message }, 400);
    const { rows } = await store.leaderboard(parsed.query);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="edgewatt-leaderboard.csv"');
    return c.body(toCsv(rows));
  });

  // a catch-all rather than notFound(): a mounted sub-app's notFound is not consulted by the parent
  app.all('*', (c) => c.json({ error: `No leaderboard endpoint at ${c.req.method} ${new URL(c.req.url).pathname}.` }, 404));
  return app;
}

function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // not running under @hono/node-server (e.g. app.request() in tests): one shared bucket
    return undefined;
  }
}
