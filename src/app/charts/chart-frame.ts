import { el } from '../format.js';

export interface ChartFrame {
  figure: HTMLElement;
  /** where the plot goes; replaced on every render */
  plot: HTMLElement;
  /** the same numbers as a table, for screen readers and for copying */
  table: HTMLElement;
  note: HTMLElement;
}

/**
 * A chart's figure: a heading-like caption, the plot, a note (method, missing data) and a
 * collapsible data table with every plotted number.
 */
export function chartFrame(id: string, caption: string): ChartFrame {
  const plot = el('div', { class: 'chart-plot', id: `${id}-plot` });
  const note = el('p', { class: 'chart-note', id: `${id}-note` });
  const table = el('div', { class: 'table-wrap' });
  const figure = el(
    'figure',
    { class: 'chart', id, 'aria-labelledby': `${id}-caption`, 'aria-describedby': `${id}-note` },
    el('figcaption', { id: `${id}-caption` }, caption),
    plot,
    note,
    el('details', {}, el('summary', {}, 'Data table'), table),
  );
  return { figure, plot, table, note };
}

export function dataTable(headers: readonly string[], rows: readonly (readonly string[])[], caption: string): HTMLTableElement {
  return el(
    'table',
    { class: 'data-table' },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))),
  );
}

/** Replaces the plot with a sentence saying why there is nothing to draw. */
export function emptyChart(frame: ChartFrame, why: string): void {
  frame.figure.dataset.state = 'empty';
  frame.plot.replaceChildren(el('p', { class: 'empty chart-empty' }, why));
  frame.table.replaceChildren();
}
