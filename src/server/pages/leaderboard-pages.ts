import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { deviceIdSchema, parseLeaderboardParams } from '../leaderboard/leaderboard-query.js';
import { requestTextProblem } from '../leaderboard/request-guards.js';
import type { LeaderboardQuery, ResultStore } from '../store/result-store.js';
import { filterForm } from './filter-form.js';
import { leaderboardTable, type TableLinks } from './leaderboard-table.js';
import { layout, pageSecurityHeaders } from './page-layout.js';

export interface LeaderboardPagesOptions {
  store: ResultStore;
  publicMinN?: number;
  publicMinNetworks?: number;
  /** where the lead mounts these pages; links are built from it */
  basePath?: string;
  /** where the JSON API is mounted, for the export links */
  apiBasePath?: string;
  logError?: (message: string, err: unknown) => void;
  /** the per-address read budget, shared with the API (pages cost queries too) */
  readLimit?: MiddlewareHandler;
}

/**
 * Server-rendered leaderboard, model and device pages (no script, strict CSP). Mount with
 * `app.route('/leaderboard', createLeaderboardPages({ store }))`.
 */
export function createLeaderboardPages(options: LeaderboardPagesOptions): Hono {
  const { store } = options;
  const minN = options.publicMinN ?? 3;
  const policy = { minN, minNetworks: options.publicMinNetworks ?? 2 };
  const base = (options.basePath ?? '/leaderboard').replace(/\/$/, '');
  const api = (options.apiBasePath ?? '/api/leaderboard').replace(/\/$/, '');
  // mounted at /leaderboard, the sub-app's '/' answers '/leaderboard' (no trailing slash)
  const home = base || '/';
  const links: TableLinks = {
    model: (id) => `${base}/models/${encodeURIComponent(id)}`,
    device: (id) => `${base}/devices/${encodeURIComponent(id)}`,
  };
  const app = new Hono();
  app.use('*', pageSecurityHeaders());

  const nav = (q?: LeaderboardQuery) => {
    const qs = q ? queryString(q) : '';
    return html`<a href="${home}">Leaderboard</a><a href="${api}/export.csv${qs}">Export CSV</a><a href="${api}/export.json${qs}">Export JSON</a>` as HtmlEscapedString;
  };
  const page = (c: Context, status: 200 | 400 | 404 | 503, title: string, body: HtmlEscapedString, q?: LeaderboardQuery) =>
    c.html(layout(title, nav(q), body), status);
  const message = (text: string) => html`<p class="empty">${text}</p>` as HtmlEscapedString;

  if (options.readLimit) app.use('*', options.readLimit);
  app.use('*', async (c, next) => {
    const problem = requestTextProblem(c);
    return problem ? page(c, 400, 'Leaderboard', message(`This address cannot be answered: ${problem}.`)) : next();
  });

  app.onError((err, c) => {
    (options.logError ?? console.error)(`leaderboard pages: ${new URL(c.req.url).pathname} failed`, err);
    c.header('Retry-After', '30');
    return page(c, 503, 'Leaderboard unavailable', message('The leaderboard could not be read just now. Try again in a minute.'));
  });

  app.get('/', async (c) => {
    const parsed = parseLeaderboardParams(c.req.query(), policy);
    if (!parsed.ok) return page(c, 400, 'Leaderboard', message(parsed.message));
    const q = parsed.query;
    const { rows, total } = await store.leaderboard(q);
    const body = html`<p class="muted">A device row is ranked with at least ${minN} submissions from ${policy.minNetworks} or more networks;
a class row with at least ${minN} devices from ${policy.minNetworks} or more networks, as the median of per-device medians.
Rows held back (too little corroboration, or over 10× from their class's peers) are listed under “provisional”, never ranked.
Energy and carbon are estimates with their method and typical interval; latency is measured.</p>
${filterForm(home, q)}
${leaderboardTable(rows, links)}
${pager(home, q, total)}` as HtmlEscapedString;
    return page(c, 200, 'Leaderboard', body, q);
  });

  app.get('/models/:modelId', async (c) => {
    const modelId = c.req.param('modelId');
    const parsed = parseLeaderboardParams(c.req.query(), policy, { modelId });
    if (!parsed.ok) return page(c, 400, `Model ${modelId}`, message(parsed.message));
    const { rows, total } = await store.leaderboard(parsed.query);
    if (total === 0) return page(c, 404, `Model ${modelId}`, message('No public results for this model yet.'));
    const body = html`${filterForm(links.model(modelId), parsed.query)}
${leaderboardTable(rows, links)}
${pager(links.model(modelId), parsed.query, total)}` as HtmlEscapedString;
    return page(c, 200, `Model ${modelId}`, body, parsed.query);
  });

  app.get('/devices/:deviceId', async (c) => {
    const id = deviceIdSchema.safeParse(c.req.param('deviceId'));
    if (!id.success) return page(c, 404, 'Device', message('There is no device with this id.'));
    const parsed = parseLeaderboardParams(c.req.query(), policy, { deviceId: id.data, scope: 'device' });
    if (!parsed.ok) return page(c, 400, 'Device', message(parsed.message));
    const [device, board] = [await store.device(id.data), await store.leaderboard(parsed.query)];
    if (!device || board.total === 0) return page(c, 404, 'Device', message('No public results for this device yet.'));
    const gpu = device.gpuVendor ? `${device.gpuVendor} ${device.gpuArchitecture ?? ''}`.trim() : 'none reported';
    const body = html`<p>${device.class} · ${device.platform} · ${device.cores} logical cores ·
${device.memoryGiB === null ? 'memory not reported' : `${device.memoryGiB} GiB memory (browser bucket)`} · GPU: ${gpu}</p>
${leaderboardTable(board.rows, links)}
${pager(links.device(id.data), parsed.query, board.total)}` as HtmlEscapedString;
    return page(c, 200, device.label, body, parsed.query);
  });

  // a catch-all rather than notFound(): a mounted sub-app's notFound is not consulted by the parent
  app.all('*', (c) => page(c, 404, 'Not found', message('There is no leaderboard page here.')));
  return app;
}

const FILTER_KEYS = ['modelId', 'variant', 'runtime', 'backend', 'deviceClass', 'deviceId', 'scope', 'sort', 'status'] as const;

/** Rebuilt from the parsed query, so only validated values are ever put back into a link. */
function queryString(q: LeaderboardQuery, offset?: number): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (q[k] !== undefined) p.set(k, String(q[k]));
  if (offset !== undefined && offset > 0) p.set('offset', String(offset));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function pager(path: string, q: LeaderboardQuery, total: number): HtmlEscapedString {
  if (total <= q.limit) return html`` as HtmlEscapedString;
  const from = q.offset + 1;
  const to = Math.min(total, q.offset + q.limit);
  const prev = q.offset > 0 ? html`<a href="${path}${queryString(q, Math.max(0, q.offset - q.limit))}">previous</a>` : '';
  const next = to < total ? html`<a href="${path}${queryString(q, q.offset + q.limit)}">next</a>` : '';
  return html`<p class="muted">Rows ${from}–${to} of ${total}. ${prev} ${next}</p>` as HtmlEscapedString;
}
