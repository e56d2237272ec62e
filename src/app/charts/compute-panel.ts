import { findDiscrepancies, spearman, type SpearmanResult } from '../../analysis/index.js';
import { el, estimateTooltip, formatMs } from '../format.js';
import { type CellPoint, toDiscrepancyCell } from './cell-points.js';
import { chartFrame } from './chart-frame.js';
import { formatCount, formatEstimate, formatJoules } from './figure-text.js';
import { type Panel, panelSection, type TradeOffData, cellLabel } from './panel.js';
import { NO_ENERGY_YET } from './record-figures.js';
import { type Axis, renderScatter, type ScatterSpec } from './scatter-chart.js';

const big = formatCount;

function tip(p: CellPoint): string {
  const s = p.record.phases.steady.stats;
  const lines = [
    cellLabel(p),
    `Latency: median ${formatMs(p.medianMs)} (95 % CI ${formatMs(p.ciLowMs)}–${formatMs(p.ciHighMs)}), measured over ${s.n} samples in this browser`,
  ];
  if (p.accounting) lines.push(`Parameters ${big(p.accounting.params)}, FLOPs ${big(p.accounting.flops)} per inference (model manifest: ${p.accounting.flopsMethod})`);
  else lines.push('Parameters and FLOPs: not in the model manifest');
  lines.push(p.energyJ ? `Energy per inference (attributable): ${formatEstimate(p.energyJ)}\n${estimateTooltip(p.energyJ)}` : `Energy: ${NO_ENERGY_YET}`);
  return lines.join('\n');
}

const latencyAxis: Axis<CellPoint> = {
  label: 'Latency per inference, median →',
  value: (p) => p.medianMs,
  low: (p) => p.ciLowMs,
  high: (p) => p.ciHighMs,
  log: true,
  tick: formatMs,
  format: (p) => `${formatMs(p.medianMs)} (95 % CI ${formatMs(p.ciLowMs)}–${formatMs(p.ciHighMs)}, measured)`,
};
const energyAxis: Axis<CellPoint> = {
  label: 'Energy per inference, attributable →',
  value: (p) => p.energyJ?.value ?? Number.NaN,
  low: (p) => p.energyJ?.low ?? Number.NaN,
  high: (p) => p.energyJ?.high ?? Number.NaN,
  log: true,
  tick: formatJoules,
  format: (p) => (p.energyJ ? formatEstimate(p.energyJ) : NO_ENERGY_YET),
};
const paramsAxis: Axis<CellPoint> = {
  label: 'Parameters (count) →',
  value: (p) => p.accounting?.params ?? Number.NaN,
  log: true,
  tick: formatCount,
  format: (p) => (p.accounting ? `${formatCount(p.accounting.params)} parameters (model manifest)` : 'not in the model manifest'),
};
const flopsAxis: Axis<CellPoint> = {
  label: 'FLOPs per inference →',
  value: (p) => p.accounting?.flops ?? Number.NaN,
  log: true,
  tick: formatCount,
  format: (p) => (p.accounting ? `${big(p.accounting.flops)} (manifest, ${p.accounting.flopsMethod})` : 'not in manifest'),
};

function base(data: CellPoint[], description: string, emptyReason: string): Omit<ScatterSpec<CellPoint>, 'x' | 'y'> {
  return {
    data,
    colour: (p) => p.variantKind,
    colourLabel: 'Variant kind',
    symbol: (p) => p.runtimeBackend,
    symbolLabel: 'Runtime/backend',
    name: cellLabel,
    tip,
    description,
    emptyReason,
  };
}

function spearmanEl(id: string, r: SpearmanResult): HTMLElement {
  const text = r.state === 'invalid' ? `Cannot correlate: ${r.problems.join(' ')}` : r.sentence;
  return el('p', { id, class: `spearman state-${r.state}`, 'data-state': r.state, title: 'Spearman rank correlation (simple-statistics sampleRankCorrelation, ties at their mean rank); a label for the strength, not a significance test.' }, text);
}

