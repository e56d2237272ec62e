import { type ChartFrame, dataTable, emptyChart } from './chart-frame.js';
import { chartWidth, loadPlot } from './plot-loader.js';

export interface BarPart {
  /** the bar (a row) this part belongs to */
  bar: string;
  /** stacked component, e.g. operational / embodied; the colour */
  part: string;
  value: number;
  tip: string;
}

export interface BarTotal {
  bar: string;
  low: number;
  high: number;
  tip: string;
}

export interface BarsSpec {
  parts: readonly BarPart[];
  /** interval of each bar's total, drawn as a whisker */
  totals: readonly BarTotal[];
  xLabel: string;
  description: string;
  emptyReason: string;
  format: (v: number) => string;
  /** x tick labels with their unit */
  tick?: (v: number) => string;
}

/** Horizontal stacked bars with an interval whisker per bar (edge vs cloud, devices missing a budget). */
export async function renderBars(frame: ChartFrame, spec: BarsSpec): Promise<void> {
  const parts = spec.parts.filter((p) => Number.isFinite(p.value));
  if (parts.length === 0) {
    emptyChart(frame, spec.emptyReason);
    return;
  }
  const Plot = await loadPlot();
  const bars = [...new Set(parts.map((p) => p.bar))];
  const totals = spec.totals.filter((t) => Number.isFinite(t.low) && Number.isFinite(t.high));
  const width = chartWidth(frame.figure);
  const chart = Plot.plot({
    width,
    height: 50 + bars.length * 44,
    marginLeft: Math.min(170, width * 0.38, 12 + 6.5 * Math.max(...bars.map((b) => b.length))),
    ariaLabel: frame.figure.querySelector('figcaption')?.textContent ?? 'bar chart',
    ariaDescription: spec.description,
    x: { label: spec.xLabel, grid: true, nice: true, ticks: width < 480 ? 3 : 5, ...(spec.tick ? { tickFormat: spec.tick } : {}) },
    y: { label: null, domain: bars },
    color: { legend: true, type: 'categorical' },
    marks: [
      Plot.barX(parts, { y: 'bar', x: 'value', fill: 'part', title: 'tip', ariaLabel: 'tip', className: 'marks-bars' }),
      Plot.ruleX([0]),
      Plot.ruleY(totals, { y: 'bar', x1: 'low', x2: 'high', stroke: '#111', strokeWidth: 1.5, ariaHidden: 'true' }),
      Plot.tickX(totals, { y: 'bar', x: 'low', stroke: '#111', ariaHidden: 'true' }),
      Plot.tickX(totals, { y: 'bar', x: 'high', stroke: '#111', title: 'tip', ariaHidden: 'true' }),
    ],
  });
  frame.figure.dataset.state = 'drawn';
  frame.figure.dataset.points = String(parts.length);
  frame.plot.replaceChildren(chart);
  frame.note.textContent = spec.description;
  frame.table.replaceChildren(
    dataTable(
      ['Bar', 'Part', spec.xLabel],
      [...parts.map((p) => [p.bar, p.part, spec.format(p.value)]), ...totals.map((t) => [t.bar, 'total range', `${spec.format(t.low)} – ${spec.format(t.high)}`])],
      'Every bar part and each total’s range',
    ),
  );
}
