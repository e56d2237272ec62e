import { Hono, type Context } from 'hono';
import { randomBytes } from 'node:crypto';
import { bodyLimit } from 'hono/body-limit';
import type { ResultStore } from '../store/result-store.js';
import { toCsv } from './csv-export.js';
import { deviceIdSchema, parseLeaderboardParams } from './leaderboard-query.js';
import { METRIC_ESTIMATE_KEYS, METRIC_UNITS } from './metric-keys.js';
import { clientAddressResolver, type TrustProxy } from './client-address.js';
import { networkKey } from './network-key.js';
import { isJsonContentType, requestTextProblem } from './request-guards.js';
import { createLimiters, DEFAULT_RATE_LIMIT, type Limiters, type RequestLimits } from './request-limits.js';
import { jsonWithRows } from './rows-json.js';
import { createIntakeQueue } from './heavy-intake.js';
import type { KnownDigests } from './zoo-digests.js';
import type { KnownFlops } from './zoo-flops.js';

export { DEFAULT_RATE_LIMIT } from './request-limits.js';

export interface LeaderboardApiOptions {
  store: ResultStore;
  /** a row is ranked only with this much support: submissions (device rows) or devices (class rows) */
  publicMinN?: number;
  /** ...from at least this many networks (default 2) */
  publicMinNetworks?: number;
  /** per client address, in memory; `false` turns limiting off (load benchmarks only) */
  rateLimit?: Partial<RequestLimits> | false;
  /** limiters shared with the pages (mountLeaderboard passes one set to both); built from rateLimit otherwise */
  limiters?: Limiters;
  bodyLimitBytes?: number;
  /** bodies above this are checked one at a time, yielding between steps (heavy-intake.ts); benchmarks vary it */
  heavyBodyBytes?: number;
  now?: () => Date;
  /**
   * The address a request comes from. Default: from `trustProxy` (TRUST_PROXY), which by default
   * is the TCP peer; a client-set header is never trusted unless TRUST_PROXY says so.
   */
  clientAddress?: (c: Context) => string | undefined;
  trustProxy?: TrustProxy;
  /** secret salt of the network key (EDGEWATT_NETWORK_SALT); random per process when absent */
  networkSalt?: string;
  /** the server's FLOPs per zoo model and variant (zoo-flops.ts); mountLeaderboard loads the built zoo's */
  knownFlops?: KnownFlops;
  /** the zoo's own output digests (zoo-digests.ts), the proof-of-run check; mountLeaderboard loads the built zoo's */
  knownDigests?: KnownDigests | undefined;
  /** where unexpected failures are reported (default console.error); the client only gets a 503 */
  logError?: (message: string, err: unknown) => void;
}

export const DEFAULT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
const EXPORT_MAX_ROWS = 10_000;

export const DEFAULT_MIN_NETWORKS = 2;

const METRIC_NOTES = [
  'n: distinct submissions behind the row; a submission counts once per row; devices and networks: distinct devices and networks behind it',
  'ranked rows need publicMinN submissions (device rows) or devices (class rows) from publicMinNetworks networks; ?status=provisional lists the rows held back, with provisional: true (outlier: true when over 10× from the class peers)',
  'device rows: median over networks of each network’s median of per-submission medians; class rows: median of per-device medians, each network’s devices weighing at most one device; p75 − p25 is the IQR',
  'latencyMs is measured (steady-state median per inference)',
  ...Object.values(METRIC_ESTIMATE_KEYS).map(
    (m) => `${m.label}: estimated by each device; low/high are the medians of the submitted interval bounds; null where no submission had it`,
  ),
];

/** Says whether zoo results had to prove they ran the model, so a reader knows what ranked rows rest on. */
function proofOfRunNote(known: KnownDigests | undefined): string {
  return known
    ? `proof of run: ONNX Runtime results for the ${known.byVariant.size} zoo model variants need an output digest on the default fidelity inputs (seed ${known.seed}, ${known.fidelityInputs} inputs) that matches the zoo's own outputs; others are held back`
    : 'proof of run unavailable: this server has no expected output digests of the zoo (models/build/expected-digests.json), so zoo results are ranked without one';
}

/**
 * The leaderboard's JSON API as a Hono sub-app, to be mounted by the server, e.g.
 * `app.route('/api/leaderboard', createLeaderboardApi({ store }))`.
 */
