import { type ChartFrame, dataTable, emptyChart } from './chart-frame.js';
import { chartWidth, loadPlot } from './plot-loader.js';

export interface LinePoint {
  series: string;
  x: number;
  y: number;
  low: number;
  high: number;
  /** tooltip of the point */
  tip: string;
}

export interface LineSpec {
  points: readonly LinePoint[];
  xLabel: string;
  yLabel: string;
  /** a vertical marker, e.g. the break-even point */
  marker?: { x: number; label: string };
  description: string;
  emptyReason: string;
  xLog?: boolean;
  format: (v: number) => string;
  /** y tick labels with their unit */
  yTick?: (v: number) => string;
}

/** Series over a horizon with their intervals as bands and a zero line. */
export async function renderLines(frame: ChartFrame, spec: LineSpec): Promise<void> {
  const pts = spec.points.filter((p) => [p.x, p.y, p.low, p.high].every(Number.isFinite) && (!spec.xLog || p.x > 0));
  if (pts.length === 0) {
    emptyChart(frame, spec.emptyReason);
    return;
  }
  const Plot = await loadPlot();
  const marker = spec.marker && Number.isFinite(spec.marker.x) ? spec.marker : null;
  const chart = Plot.plot({
    width: chartWidth(frame.figure),
    height: 280,
    marginLeft: 70,
    ariaLabel: frame.figure.querySelector('figcaption')?.textContent ?? 'line chart',
    ariaDescription: spec.description,
    grid: true,
    x: { label: spec.xLabel, type: spec.xLog ? 'log' : 'linear' },
    y: { label: spec.yLabel, nice: true, ticks: 5, ...(spec.yTick ? { tickFormat: spec.yTick } : {}) },
    color: { legend: true, type: 'categorical' },
    marks: [
      Plot.areaY(pts, { x: 'x', y1: 'low', y2: 'high', fill: 'series', fillOpacity: 0.15, ariaHidden: 'true' }),
      Plot.ruleY([0], { stroke: '#555' }),
      Plot.lineY(pts, { x: 'x', y: 'y', stroke: 'series', strokeWidth: 2, className: 'marks-series', ariaDescription: 'series' }),
      Plot.dot(pts, { x: 'x', y: 'y', fill: 'series', r: 2.5, title: 'tip', ariaHidden: 'true' }),
      ...(marker
        ? [
            Plot.ruleX([marker.x], { stroke: '#b00020', strokeDasharray: '4,3', className: 'marks-marker' }),
            Plot.text([marker], { x: 'x', text: 'label', frameAnchor: 'top', dx: 4, textAnchor: 'start', fill: '#b00020' }),
          ]
        : []),
    ],
  });
  frame.figure.dataset.state = 'drawn';
  frame.figure.dataset.points = String(pts.length);
  frame.plot.replaceChildren(chart);
  frame.note.textContent = spec.description;
  frame.table.replaceChildren(
    dataTable(
      ['Series', spec.xLabel, spec.yLabel, 'Low', 'High'],
      pts.map((p) => [p.series, String(p.x), spec.format(p.y), spec.format(p.low), spec.format(p.high)]),
      'Every plotted point with its interval',
    ),
  );
}
