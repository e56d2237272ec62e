import type { AppContext, AppView } from '../app-context.js';
import { el } from '../format.js';
import { deviceStanding } from '../share/device-standing.js';
import { fetchLeaderboard, fetchModels, LEADERBOARD_API, LEADERBOARD_PAGES, leaderboardQueryString, type LeaderboardAnswer } from '../share/leaderboard-client.js';
import { leaderboardFilters } from '../share/leaderboard-filters.js';
import { leaderboardTable } from '../share/leaderboard-table.js';
import { shareableRecords, uploadsByRecord } from '../share/share-bundle.js';
import { standingTable } from '../share/standing-table.js';
import type { UploadOutbox } from '../share/upload-outbox.js';

/** Rows fetched per view: enough to place this device among them, small enough for a phone. */
const ROWS_PER_VIEW = 200;

/**
 * The public leaderboard inside the app, and where this device stands in it. The rankings come
 * from the server; without it the view says so and still shows this device's own figures.
 */
export function leaderboardView(outbox: UploadOutbox | null): AppView {
  return {
    id: 'leaderboard',
    title: 'Leaderboard',
    mount(container: HTMLElement, ctx: AppContext) {
      const status = el('div', { id: 'leaderboard-status', role: 'status', 'aria-live': 'polite' });
      const tableHost = el('div', { id: 'leaderboard-rows' });
      const standingHost = el('div', { id: 'leaderboard-standing' });
      const exportJson = el('a', { href: `${LEADERBOARD_API}/export.json`, id: 'leaderboard-export-json' }, 'JSON');
      const exportCsv = el('a', { href: `${LEADERBOARD_API}/export.csv`, id: 'leaderboard-export-csv' }, 'CSV');
      const fullPage = el('a', { href: LEADERBOARD_PAGES, id: 'leaderboard-page-link' }, 'the full leaderboard pages');
      const filters = leaderboardFilters(() => void load());
      container.append(
        el(
          'p',
          { class: 'intro' },
          'Results people shared from their own devices. Each row is the median of the per-submission medians of one model variant, runtime and backend on one device (or device class), with n and the interquartile range (IQR). Latency is measured; energy and carbon are estimates, shown with their method. A row is public once enough devices, from more than one network, agree. See also ',
          fullPage,
          ' (per model and per device), or export these rows as ',
          exportJson,
          ' or ',
          exportCsv,
          '.',
        ),
        filters.form,
        status,
        tableHost,
        el('h3', {}, 'Where does this device stand?'),
        standingHost,
      );

      let last: LeaderboardAnswer | null = null;
      let started = false;
      let generation = 0;
      const drawStanding = () => {
        const { sort } = filters.read();
        const own = shareableRecords(ctx.results);
        const shared = outbox ? [...uploadsByRecord(outbox.snapshot().items).values()].filter((u) => u.state === 'acked') : [];
        const sharedCount = new Set(shared.flatMap((u) => u.bundle.results.map((r) => r.id))).size;
        standingHost.replaceChildren(
          ...(last ? [] : [el('p', { class: 'empty' }, 'No public rows loaded: the figures below are this device alone.')]),
          standingTable(deviceStanding(own, last?.rows ?? [], sort), sort, sharedCount),
        );
      };

      const load = async () => {
        const mine = ++generation;
        const f = filters.read();
        const qs = leaderboardQueryString({ ...f, limit: undefined });
        exportJson.href = `${LEADERBOARD_API}/export.json${qs}`;
        exportCsv.href = `${LEADERBOARD_API}/export.csv${qs}`;
        status.replaceChildren(el('p', {}, 'Loading the leaderboard…'));
        const answer = await fetchLeaderboard({ ...f, limit: ROWS_PER_VIEW }, { online: () => navigator.onLine });
        if (mine !== generation) return; // a newer request superseded this one
        if (answer.state !== 'ok') {
          last = null;
          status.replaceChildren(el('p', { class: answer.state === 'offline' ? 'warn-text' : 'error', role: 'alert' }, answer.message));
          tableHost.replaceChildren();
        } else {
          last = answer.data;
          const { rows, total, publicMinN, publicMinNetworks } = answer.data;
          const shown = rows.length < total ? `the first ${rows.length} of ${total}` : `${total}`;
          const networks = publicMinNetworks > 1 ? ` from at least ${publicMinNetworks} networks` : '';
          status.replaceChildren(el('p', {}, `${shown} public row${total === 1 ? '' : 's'}; a row ranks once ${publicMinN} submissions (a device's row) or devices (a class row) agree${networks}. Your own results show below even before that.`));
          tableHost.replaceChildren(
            rows.length
              ? leaderboardTable(rows, f.sort, `Public rows, lowest ${f.sort === 'latency' ? 'latency' : f.sort} first. Every figure is per inference.`)
              : el('p', { class: 'empty' }, 'No public rows match these filters yet. A row appears once enough devices have shared it.'),
          );
        }
        drawStanding();
      };

      const loadModels = async () => {
        const answer = await fetchModels();
        const publicIds = answer.state === 'ok' ? answer.data.models.map((m) => m.modelId) : [];
        filters.setModels([...publicIds, ...shareableRecords(ctx.results).map((r) => r.cell.modelId)]);
      };

      ctx.on('results', drawStanding);
      let acked = -1;
      outbox?.subscribe(({ items }) => {
        // an upload just acknowledged changes the public rows and what "shared" means below
        const now = items.filter((u) => u.state === 'acked').length;
        if (acked >= 0 && now > acked && started) void load();
        acked = now;
      });
      window.addEventListener('online', () => void load());

      // the first request waits until the person looks at the view, so opening the app costs no leaderboard call
      const start = () => {
        if (started) return;
        started = true;
        void loadModels().then(load);
      };
      if (typeof IntersectionObserver === 'undefined') return start();
      const seen = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        seen.disconnect();
        start();
      });
      seen.observe(container);
    },
  };
}
