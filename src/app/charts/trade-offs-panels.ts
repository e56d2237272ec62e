import type { ModelManifest } from '../../core/model-manifest.js';
import type { AppContext } from '../app-context.js';
import { el } from '../format.js';
import { loadManifest } from '../load-manifest.js';
import { carbonRegionPanel } from './carbon-region-panel.js';
import { cellPoints } from './cell-points.js';
import { computePanel } from './compute-panel.js';
import { deviceUpgradePanel } from './device-upgrade-panel.js';
import { edgeCloudPanel } from './edge-cloud-panel.js';
import { lifeCyclePanel } from './life-cycle-panel.js';
import { loopPanel } from './loop-panel.js';
import { AnalysisBus, type Panel, type TradeOffData } from './panel.js';
import { reboundPanel } from './rebound-panel.js';

async function manifestOrWhy(): Promise<{ manifest: ModelManifest | null; error: string | null }> {
  try {
    return { manifest: await loadManifest(), error: null };
  } catch (err) {
    return { manifest: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/** One panel failing (a bad figure, a bug) says so in place; the others keep working. */
async function safeUpdate(p: Panel, d: TradeOffData): Promise<void> {
  const old = p.element.querySelector(':scope > .panel-error');
  try {
    await p.update(d);
    old?.remove();
  } catch (err) {
    const box = el('p', { class: 'panel-error error', role: 'alert' }, `This analysis could not be drawn: ${err instanceof Error ? err.message : String(err)}. The other panels are unaffected; report this with your exported history.`);
    if (old) old.replaceWith(box);
    else p.element.append(box);
  }
}

/** The Trade-offs view's body: loaded on first show, redrawn as results arrive and as the width changes. */
export async function mountTradeOffs(host: HTMLElement, ctx: AppContext): Promise<void> {
  const { manifest, error } = await manifestOrWhy();
  const bus = new AnalysisBus();
  const panels = [computePanel(), carbonRegionPanel(), reboundPanel(bus), lifeCyclePanel(bus), edgeCloudPanel(bus), deviceUpgradePanel(bus), loopPanel(bus)];
  const status = el('p', { id: 'trade-offs-status', class: 'chart-note', role: 'status' });
  const toc = el('nav', { 'aria-label': 'Trade-off analyses', class: 'toc' }, el('ul', {}, ...panels.map((p) => el('li', {}, el('a', { href: `#${p.element.id}` }, p.element.querySelector('h3')?.textContent ?? p.element.id)))));
  host.replaceChildren(status, toc, ...panels.map((p) => p.element));

  let queued = false;
  let running: Promise<void> = Promise.resolve();
  const refresh = () => {
    if (queued) return;
    queued = true;
    running = running.then(async () => {
      queued = false;
      const points = cellPoints(ctx.results, manifest);
      const data: TradeOffData = { ...points, environment: ctx.environment, manifestError: error };
      status.textContent =
        `${points.points.length} measured cell(s), the latest result of each` +
        (points.olderResults ? `; ${points.olderResults} older result(s) of the same cells not plotted` : '') +
        (points.notCompleted ? `; ${points.notCompleted} errored or skipped result(s) left out` : '') +
        '.';
      host.setAttribute('aria-busy', 'true');
      for (const p of panels) await safeUpdate(p, data);
      host.setAttribute('aria-busy', 'false');
      host.dataset.ready = 'true';
      host.dataset.cells = String(points.points.length);
    });
  };
  refresh();
  ctx.on('results', refresh);
  ctx.on('environment', refresh);

  let width = host.clientWidth;
  let timer: ReturnType<typeof setTimeout> | undefined;
  new ResizeObserver(() => {
    if (Math.abs(host.clientWidth - width) < 40) return;
    width = host.clientWidth;
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  }).observe(host);
}
