import { carbonByRegion } from '../../carbon/carbon-scenarios.js';
import type { Estimate } from '../../core/estimate.js';
import { countryLabel } from '../energy/location-options.js';
import { estimateSpan } from '../energy/estimate-span.js';
import { el } from '../format.js';

/** A spread of grids from hydro/nuclear to coal, with the world and EU averages (CO2.js yearly figures). */
export const COMPARISON_COUNTRIES = ['NOR', 'FRA', 'SWE', 'BRA', 'GBR', 'EU', 'DEU', 'USA', 'WORLD', 'JPN', 'CHN', 'POL', 'IND', 'ZAF'] as const;

/**
 * The same inference's operational carbon on other grids (the seed paper's Fig. 1d for this
 * cell): the attributable energy × each country's yearly average, intervals carried through.
 */
export async function renderRegionTable(host: HTMLElement, energyJ: Estimate, yourCountry: string): Promise<void> {
  const countries = COMPARISON_COUNTRIES.includes(yourCountry as never) ? [...COMPARISON_COUNTRIES] : [yourCountry, ...COMPARISON_COUNTRIES];
  const rows = await carbonByRegion(energyJ, countries);
  const max = Math.max(...rows.map((r) => r.carbonG?.high ?? 0), Number.MIN_VALUE);
  const head = el('tr', {}, ...['Grid', 'Yearly intensity', 'Operational carbon per inference', ''].map((h) => el('th', { scope: 'col' }, h)));
  const body = rows.map((r) => {
    const mine = r.country === yourCountry;
    const bar = el('td', { class: 'bar-cell', 'aria-hidden': 'true' });
    if (r.carbonG) {
      const range = el('span', { class: 'bar-range' });
      range.style.left = `${(100 * r.carbonG.low) / max}%`;
      range.style.width = `${(100 * (r.carbonG.high - r.carbonG.low)) / max}%`;
      const value = el('span', { class: 'bar-value' });
      value.style.width = `${(100 * r.carbonG.value) / max}%`;
      bar.append(value, range);
    }
    return el(
      'tr',
      { 'data-country': r.country, ...(mine ? { class: 'mine' } : {}) },
      el('th', { scope: 'row' }, `${countryLabel(r.country)}${mine ? ' — your location setting' : ''}`),
      el('td', {}, r.intensity ? estimateSpan(r.intensity) : (r.reason ?? '—')),
      el('td', {}, r.carbonG ? estimateSpan(r.carbonG) : 'not computed'),
      bar,
    );
  });
  const shown = rows.flatMap((r) => (r.carbonG ? [r.carbonG.value] : []));
  const spread = shown.length > 1 ? Math.max(...shown) / Math.max(Math.min(...shown), Number.MIN_VALUE) : 1;
  host.replaceChildren(
    el('p', { class: 'chart-note' }, `Attributable energy per inference × each grid’s yearly average (CO2.js: Ember, Electricity Maps). The dirtiest grid here emits ${spread.toFixed(0)}× the cleanest for the same inference.`),
    el('div', { class: 'table-wrap' }, el('table', { id: 'cell-detail-regions', class: 'data-table' }, el('caption', {}, 'Same inference, different grid'), el('thead', {}, head), el('tbody', {}, ...body))),
  );
}
