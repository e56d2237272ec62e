import { rebound, type ReboundResult, type UsageGrowth } from '../../analysis/index.js';
import { el, estimateTooltip } from '../format.js';
import { chartFrame, emptyChart } from './chart-frame.js';
import { cellSelect, highestEnergy, lowestEnergy } from './cell-select.js';
import { numberField } from './estimate-field.js';
import { figureList, figureRow, formatEstimate, formatJoules } from './figure-text.js';
import { renderLines, type LinePoint } from './line-chart.js';
import { type AnalysisBus, type Panel, panelSection, problemsEl, type TradeOffData } from './panel.js';
import { NO_ENERGY_YET } from './record-figures.js';

/** Rebound: baseline vs efficient variant, usage growth as a multiplier or an elasticity, over a horizon. */
export function reboundPanel(bus: AnalysisBus): Panel {
  const element = panelSection(
    'panel-rebound',
    'Rebound: does the saving survive more use?',
    'A cheaper inference gets used more. Pick the variant you ship today and the efficient one; say how usage grows. Rebound R = 1 − actual saving ÷ expected saving; above 100 % the efficient variant uses more energy in total (backfire).',
  );
  const redraw = () => void update(last);
  const baseline = cellSelect('rebound-baseline', 'Baseline cell', redraw);
  const efficient = cellSelect('rebound-efficient', 'Efficient cell', redraw);
  const uses = numberField('rebound-uses', 'Inferences per day before the change', 10_000, redraw, { min: '1' });
  const kindMultiplier = el('input', { type: 'radio', name: 'rebound-kind', id: 'rebound-kind-multiplier', value: 'multiplier', checked: '' });
  const kindElasticity = el('input', { type: 'radio', name: 'rebound-kind', id: 'rebound-kind-elasticity', value: 'elasticity' });
  const multiplier = numberField('rebound-multiplier', 'Usage multiplier (× uses after)', 1.5, redraw, { min: '0' });
  const elasticity = numberField('rebound-elasticity', 'Elasticity of use to cost per use', 0.6, redraw, { min: '-10', max: '10' });
  const days = numberField('rebound-days', 'Horizon (days)', 60, redraw, { min: '1', max: '1000' });
  const ramp = numberField('rebound-ramp', 'Days until growth is complete', 20, redraw, { min: '1' });
  for (const r of [kindMultiplier, kindElasticity]) r.addEventListener('change', redraw);
  const growthBox = el(
    'fieldset',
    { class: 'inline-fieldset' },
    el('legend', {}, 'Usage growth'),
    el('label', { for: 'rebound-kind-multiplier' }, kindMultiplier, ' as a multiplier'),
    el('label', { for: 'rebound-kind-elasticity' }, kindElasticity, ' as an elasticity'),
    multiplier.element,
    elasticity.element,
  );
  const out = el('div', { id: 'rebound-result', 'aria-live': 'polite' });
  const frame = chartFrame('chart-rebound-horizon', 'Cumulative energy saved: expected vs actual');
  element.append(el('div', { class: 'inputs' }, baseline.element, efficient.element, uses.element, growthBox, days.element, ramp.element), out, frame.figure);

  let last: TradeOffData | null = null;
  async function update(d: TradeOffData | null): Promise<void> {
    if (!d) return;
    last = d;
    const pts = d.points.filter((p) => p.energyJ);
    baseline.fill(pts, highestEnergy);
    efficient.fill(pts, lowestEnergy);
    const isMultiplier = kindMultiplier.checked;
    multiplier.element.hidden = !isMultiplier;
    elasticity.element.hidden = isMultiplier;
    const b = baseline.get();
    const e = efficient.get();
    if (!b || !e || pts.length < 2) {
      const why = d.points.length === 0 ? 'No completed cells yet: profile a model first.' : `Needs two cells with energy per inference; ${NO_ENERGY_YET} on ${d.points.length - pts.length} of ${d.points.length} cells.`;
      out.replaceChildren(el('p', { class: 'empty' }, why));
      emptyChart(frame, why);
      bus.publish('rebound', undefined);
      return;
    }
    const growth: UsageGrowth = isMultiplier ? { kind: 'multiplier', multiplier: multiplier.get() } : { kind: 'elasticity', elasticity: elasticity.get() };
    const r = rebound({ baselinePerUse: b.energyJ!, efficientPerUse: e.energyJ!, usesPerPeriod: uses.get(), growth, horizon: { periods: Math.round(days.get()), rampPeriods: Math.max(1, Math.round(ramp.get())) } });
    if (r.state === 'invalid') {
      out.replaceChildren(problemsEl(r.problems));
      emptyChart(frame, 'Fix the inputs above to draw the horizon.');
      bus.publish('rebound', undefined);
      return;
    }
    if (r.state === 'no-expected-saving') {
      out.replaceChildren(el('p', { class: 'notice' }, r.sentence), figureList([figureRow('Energy ratio baseline ÷ efficient', r.efficiencyRatio)]));
      emptyChart(frame, 'The efficient cell saves nothing per inference: pick another pair.');
      bus.publish('rebound', undefined);
      return;
    }
    bus.publish('rebound', r);
    out.replaceChildren(el('p', { class: `verdict backfire-${r.backfire}` }, r.sentence), resultFigures(r));
    await renderLines(frame, {
      points: horizonPoints(r),
      xLabel: 'Day →',
      yLabel: '↑ Cumulative energy saved (J)',
      description: 'Bands are the range carried from both cells’ energy intervals; usage grows linearly until its full value. Below zero: more energy than before the “efficient” change.',
      emptyReason: 'Horizon of zero days.',
      format: (v) => `${v.toPrecision(3)} J`,
      yTick: formatJoules,
    });
  }
  return { element, update };
}

