import { type ChartFrame, dataTable, emptyChart } from './chart-frame.js';
import { chartWidth, loadPlot } from './plot-loader.js';

export interface Axis<T> {
  label: string;
  value: (d: T) => number;
  /** interval of the value (a CI or an estimate's range), drawn as a bar through the dot */
  low?: (d: T) => number;
  high?: (d: T) => number;
  log?: boolean;
  format: (d: T) => string;
  /** tick labels with their unit (Plot's default SI ticks would print "300m" for 0.3 ms) */
  tick?: (v: number) => string;
}

export interface ScatterSpec<T> {
  data: readonly T[];
  x: Axis<T>;
  y: Axis<T>;
  /** colour: the variant kind */
  colour: (d: T) => string;
  colourLabel: string;
  /** symbol: runtime/backend */
  symbol: (d: T) => string;
  symbolLabel: string;
  name: (d: T) => string;
  /** the tooltip of a dot: what it is and where each number comes from */
  tip: (d: T) => string;
  /** said to screen readers and under the chart */
  description: string;
  emptyReason: string;
}

interface Row<T> {
  d: T;
  x: number;
  y: number;
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  colour: string;
  symbol: string;
  tip: string;
  label: string;
}

/** A log axis cannot show zero or negative values: such points are dropped and counted in the note. */
function plottable<T>(spec: ScatterSpec<T>): { rows: Row<T>[]; dropped: number } {
  const rows: Row<T>[] = [];
  let dropped = 0;
  for (const d of spec.data) {
    const x = spec.x.value(d);
    const y = spec.y.value(d);
    const bad = (v: number, log?: boolean) => !Number.isFinite(v) || (log && v <= 0);
    if (bad(x, spec.x.log) || bad(y, spec.y.log)) {
      dropped++;
      continue;
    }
    const clampLow = (v: number, log?: boolean) => (log && !(v > 0) ? Number.NaN : v);
    rows.push({
      d,
      x,
      y,
      x1: clampLow(spec.x.low?.(d) ?? x, spec.x.log),
      x2: spec.x.high?.(d) ?? x,
      y1: clampLow(spec.y.low?.(d) ?? y, spec.y.log),
      y2: spec.y.high?.(d) ?? y,
      colour: spec.colour(d),
      symbol: spec.symbol(d),
      tip: spec.tip(d),
      label: `${spec.name(d)}: ${spec.x.format(d)}; ${spec.y.format(d)}`,
    });
  }
  return { rows, dropped };
}

/** A scatter plot of cells with interval bars, coloured by variant kind, shaped by runtime/backend. */
export async function renderScatter<T>(frame: ChartFrame, spec: ScatterSpec<T>): Promise<void> {
  const { rows, dropped } = plottable(spec);
  if (rows.length === 0) {
    emptyChart(frame, spec.emptyReason);
    return;
  }
  const Plot = await loadPlot();
  const width = chartWidth(frame.figure);
  const ticks = width < 480 ? 3 : 5;
  const chart = Plot.plot({
    width,
    height: 300,
    marginLeft: 64,
    ariaLabel: frame.figure.querySelector('figcaption')?.textContent ?? 'scatter plot',
    ariaDescription: spec.description,
    grid: true,
    x: { type: spec.x.log ? 'log' : 'linear', label: spec.x.label, nice: true, ticks, ...(spec.x.tick ? { tickFormat: spec.x.tick } : {}) },
    y: { type: spec.y.log ? 'log' : 'linear', label: spec.y.label, nice: true, ticks, ...(spec.y.tick ? { tickFormat: spec.y.tick } : {}) },
    color: { legend: true, label: spec.colourLabel, type: 'categorical' },
    symbol: { legend: true, label: spec.symbolLabel },
    marks: [
      Plot.ruleX(rows, { x: 'x', y1: 'y1', y2: 'y2', stroke: 'colour', strokeOpacity: 0.6, ariaHidden: 'true' }),
      Plot.ruleY(rows, { y: 'y', x1: 'x1', x2: 'x2', stroke: 'colour', strokeOpacity: 0.6, ariaHidden: 'true' }),
      // each dot is named for screen readers (the `label` field) and carries the full tooltip
      Plot.dot(rows, { x: 'x', y: 'y', fill: 'colour', symbol: 'symbol', r: 5, stroke: 'white', strokeWidth: 0.5, title: 'tip', ariaLabel: 'label', ariaDescription: 'cells', className: 'marks-cells' }),
    ],
  });
  frame.figure.dataset.state = 'drawn';
  frame.figure.dataset.points = String(rows.length);
  frame.plot.replaceChildren(chart);
  frame.note.textContent = `${spec.description}${dropped ? ` ${dropped} cell(s) not plotted: a value is zero, negative or missing on a log axis.` : ''}`;
  frame.table.replaceChildren(
    dataTable(
      ['Cell', spec.colourLabel, spec.symbolLabel, spec.x.label, spec.y.label],
      rows.map((r) => [spec.name(r.d), r.colour, r.symbol, spec.x.format(r.d), spec.y.format(r.d)]),
      'Every plotted cell with its figures',
    ),
  );
}
