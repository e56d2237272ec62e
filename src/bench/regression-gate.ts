import type { CellSpec } from '../core/cell.js';
import type { RunReport } from '../core/result-schema.js';
import { deriveSeed } from '../core/seeded-random.js';
import { bootstrapRatioOfMedians } from './bootstrap-ratio.js';
import { groupByCell, steadySampleGroups, type CellGroup } from './cell-groups.js';
import { DEFAULT_THRESHOLD_PCT } from './suite-schema.js';

/*
 * Why a bootstrap interval of the ratio of medians, and not Mann-Whitney U:
 * - the gate's question is "did the median latency grow by more than X %?"; the interval is on
 *   exactly that quantity, so significance and the threshold speak of the same number, and the
 *   report can show the ratio with its interval;
 * - Mann-Whitney tests P(run > baseline) ≠ ½. With hundreds of samples it flags shape changes
 *   (a longer tail from one GC pause) that leave the median unchanged, and it yields no interval
 *   for the ratio;
 * - medians shrug off the outliers timing samples always have; no normality is assumed.
 * The p-value is the bootstrap's own, so it can never disagree with the interval.
 * Known limit: samples are treated as exchangeable within a session; slow drift inside a session
 * (thermal throttling) makes the interval too narrow. Repetitions are resampled as groups, which
 * is the honest remedy: run suites with repetitions > 1 where drift matters.
 */

export type Verdict = 'faster' | 'slower' | 'unchanged' | 'missing-in-baseline' | 'missing-in-run' | 'not-comparable';

export interface CellComparison {
  key: string;
  cell: CellSpec;
  verdict: Verdict;
  /** median(run) ÷ median(baseline) of the steady-state samples; > 1 is slower */
  ratio?: number;
  ratioCI?: { low: number; high: number };
  pValue?: number;
  runMedianMs?: number;
  baselineMedianMs?: number;
  nRun: number;
  nBaseline: number;
  /** slower, significantly, and by more than the threshold: this fails the gate */
  regression: boolean;
  /** why a cell could not be compared, or what to keep in mind about the comparison */
  notes: string[];
}

export interface GateOptions {
  /** a regression needs ratio − 1 > thresholdPct / 100 (default 10) */
  thresholdPct?: number;
  /** confidence level of the ratio interval (default 0.95) */
  confidence?: number;
  resamples?: number;
  /** base seed; each cell derives its own from it and its key, so results do not depend on cell order */
  seed?: number;
  /** fewer steady-state samples than this on either side: not comparable (default 10) */
  minSamples?: number;
}

export interface GateResult {
  method: 'bootstrap-ratio-of-medians';
  thresholdPct: number;
  confidence: number;
  resamples: number;
  seed: number;
  baseline: { runId: string; suite: string; startedAt: string };
  cells: CellComparison[];
  regressions: number;
  /** false when at least one cell is a regression */
  pass: boolean;
  /** differences between the two runs' environments that make every comparison weaker */
  warnings: string[];
}

export function compareWithBaseline(run: RunReport, baseline: RunReport, options: GateOptions = {}): GateResult {
  const thresholdPct = options.thresholdPct ?? DEFAULT_THRESHOLD_PCT;
  const confidence = options.confidence ?? 0.95;
  const resamples = options.resamples ?? 2000;
  const seed = options.seed ?? 1;
  const minSamples = options.minSamples ?? 10;
  if (!(thresholdPct >= 0) || !Number.isFinite(thresholdPct)) throw new RangeError(`thresholdPct must be a finite number >= 0, got ${thresholdPct}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must lie in (0, 1), got ${confidence}`);

  const runCells = groupByCell(run);
  const baseCells = groupByCell(baseline);
  const cells: CellComparison[] = [];
  for (const [key, g] of runCells) {
    const b = baseCells.get(key);
    cells.push(compareCell(g, b, { thresholdPct, confidence, resamples, seed: deriveSeed(seed, key), minSamples }));
  }
  for (const [key, b] of baseCells) {
    if (runCells.has(key)) continue;
    cells.push({ ...empty(b, 'missing-in-run'), notes: ['in the baseline, not planned in this run'], nBaseline: countSamples(b) });
  }
  const regressions = cells.filter((c) => c.regression).length;
  return {
    method: 'bootstrap-ratio-of-medians',
    thresholdPct,
    confidence,
    resamples,
    seed,
    baseline: { runId: baseline.runId, suite: baseline.suite, startedAt: baseline.startedAt },
    cells,
    regressions,
    pass: regressions === 0,
    warnings: environmentWarnings(run, baseline),
  };
}

interface CellOptions {
  thresholdPct: number;
  confidence: number;
  resamples: number;
  seed: number;
  minSamples: number;
}