/** Compute ≠ energy ≠ carbon: three scatter plots, two rank correlations and the "did not pay" list. */
export function computePanel(): Panel {
  const element = panelSection(
    'panel-compute',
    'Compute ≠ latency ≠ energy',
    'Fewer parameters or FLOPs do not guarantee a faster or cheaper inference: the runtime, the backend and the kernels decide. Each dot is the latest result of one cell; bars are its 95 % CI (latency) or the estimate’s range (energy).',
  );
  const noEnergy = el('p', { class: 'notice', id: 'compute-no-energy', role: 'note', hidden: '' });
  const frames = {
    paramsLatency: chartFrame('chart-params-latency', 'Parameters vs latency'),
    flopsEnergy: chartFrame('chart-flops-energy', 'FLOPs vs energy per inference'),
    latencyEnergy: chartFrame('chart-latency-energy', 'Latency vs energy per inference'),
  };
  const stats = el('div', { class: 'spearman-box', 'aria-live': 'polite' });
  const findings = el('div', { id: 'did-not-pay' });
  element.append(
    noEnergy,
    el('div', { class: 'chart-grid' }, frames.paramsLatency.figure, frames.flopsEnergy.figure, frames.latencyEnergy.figure),
    el('h4', {}, 'Rank correlation on this device'),
    stats,
    el('h4', { id: 'did-not-pay-h' }, 'Efficiency that did not pay'),
    findings,
  );

  async function update(d: TradeOffData): Promise<void> {
    const pts = d.points;
    const withEnergy = pts.filter((p) => p.energyJ);
    const withAcc = pts.filter((p) => p.accounting);
    noEnergy.hidden = pts.length === 0 || withEnergy.length > 0;
    noEnergy.textContent = `${pts.length} measured cell(s), but ${NO_ENERGY_YET}: energy charts stay empty until the estimation stage adds energy to results. Latency is measured and shown.`;
    const noAcc = d.manifestError ? `No parameter or FLOP counts: ${d.manifestError}` : 'No cell of a model listed in the model manifest (FLOPs and parameters come from it).';
    const none = 'No completed cells yet: profile a model first.';
    const energyEmpty = pts.length === 0 ? none : `${NO_ENERGY_YET}: none of the ${pts.length} measured cells carries an energy estimate.`;

    await Promise.all([
      renderScatter(frames.paramsLatency, {
        ...base(withAcc, 'Parameters from the model manifest (counted from the graph); latency measured here. Log–log axes.', pts.length ? noAcc : none),
        x: paramsAxis,
        y: latencyAxis,
      }),
      renderScatter(frames.flopsEnergy, {
        ...base(withAcc.filter((p) => p.energyJ), 'FLOPs from the model manifest; energy is the attributable estimate per inference with its method and range. Log–log axes.', withEnergy.length ? noAcc : energyEmpty),
        x: flopsAxis,
        y: energyAxis,
      }),
      renderScatter(frames.latencyEnergy, {
        ...base(withEnergy, 'Latency measured; energy estimated. A modelled energy grows with latency by construction: a measured or calibrated one is the real test.', energyEmpty),
        x: latencyAxis,
        y: energyAxis,
      }),
    ]);

    const flopsEnergy = withAcc.filter((p) => p.energyJ);
    stats.replaceChildren(
      spearmanEl(
        'spearman-flops-energy',
        spearman(
          flopsEnergy.map((p) => p.accounting!.flops),
          flopsEnergy.map((p) => p.energyJ!.value),
          { x: 'FLOPs', y: 'energy per inference', yMethods: flopsEnergy.map((p) => p.energyJ!.method) },
        ),
      ),
      spearmanEl(
        'spearman-flops-latency',
        spearman(
          withAcc.map((p) => p.accounting!.flops),
          withAcc.map((p) => p.medianMs),
          { x: 'FLOPs', y: 'measured latency', yMethods: withAcc.map(() => 'measured' as const) },
        ),
      ),
    );

    const gpu = d.environment?.gpu;
    const f16 = gpu && gpu.available ? gpu.adapter.features.includes('shader-f16') : undefined;
    const report = findDiscrepancies(pts.map((p) => toDiscrepancyCell(p, f16)));
    if (report.state === 'invalid') {
      findings.replaceChildren(el('p', { class: 'error' }, report.problems.join(' ')));
      return;
    }
    const list = report.findings.length
      ? el(
          'ul',
          { class: 'findings', 'aria-labelledby': 'did-not-pay-h' },
          ...report.findings.map((f) =>
            el('li', { 'data-kind': f.kind, 'data-confidence': f.confidence }, el('span', { class: `tag ${f.confidence}` }, f.confidence === 'clear' ? 'clear' : 'inconclusive'), ' ', f.sentence),
          ),
        )
      : el('p', { class: 'empty' }, pts.length ? 'No finding among the measured cells: every variant that should be cheaper is, within the confidence intervals.' : none);
    const skipped = report.skipped.length
      ? el('details', {}, el('summary', {}, `${report.skipped.length} cell(s) not checked`), el('ul', {}, ...report.skipped.map((s) => el('li', {}, `${s.modelId} ${s.cell.variant} ${s.cell.runtime}/${s.cell.backend}: ${s.reason}`))))
      : '';
    findings.replaceChildren(list, skipped);
  }
  return { element, update };
}