export function createLeaderboardApi(options: LeaderboardApiOptions): Hono {
  const { store } = options;
  const minN = options.publicMinN ?? 3;
  const policy = { minN, minNetworks: options.publicMinNetworks ?? DEFAULT_MIN_NETWORKS };
  const head = { publicMinN: minN, publicMinNetworks: policy.minNetworks };
  const now = options.now ?? (() => new Date());
  const app = new Hono();
  const addressOf = options.clientAddress ?? clientAddressResolver(options.trustProxy ?? { kind: 'none' });
  const limiters = options.limiters ?? createLimiters(limitsOf(options.rateLimit), addressOf, () => now().getTime());
  const salt = options.networkSalt ?? randomBytes(16).toString('hex');
  const intakes = createIntakeQueue({ knownFlops: options.knownFlops, knownDigests: options.knownDigests, heavyBytes: options.heavyBodyBytes });
  const notes = [...METRIC_NOTES, proofOfRunNote(options.knownDigests)];

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
  app.use('*', async (c, next) => {
    const problem = requestTextProblem(c);
    if (problem) return c.json({ error: `The request cannot be answered: ${problem}.` }, 400);
    return next();
  });

  app.post(
    '/submissions',
    limiters.submit,
    bodyLimit({
      maxSize: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      onError: (c) =>
        c.json({ error: `The submission is larger than ${options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES} bytes; send fewer results per bundle.` }, 413),
    }),
    async (c) => {
      if (!isJsonContentType(c.req.header('content-type'))) {
        return c.json({ error: 'Send the submission as JSON with Content-Type: application/json (charset utf-8 if any).' }, 415);
      }
      // a declared length is charged before the body is read, so an address over its byte budget
      // costs no parsing; a streamed body is charged once read (bodyLimit caps it either way)
      const declared = Number(c.req.header('content-length'));
      const charged = Number.isFinite(declared) && declared > 0;
      if (charged) {
        const refused = limiters.chargeBytes(c, declared);
        if (refused) return refused;
      }
      const text = await c.req.text();
      if (!charged) {
        const refused = limiters.chargeBytes(c, Buffer.byteLength(text));
        if (refused) return refused;
      }
      const intake = await intakes.intake(text, now().toISOString(), networkKey(addressOf(c), salt));
      if (!intake.ok) return c.json(intake.details.length > 0 ? { error: intake.error, details: intake.details } : { error: intake.error }, intake.status);
      const out = await store.putSubmission(intake.submission);
      if (out.kind === 'conflict') return c.json({ error: out.message }, 409);
      return c.json(out.ack, out.kind === 'stored' ? 201 : 200);
    },
  );

  app.use('*', limiters.read);

  app.get('/leaderboard', async (c) => {
    const parsed = parseLeaderboardParams(c.req.query(), policy);
    if (!parsed.ok) return c.json({ error: parsed.message }, 400);
    const { rows, total } = await store.leaderboard(parsed.query);
    return jsonWithRows(c, { query: parsed.query, total, units: METRIC_UNITS, ...head, notes }, rows);
  });

  app.get('/models', async (c) => c.json({ ...head, models: await store.models(minN, policy.minNetworks) }));

  app.get('/models/:modelId', async (c) => {
    const modelId = c.req.param('modelId');
    const parsed = parseLeaderboardParams(c.req.query(), policy, { modelId });
    if (!parsed.ok) return c.json({ error: parsed.message }, 400);
    const { rows, total } = await store.leaderboard(parsed.query);
    if (total === 0) return c.json({ error: `No public results for model "${modelId}" yet.` }, 404);
    return jsonWithRows(c, { modelId, total, units: METRIC_UNITS, ...head, notes }, rows);
  });

  app.get('/devices', async (c) => {
    const shares = await store.deviceShares(minN, policy.minNetworks);
    const totalSubmissions = shares.reduce((sum, d) => sum + d.submissions, 0);
    return c.json({
      ...head,
      totalSubmissions,
      note: 'devices with at least one ranked row; share = ranked submissions from the device / all ranked submissions of listed devices: who shares results, not market share',
      devices: shares.map((d) => ({ ...d, share: totalSubmissions > 0 ? d.submissions / totalSubmissions : 0 })),
    });
  });

  app.get('/devices/:deviceId', async (c) => {
    const id = deviceIdSchema.safeParse(c.req.param('deviceId'));
    if (!id.success) return c.json({ error: 'A device id is 16 lower-case hex characters.' }, 400);
    const parsed = parseLeaderboardParams(c.req.query(), policy, { deviceId: id.data, scope: 'device' });
    if (!parsed.ok) return c.json({ error: parsed.message }, 400);
    const [device, board] = [await store.device(id.data), await store.leaderboard(parsed.query)];
    if (!device || board.total === 0) return c.json({ error: 'No public results for this device yet.' }, 404);
    return jsonWithRows(c, { device, total: board.total, units: METRIC_UNITS, ...head, notes }, board.rows);
  });

  app.get('/export.json', async (c) => {
    const parsed = parseLeaderboardParams(c.req.query(), policy, { limit: EXPORT_MAX_ROWS });
    if (!parsed.ok) return c.json({ error: parsed.message }, 400);
    const { rows, total } = await store.leaderboard(parsed.query);
    c.header('Content-Disposition', 'attachment; filename="edgewatt-leaderboard.json"');
    return jsonWithRows(c, { exportedAt: now().toISOString(), query: parsed.query, total, units: METRIC_UNITS, notes }, rows);
  });

  app.get('/export.csv', async (c) => {
    const parsed = parseLeaderboardParams(c.req.query(), policy, { limit: EXPORT_MAX_ROWS });
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

export function limitsOf(rateLimit: Partial<RequestLimits> | false | undefined): RequestLimits | false {
  if (rateLimit === false) return false;
  return { ...DEFAULT_RATE_LIMIT, ...rateLimit };
}
