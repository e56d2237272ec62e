import { carbonBySeries } from '../../carbon/carbon-scenarios.js';
import { G_PER_KWH, type IntensityPoint, type IntensityResult } from '../../carbon/intensity-source.js';
import type { Estimate } from '../../core/estimate.js';
import { estimate } from '../../estimates/estimate-math.js';
import { estimateSpan } from '../energy/estimate-span.js';
import { el, formatNumber } from '../format.js';

const when = (iso: string) => iso.replace('T', ' ').replace(/:00(\.000)?Z$/, ' UTC').replace(/Z$/, ' UTC');

/**
 * The same inference over a live or forecast series (the seed paper's Fig. 2 for this cell):
 * UK half-hours over 48 h, or Denmark's recent 5-minute records. Without a series, says so.
 */
export function renderHourTable(host: HTMLElement, energyJ: Estimate, intensity: IntensityResult, recordSourceId: string | undefined): void {
  if (intensity.state === 'unsupported' || intensity.series.length === 0) {
    const why = intensity.state === 'unsupported' ? intensity.reason : intensity.state === 'fallback' ? intensity.reason : `${intensity.label} gives one figure for the year, not a series`;
    host.dataset.state = 'none';
    host.replaceChildren(
      el('p', { id: 'cell-detail-hours-none' }, `No live or forecast series for the current location: ${why}. Carbon by hour needs live data: Great Britain (UK Carbon Intensity, 48 h forecast) or Denmark (Energi Data Service, 5-minute records) — choose one in Energy & carbon and opt in to live data.`),
    );
    return;
  }
  host.dataset.state = 'series';
  const periods = carbonBySeries(energyJ, intensity.series);
  const values = periods.map((p) => p.carbonG.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const cleanest = periods.find((p) => p.carbonG.value === lo);
  const dirtiest = periods.find((p) => p.carbonG.value === hi);
  const same = recordSourceId === intensity.sourceId ? '' : ` This cell’s own figures used ${recordSourceId ?? 'another source'}; the series is the current setting’s.`;
  const head = el('tr', {}, ...['From', 'To', 'Zone', 'Kind', 'Intensity', 'Carbon per inference'].map((h) => el('th', { scope: 'col' }, h)));
  const rows = periods.map((p) =>
    el(
      'tr',
      { 'data-kind': p.kind },
      el('td', {}, when(p.from)),
      el('td', {}, when(p.to)),
      el('td', {}, p.zone ?? '—'),
      el('td', {}, p.kind),
      el('td', {}, estimateSpan(pointIntensity(p))),
      el('td', {}, estimateSpan(p.carbonG)),
    ),
  );
  host.replaceChildren(
    el(
      'p',
      { class: 'chart-note' },
      `${intensity.label}: ${periods.length} periods. Cleanest ${cleanest ? `${when(cleanest.from)} (${formatNumber(lo)} gCO2e)` : '—'}, dirtiest ${dirtiest ? `${when(dirtiest.from)} (${formatNumber(hi)} gCO2e)` : '—'}: ${(hi / Math.max(lo, Number.MIN_VALUE)).toFixed(1)}× for the same inference.${same}`,
    ),
    el('div', { class: 'table-wrap scroll-box' }, el('table', { id: 'cell-detail-hours-table', class: 'data-table' }, el('caption', {}, 'Same inference, different hour'), el('thead', {}, head), el('tbody', {}, ...rows))),
  );
}

/** A period of the series as a figure: an actual reading is measured, a forecast modelled. */
function pointIntensity(p: IntensityPoint): Estimate {
  return estimate({ value: p.gPerKWh, unit: G_PER_KWH, method: p.kind === 'actual' ? 'measured' : 'modelled', reasons: [`${p.kind} intensity ${p.from}–${p.to}${p.zone ? ` (${p.zone})` : ''}`] });
}