function resultFigures(r: ReboundResult): HTMLElement {
  const rebound = r.rebound.state === 'estimated'
    ? figureRow('Rebound R (share of the expected saving taken back)', r.rebound.estimate)
    : [el('dt', {}, 'Rebound R'), el('dd', { title: r.rebound.reason }, `${(r.rebound.value * 100).toFixed(0)} % at the central values; no upper bound: ${r.rebound.reason}`)];
  return figureList(
    [
      figureRow('Expected saving per day (old usage)', r.expectedSavingJ),
      figureRow('Actual saving per day (grown usage)', r.actualSavingJ),
      rebound,
      [el('dt', {}, 'Backfire (R > 100 %)'), el('dd', { id: 'rebound-backfire', 'data-backfire': r.backfire }, r.backfire)],
      figureRow('Break-even usage multiplier (E_base ÷ E_eff)', r.breakEvenMultiplier),
      figureRow('Usage growth used', r.usageMultiplier),
    ],
    { id: 'rebound-figures' },
  );
}

function horizonPoints(r: ReboundResult): LinePoint[] {
  return r.horizon.flatMap((h) => [
    { series: 'expected (old usage)', x: h.period, y: h.cumulativeExpectedSavingJ.value, low: h.cumulativeExpectedSavingJ.low, high: h.cumulativeExpectedSavingJ.high, tip: `Day ${h.period}, expected: ${formatEstimate(h.cumulativeExpectedSavingJ)}\n${estimateTooltip(h.cumulativeExpectedSavingJ)}` },
    { series: 'actual (grown usage)', x: h.period, y: h.cumulativeActualSavingJ.value, low: h.cumulativeActualSavingJ.low, high: h.cumulativeActualSavingJ.high, tip: `Day ${h.period}, actual: ${formatEstimate(h.cumulativeActualSavingJ)} at usage ×${h.usageMultiplier.value.toFixed(2)}\n${estimateTooltip(h.cumulativeActualSavingJ)}` },
  ]);
}
