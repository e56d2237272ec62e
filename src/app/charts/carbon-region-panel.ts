import { propagate } from '../../estimates/estimate-math.js';
import type { Estimate } from '../../core/estimate.js';
import { chosenLocation } from '../../carbon/location.js';
import { staticYearlySource } from '../../carbon/sources/static-yearly.js';
import { el, estimateTooltip } from '../format.js';
import { chartFrame, emptyChart } from './chart-frame.js';
import { cellSelect, lowestEnergy } from './cell-select.js';
import { COMPARISON_REGIONS } from './device-defaults.js';
import { formatEstimate, formatGrams } from './figure-text.js';
import { renderBars } from './interval-bars.js';
import { type Panel, panelSection, type TradeOffData } from './panel.js';
import { NO_ENERGY_YET } from './record-figures.js';

const J_PER_KWH = 3.6e6;

/** The same inference's operational carbon on different grids (CO2.js yearly averages). */
export function carbonRegionPanel(): Panel {
  const element = panelSection(
    'panel-carbon-region',
    'Same inference, different grid',
    'Energy is not carbon: the same inference emits up to ten times more on a coal-heavy grid. Yearly averages from CO2.js (Ember, Electricity Maps); the carbon of a given hour can differ widely, and live hourly data (UK, Denmark) needs the network.',
  );
  const redraw = () => void update(last);
  const cell = cellSelect('cr-cell', 'Cell', redraw);
  const frame = chartFrame('chart-carbon-region', 'Operational carbon per inference by grid');
  element.append(el('div', { class: 'inputs' }, cell.element), frame.figure);

  let last: TradeOffData | null = null;
  async function update(d: TradeOffData | null): Promise<void> {
    if (!d) return;
    last = d;
    const pts = d.points.filter((p) => p.energyJ);
    cell.fill(pts, lowestEnergy);
    const p = cell.get();
    if (!p?.energyJ) {
      emptyChart(frame, d.points.length ? `Needs a cell with energy per inference: ${NO_ENERGY_YET}.` : 'No completed cells yet: profile a model first.');
      return;
    }
    const source = staticYearlySource();
    const rows: { label: string; g: Estimate }[] = [];
    for (const region of COMPARISON_REGIONS) {
      const r = await source.current({ location: chosenLocation(region.code) });
      if (r.state === 'unsupported') continue;
      rows.push({ label: region.label, g: propagate([p.energyJ, r.intensity], ([e, i]) => ((e as number) / J_PER_KWH) * (i as number), 'gCO2e', ['operational carbon = energy (kWh) × yearly grid intensity']) });
    }
    await renderBars(frame, {
      parts: rows.map((r) => ({ bar: r.label, part: 'operational', value: r.g.value, tip: `${r.label}: ${formatEstimate(r.g)}\n${estimateTooltip(r.g)}` })),
      totals: rows.map((r) => ({ bar: r.label, low: r.g.low, high: r.g.high, tip: formatEstimate(r.g) })),
      xLabel: 'Carbon per inference (CO2e) →',
      description: `Attributable energy of ${p.modelName} ${p.variant} on ${p.runtime}/${p.backend} (${formatEstimate(p.energyJ)}) × each grid’s yearly average intensity; whiskers carry both ranges.`,
      emptyReason: 'No grid figures available.',
      format: (v) => `${v.toPrecision(3)} gCO2e`,
      tick: formatGrams,
    });
  }
  return { element, update };
}
