import { deviceUpgrade, sampleDeviceDistribution, type DeviceUpgradeResult } from '../../analysis/index.js';
import { el, estimateTooltip, formatMs } from '../format.js';
import type { CellPoint } from './cell-points.js';
import { chartFrame, emptyChart } from './chart-frame.js';
import { estimateField, numberField } from './estimate-field.js';
import { figureEl, formatEstimate } from './figure-text.js';
import { type BarPart, type BarTotal, renderBars } from './interval-bars.js';
import { type AnalysisBus, type Panel, panelSection, problemsEl, type TradeOffData } from './panel.js';

/** The model is chosen above, so a cell is named by its variant and runtime/backend only. */
const shortLabel = (c: CellPoint) => `${c.variant} · ${c.runtime}/${c.backend}`;

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
/** a default that makes the built-in sample span the budget: 4 × the fastest cell measured here */
const defaultBudget = (cells: readonly CellPoint[]) => Number((4 * Math.min(...cells.map((c) => c.medianMs))).toPrecision(2));

/** Device-upgrade rebound: which devices miss a latency budget per variant, and the embodied carbon of replacing them. */
export function deviceUpgradePanel(bus: AnalysisBus): Panel {
  const element = panelSection(
    'panel-device-upgrade',
    'Device upgrades: who misses the latency budget?',
    'A variant too slow for older devices pushes people to replace them, and a new device carries its manufacturing footprint. A faster variant keeps old devices useful.',
  );
  const sample = sampleDeviceDistribution();
  const redraw = () => void update(last);
  const modelSelect = el('select', { id: 'du-model' });
  modelSelect.addEventListener('change', () => {
    budgetTouched = false;
    redraw();
  });
  let budgetTouched = false;
  const budget = numberField('du-budget', 'Latency budget (ms)', 1, () => {
    budgetTouched = true;
    redraw();
  }, { min: '0' });
  const population = numberField('du-population', 'Devices in the population', 1_000_000, redraw, { min: '1' });
  const replacement = estimateField('du-replacement', 'Embodied carbon of a replacement device', sample.replacementEmbodiedKgCO2e, redraw);
  const charged = estimateField(
    'du-charged',
    'Share of the new device charged to the upgrade',
    { value: 1, low: 1, high: 1, unit: 'fraction', method: 'assumed', reasons: ['the whole replacement device is charged; less when the upgrade only brings a purchase forward'], sources: [] },
    redraw,
  );
  const sourceNote = el(
    'p',
    { class: 'chart-note', id: 'du-source' },
    `Device distribution: edgewatt’s built-in sample of ${sample.devices.length} devices (weights and relative speeds are illustrative assumptions, not measurements; the leaderboard’s distribution replaces it when it has data). This device is taken as the sample’s reference device (${sample.referenceDevice}).`,
  );
  const out = el('div', { id: 'device-upgrade-result', 'aria-live': 'polite' });
  const frame = chartFrame('chart-device-upgrade', 'Share of devices that miss the latency budget, per cell');
  element.append(el('div', { class: 'inputs' }, el('label', { for: 'du-model', class: 'select-field' }, 'Model ', modelSelect), budget.element, population.element, replacement.element, charged.element), sourceNote, out, frame.figure);

  let last: TradeOffData | null = null;
  async function update(d: TradeOffData | null): Promise<void> {
    if (!d) return;
    last = d;
    const models = [...new Map(d.points.map((p) => [p.modelId, p.modelName])).entries()];
    const keep = modelSelect.value;
    modelSelect.replaceChildren(...models.map(([id, name]) => el('option', { value: id }, name)));
    if (models.some(([id]) => id === keep)) modelSelect.value = keep;
    const cells = d.points.filter((p) => p.modelId === modelSelect.value);
    if (cells.length === 0) {
      const why = 'No completed cells yet: profile a model first.';
      out.replaceChildren(el('p', { class: 'empty' }, why));
      emptyChart(frame, why);
      bus.publish('deviceUpgrade', undefined);
      return;
    }
    if (!budgetTouched) budget.set(defaultBudget(cells));
    const slowest = [...cells].sort((a, b) => b.medianMs - a.medianMs)[0]!;
    const r = deviceUpgrade({
      budgetMs: budget.get(),
      variants: cells.map((c) => ({ variant: shortLabel(c), referenceLatencyMs: c.latencyMs })),
      devices: sample.devices,
      replacementEmbodiedKgCO2e: replacement.get(),
      population: population.get(),
      chargedShare: charged.get(),
      baselineVariant: shortLabel(slowest),
    });
    if (r.state === 'invalid') {
      out.replaceChildren(problemsEl(r.problems));
      emptyChart(frame, 'Fix the inputs above to compare.');
      bus.publish('deviceUpgrade', undefined);
      return;
    }
    bus.publish('deviceUpgrade', r);
    out.replaceChildren(
      el('p', { class: 'verdict' }, r.sentence),
      el('p', { class: 'chart-note' }, budgetTouched ? '' : `Budget default: 4 × the fastest cell of this model measured here (${formatMs(Math.min(...cells.map((c) => c.medianMs)))}), so the sample spans it; set your product’s budget.`),
      variantTable(r),
    );
    await renderBars(frame, barsOf(r));
  }
  return { element, update };
}

function variantTable(r: DeviceUpgradeResult): HTMLElement {
  const head = el('tr', {}, ...['Cell', 'Devices missing the budget', 'Replacements', 'Embodied carbon of replacements', 'Avoided vs the slowest cell'].map((h) => el('th', { scope: 'col' }, h)));
  const rows = r.variants.map((v) => {
    const a = r.avoided.find((x) => x.variant === v.variant);
    return el(
      'tr',
      {},
      el('td', {}, v.variant),
      el('td', {}, figureEl(v.missShare)),
      el('td', {}, figureEl(v.replacements)),
      el('td', {}, figureEl(v.replacementKgCO2e)),
      el('td', {}, a ? figureEl(a.kgCO2eAvoided) : 'baseline'),
    );
  });
  return el('div', { class: 'table-wrap' }, el('table', { id: 'device-upgrade-table' }, el('caption', {}, `Budget ${r.budgetMs} ms`), el('thead', {}, head), el('tbody', {}, ...rows)));
}

function barsOf(r: DeviceUpgradeResult) {
  const parts: BarPart[] = r.variants.map((v) => ({ bar: v.variant, part: 'devices missing the budget', value: v.missShare.value, tip: `${v.variant}: ${formatEstimate(v.missShare)}\n${estimateTooltip(v.missShare)}` }));
  const totals: BarTotal[] = r.variants.map((v) => ({ bar: v.variant, low: v.missShare.low, high: v.missShare.high, tip: `${v.variant}: ${pct(v.missShare.low)}–${pct(v.missShare.high)}` }));
  return {
    parts,
    totals,
    xLabel: 'Share of devices →',
    description: `Share of the sample (by weight) whose latency for the cell exceeds ${r.budgetMs} ms; the whisker spans every device’s latency range (low to high together).`,
    emptyReason: 'Nothing to compare.',
    format: pct,
    tick: pct,
  };
}
