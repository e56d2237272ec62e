import { lifeCycle, netSavingAt, type LifeCycleResult, type MakingCost } from '../../analysis/index.js';
import { multiply } from '../../estimates/estimate-math.js';
import { el, estimateTooltip } from '../format.js';
import { chartFrame, emptyChart } from './chart-frame.js';
import { cellSelect, highestEnergy, lowestEnergy } from './cell-select.js';
import { estimateField, numberField } from './estimate-field.js';
import { figureEl, figureList, figureRow, formatEstimate, formatJoules } from './figure-text.js';
import { renderLines, type LinePoint } from './line-chart.js';
import { profilingFootprint } from './making-costs.js';
import { type AnalysisBus, type Panel, panelSection, problemsEl, type TradeOffData } from './panel.js';
import { figureOf, NO_ENERGY_YET } from './record-figures.js';

const zero = (unit: string, why: string) => ({ value: 0, low: 0, high: 0, unit, method: 'assumed' as const, reasons: [why], sources: [] });

/** Energy spent making the efficient variant against what it saves per inference: break-even. */
export function lifeCyclePanel(bus: AnalysisBus): Panel {
  const element = panelSection(
    'panel-life-cycle',
    'Life cycle: when does making the variant pay back?',
    'Making an efficient variant costs energy too: forging and calibrating it, fine-tuning it, and profiling it here. It pays back only after enough inferences.',
  );
  const redraw = () => void update(last);
  const baseline = cellSelect('lc-baseline', 'Baseline cell', redraw);
  const efficient = cellSelect('lc-efficient', 'Efficient cell', redraw);
  const forgeS = numberField('lc-forge-s', 'Forge + calibration time on this device (s)', 0, redraw, { min: '0' });
  const fineTune = estimateField('lc-finetune', 'Fine-tuning energy', zero('kWh', 'no fine-tuning entered (0 when the variant needed none)'), redraw);
  const perDay = numberField('lc-per-day', 'Inferences per day in deployment', 10_000, redraw, { min: '1' });
  const tally = el('p', { id: 'lc-tally', class: 'chart-note' });
  const out = el('div', { id: 'life-cycle-result', 'aria-live': 'polite' });
  const frame = chartFrame('chart-break-even', 'Net energy saved vs inferences served');
  element.append(el('div', { class: 'inputs' }, baseline.element, efficient.element, forgeS.element, fineTune.element, perDay.element), tally, out, frame.figure);

  let last: TradeOffData | null = null;
  async function update(d: TradeOffData | null): Promise<void> {
    if (!d) return;
    last = d;
    const pts = d.points.filter((p) => p.energyJ);
    baseline.fill(pts, highestEnergy);
    efficient.fill(pts, lowestEnergy);
    const b = baseline.get();
    const e = efficient.get();
    const own = profilingFootprint(d.points.map((p) => p.record));
    tally.replaceChildren(
      'edgewatt’s own profiling footprint (latest result per cell): ',
      own.cost ? figureEl(own.cost.energy) : el('span', { class: 'empty' }, NO_ENERGY_YET),
      own.notCounted ? ` — ${own.notCounted} result(s) without an energy estimate are not counted.` : '',
    );
    if (!b || !e || pts.length < 2) {
      const why = d.points.length === 0 ? 'No completed cells yet: profile a model first.' : `Needs two cells with energy per inference; ${NO_ENERGY_YET} on ${d.points.length - pts.length} of ${d.points.length} cells.`;
      out.replaceChildren(el('p', { class: 'empty' }, why));
      emptyChart(frame, why);
      bus.publish('lifeCycle', undefined);
      return;
    }
    const costs: MakingCost[] = [];
    const power = figureOf(e.record, 'power', 'W');
    const seconds = forgeS.get();
    if (seconds > 0 && power) {
      const t = { value: seconds, low: seconds, high: seconds, unit: 's', method: 'assumed' as const, reasons: ['forge and calibration time entered by the user'], sources: [] };
      costs.push({ label: 'forge + calibration', kind: 'forge', energy: multiply(power, t, 'J') });
    }
    costs.push({ label: 'fine-tuning', kind: 'fine-tuning', energy: fineTune.get() });
    if (own.cost) costs.push(own.cost);
    const r = lifeCycle({ makingCosts: costs, baselinePerInference: b.energyJ!, efficientPerInference: e.energyJ!, inferencesPerDay: perDay.get() });
    if (r.state === 'invalid') {
      out.replaceChildren(problemsEl(r.problems));
      emptyChart(frame, 'Fix the inputs above to draw the break-even curve.');
      bus.publish('lifeCycle', undefined);
      return;
    }
    bus.publish('lifeCycle', r);
    const forgeNote = seconds > 0 && !power ? el('p', { class: 'notice' }, `The forge time is not counted: the efficient cell has no power estimate to turn seconds into joules (${NO_ENERGY_YET}).`) : '';
    out.replaceChildren(el('p', { class: `verdict break-even-${r.breakEven.state}` }, r.sentence), forgeNote, resultFigures(r));
    await renderLines(frame, breakEvenSpec(r));
  }
  return { element, update };
}

function resultFigures(r: LifeCycleResult): HTMLElement {
  const be = r.breakEven;
  const rows = [
    figureRow('Energy spent making the variant', r.makingJ),
    ...r.makingByItem.map((i) => figureRow(`— ${i.label} (${(i.share * 100).toFixed(0)} %)`, i.energyJ)),
    figureRow('Saving per inference', r.savingPerInferenceJ),
  ];
  if (be.state === 'breaks-even') {
    rows.push(figureRow('Break-even after (inferences)', be.inferences));
    if (be.days) rows.push(figureRow('Break-even after (days)', be.days));
  } else {
    rows.push([el('dt', {}, 'Break-even'), el('dd', { 'data-break-even': be.state }, be.state === 'never' ? `never: ${be.reason}` : `${Math.ceil(be.inferences.value)} inferences at the central saving; may never: ${be.reason}`)]);
  }
  return figureList(rows, { id: 'life-cycle-figures' });
}

function breakEvenSpec(r: LifeCycleResult) {
  const be = r.breakEven;
  const central = be.state === 'never' ? null : be.inferences.value;
  const xMax = central && Number.isFinite(central) ? Math.max(10, central * 2) : 1e6;
  const points: LinePoint[] = [];
  for (let k = 0; k <= 40; k++) {
    const n = (xMax * k) / 40;
    const net = netSavingAt(r.makingJ, r.savingPerInferenceJ, n);
    points.push({ series: 'net energy saved', x: Math.round(n), y: net.value, low: net.low, high: net.high, tip: `${Math.round(n)} inferences: net ${formatEstimate(net)}\n${estimateTooltip(net)}` });
  }
  return {
    points,
    xLabel: 'Inferences served →',
    yLabel: '↑ Net energy saved (J)',
    ...(central !== null && Number.isFinite(central) ? { marker: { x: central, label: 'break-even' } } : {}),
    description: 'Net = inferences × saving per inference − energy spent making the variant. Below zero the variant has not paid for itself yet; the band carries every input’s range.',
    emptyReason: 'Nothing to draw.',
    format: (v: number) => `${v.toPrecision(3)} J`,
    yTick: formatJoules,
  };
}
