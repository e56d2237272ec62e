import { planModelFromManifest } from '../client/plan-model.js';
import { ResultHistory } from '../client/result-history-idb.js';
import { AppContext, type AppView } from './app-context.js';
import { planModelsOf, protocolOf, type AutomationPlan } from './automation-api.js';
import { measureHarnessOverhead } from './harness-overhead-runner.js';
import { el } from './format.js';
import { loadManifest, MODELS_BASE_URL } from './load-manifest.js';
import { registerServiceWorker } from './pwa/register-service-worker.js';
import { RunController } from './run-controller.js';
import { profileView } from './views/profile-view.js';
import { resultsView } from './views/results-view.js';
import { historyView } from './views/history-view.js';
import { tradeOffsView } from './views/trade-offs-view.js';
import { energyView } from './views/energy-view.js';
import { retryOnReconnect } from '../client/upload-queue.js';
import { openUploadOutbox } from './share/upload-outbox.js';
import { shareView } from './views/share-view.js';
import { leaderboardView } from './views/leaderboard-view.js';
import { forgeView } from './views/forge-view.js';

const isolation = document.getElementById('isolation')!;
isolation.textContent = crossOriginIsolated ? 'cross-origin isolated: 5 µs timers, WASM threads' : 'NOT cross-origin isolated: 100 µs timers, no WASM threads';
isolation.className = `badge ${crossOriginIsolated ? 'ok' : 'warn'}`;

/** Every view is a section of one page; all are mounted so results flow to each as they arrive. */
function mountViews(views: readonly AppView[], ctx: AppContext): void {
  const nav = document.getElementById('nav')!;
  const main = document.getElementById('views')!;
  for (const v of views) {
    const section = el('section', { id: v.id, 'aria-labelledby': `${v.id}-h` }, el('h2', { id: `${v.id}-h` }, v.title));
    main.append(section);
    nav.append(el('a', { href: `#${v.id}` }, v.title));
    void v.mount(section, ctx);
  }
}

async function boot(): Promise<void> {
  const ctx = new AppContext();
  const history = await ResultHistory.open().catch(() => null);
  if (!history) {
    // never lose results silently: say that they live only as long as this page does
    document.querySelector('header')?.append(
      el('p', { class: 'error', role: 'alert', id: 'storage-warning' }, 'This browser refused local storage (IndexedDB), so results are kept only while this page stays open. Export them from History before closing.'),
    );
  }
  ctx.setResults((await history?.all()) ?? []);
  const runner = new RunController(ctx, history);
  try {
    const manifest = await loadManifest();
    runner.models = [...manifest.models, ...(manifest.variants ?? [])].map((m) => planModelFromManifest(m, MODELS_BASE_URL));
  } catch (err) {
    runner.loadError = err instanceof Error ? `${err.message}. ${(err as { hint?: string }).hint ?? ''}` : String(err);
  }
  // opened at boot so uploads left by an earlier page load are retried without opening Share
  const outbox = await openUploadOutbox().catch(() => null);
  mountViews([profileView(runner), forgeView(runner), resultsView, energyView(runner), tradeOffsView, historyView(history), shareView(runner, outbox), leaderboardView(outbox)], ctx);
  if (outbox) {
    retryOnReconnect(outbox.queue, window);
    void outbox.refresh().then(() => outbox.queue.start());
  }

  runner.observers.add({ onResult: (record, i, n) => window.__edgewattOnResult?.(record, i, n), onProgress: (cell, p) => window.__edgewattOnProgress?.(cell, p) });
  window.edgewatt = {
    ready: true,
    modelIds: () => [...new Set(runner.models.map((m) => m.id))],
    environment: () => runner.describeEnvironment([]),
    run: (plan: AutomationPlan) => runner.execute(plan.cells, protocolOf(plan), planModelsOf(plan)),
    harnessOverhead: (cell, protocolInput) => measureHarnessOverhead(runner.models, cell, protocolOf({ cells: [], protocol: protocolInput })),
  };
  document.body.dataset.ready = 'true';
  void registerServiceWorker();
}

void boot();
