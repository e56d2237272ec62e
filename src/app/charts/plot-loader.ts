export type PlotModule = typeof import('@observablehq/plot');

let loading: Promise<PlotModule> | null = null;

/** Observable Plot (with d3) is ≈ 100 KB gzip: loaded once, on the first chart, never at start-up. */
export function loadPlot(): Promise<PlotModule> {
  loading ??= import('@observablehq/plot');
  return loading;
}

/** Chart width that fits the container, from a 360 px phone to a laptop. */
export function chartWidth(host: HTMLElement): number {
  const w = host.clientWidth || host.parentElement?.clientWidth || 640;
  return Math.max(260, Math.min(760, Math.floor(w)));
}