function compareCell(g: CellGroup, b: CellGroup | undefined, o: CellOptions): CellComparison {
  const nRun = countSamples(g);
  if (!b) {
    const state = g.completed.length > 0 ? [] : [`in this run: ${describeStates(g)}`];
    return { ...empty(g, 'missing-in-baseline'), nRun, notes: ['not in the baseline', ...state] };
  }
  const nBaseline = countSamples(b);
  const base = { ...empty(g, 'not-comparable'), nRun, nBaseline };
  if (g.completed.length === 0) {
    if (g.records.length === 0) return { ...base, verdict: 'missing-in-run', notes: g.notRun.map((r) => `did not run: ${r}`) };
    return { ...base, notes: [`no completed repetition in this run (${describeStates(g)})`] };
  }
  if (b.completed.length === 0) return { ...base, notes: [`no completed repetition in the baseline (${describeStates(b)})`] };

  const runBackends = new Set(g.completed.map((r) => r.effectiveBackend));
  const baseBackends = new Set(b.completed.map((r) => r.effectiveBackend));
  if (!sameSet(runBackends, baseBackends)) {
    return {
      ...base,
      notes: [`effective backend differs: baseline ran on ${[...baseBackends].join('+')}, this run on ${[...runBackends].join('+')}`],
    };
  }
  if (nRun < o.minSamples || nBaseline < o.minSamples) {
    return { ...base, notes: [`too few steady-state samples (run ${nRun}, baseline ${nBaseline}; need ${o.minSamples})`] };
  }
  const runGroups = steadySampleGroups(g);
  const baseGroups = steadySampleGroups(b);
  const notes = comparisonNotes(g, b);
  const r = bootstrapRatioOfMedians(runGroups, baseGroups, { seed: o.seed, resamples: o.resamples, confidence: o.confidence });
  if (!(r.runMedianMs > 0 && r.baselineMedianMs > 0)) {
    return { ...base, notes: [...notes, 'a median is 0 ms (below the timer resolution): time batches of runs to compare this cell'] };
  }
  const verdict: Verdict = r.ciLow > 1 ? 'slower' : r.ciHigh < 1 ? 'faster' : 'unchanged';
  return {
    ...base,
    verdict,
    ratio: r.ratio,
    ratioCI: { low: r.ciLow, high: r.ciHigh },
    pValue: r.pValue,
    runMedianMs: r.runMedianMs,
    baselineMedianMs: r.baselineMedianMs,
    regression: verdict === 'slower' && r.ratio - 1 > o.thresholdPct / 100,
    notes,
  };
}

function empty(g: CellGroup, verdict: Verdict): CellComparison {
  return { key: g.key, cell: g.cell, verdict, nRun: 0, nBaseline: 0, regression: false, notes: [] };
}

function countSamples(g: CellGroup): number {
  return g.completed.reduce((n, r) => n + r.phases.steady.samplesMs.length, 0);
}

function describeStates(g: CellGroup): string {
  const parts = g.records.map((r) => (r.state === 'errored' ? `errored: ${r.error.message}` : r.state === 'skipped' ? `skipped: ${r.reason}` : r.state));
  if (g.notRun.length > 0) parts.push(...g.notRun.map((n) => `not run: ${n}`));
  return parts.join('; ') || 'no record';
}

function comparisonNotes(g: CellGroup, b: CellGroup): string[] {
  const notes: string[] = [];
  const versions = (x: CellGroup) => [...new Set(x.completed.map((r) => r.runtimeVersion))].join('+');
  if (versions(g) !== versions(b)) notes.push(`runtime version ${versions(b)} → ${versions(g)}`);
  const threads = (x: CellGroup) => [...new Set(x.completed.map((r) => r.threads))].join('+');
  if (threads(g) !== threads(b)) notes.push(`threads ${threads(b)} → ${threads(g)}`);
  if (g.completed.some((r) => r.phases.steady.stats.unstable) || b.completed.some((r) => r.phases.steady.stats.unstable)) {
    notes.push('unstable timings on at least one side: (p90 − p10) / median > 0.25');
  }
  return notes;
}

function environmentWarnings(run: RunReport, baseline: RunReport): string[] {
  const w: string[] = [];
  const a = baseline.environment;
  const b = run.environment;
  if (a.userAgent !== b.userAgent) w.push(`browser differs: baseline "${a.userAgent}", this run "${b.userAgent}"`);
  if (a.hardwareConcurrency !== b.hardwareConcurrency) w.push(`logical cores differ: ${a.hardwareConcurrency} → ${b.hardwareConcurrency}`);
  if (a.crossOriginIsolated !== b.crossOriginIsolated) w.push(`cross-origin isolation differs: ${a.crossOriginIsolated} → ${b.crossOriginIsolated}`);
  const gpu = (e: RunReport['environment']) => (e.gpu.available ? `${e.gpu.adapter.vendor} ${e.gpu.adapter.architecture} ${e.gpu.adapter.description}`.trim() : 'none');
  if (gpu(a) !== gpu(b)) w.push(`GPU adapter differs: "${gpu(a)}" → "${gpu(b)}"`);
  if (JSON.stringify(run.protocol) !== JSON.stringify(baseline.protocol)) w.push('measurement protocol differs (warm-up, sample budget, threads or seed)');
  return w;
}

function sameSet<T>(a: Set<T>, b: Set<T>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
