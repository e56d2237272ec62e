import { z } from 'zod';
import { median } from 'simple-statistics';
import type { CompletedResult, RunReport } from '../core/result-schema.js';
import { groupByCell } from './cell-groups.js';
import { formatSig } from './format-figures.js';

/**
 * github-action-benchmark's custom format (`tool: customSmallerIsBetter`): a JSON array of
 * {name, unit, value, range?, extra?}. `range` is free text the action shows in tooltips and reads
 * as "± number"; `extra` is free text. Names must be unique and stable across runs: the action
 * draws one chart per name and compares a name with its previous value.
 */
export const gabEntrySchema = z
  .object({
    name: z.string().min(1),
    unit: z.string().min(1),
    value: z.number().finite(),
    range: z.string().regex(/^± \d/).optional(),
    extra: z.string().optional(),
  })
  .strict();
export const gabReportSchema = z.array(gabEntrySchema).refine((es) => new Set(es.map((e) => e.name)).size === es.length, { message: 'entry names must be unique' });
export type GabEntry = z.infer<typeof gabEntrySchema>;

/** One latency entry per completed cell (repetitions combined), plus one per estimate of that cell. */
export function renderGab(run: RunReport): GabEntry[] {
  const out: GabEntry[] = [];
  for (const g of groupByCell(run).values()) {
    if (g.completed.length === 0) continue;
    out.push(latencyEntry(g.key, g.completed));
    out.push(...estimateEntries(g.key, g.completed));
  }
  return out;
}

function latencyEntry(key: string, reps: readonly CompletedResult[]): GabEntry {
  const stats = reps.map((r) => r.phases.steady.stats);
  const value = stats.length === 1 ? (stats[0]?.medianMs as number) : median(stats.map((s) => s.medianMs));
  // one half-width that covers every repetition's interval: the action reads a single "± x"
  const half = Math.max(...stats.map((s) => Math.max(s.ciHighMs - value, value - s.ciLowMs)));
  const backends = [...new Set(reps.map((r) => r.effectiveBackend))];
  const first = stats[0];
  const extra = [
    stats.length === 1 && first
      ? `95% CI ${formatSig(first.ciLowMs)}–${formatSig(first.ciHighMs)} ms; p10 ${formatSig(first.p10Ms)} ms, p90 ${formatSig(first.p90Ms)} ms; n ${first.n}`
      : `median of ${stats.length} repetitions: ${stats.map((s) => formatSig(s.medianMs)).join(', ')} ms; n ${stats.reduce((n, s) => n + s.n, 0)}`,
    `backend ${reps[0]?.cell.backend}${backends.length === 1 && backends[0] === reps[0]?.cell.backend ? '' : ` (ran on ${backends.join('+')})`}`,
    ...(stats.some((s) => s.unstable) ? ['unstable: (p90 − p10) / median > 0.25'] : []),
    ...(reps.some((r) => r.fidelity.state === 'compared' && !r.fidelity.pass) ? ['WRONG OUTPUTS: fidelity check failed'] : []),
  ].join('\n');
  return { name: `${key} latency median`, unit: 'ms', value, range: `± ${formatSig(Math.max(0, half))}`, extra };
}

function estimateEntries(key: string, reps: readonly CompletedResult[]): GabEntry[] {
  const keys = new Set<string>();
  for (const r of reps) for (const k of Object.keys(r.estimates ?? {})) keys.add(k);
  const out: GabEntry[] = [];
  for (const k of [...keys].sort()) {
    const es = reps.flatMap((r) => (r.estimates?.[k] ? [r.estimates[k]] : []));
    const units = new Set(es.map((e) => e.unit));
    // repetitions in different units cannot be combined into one figure honestly; keep the first only
    const same = es.filter((e) => e.unit === es[0]?.unit);
    const value = same.length === 1 ? (same[0]?.value as number) : median(same.map((e) => e.value));
    const low = Math.min(...same.map((e) => e.low));
    const high = Math.max(...same.map((e) => e.high));
    const unit = same[0]?.unit as string;
    const extra = [
      `range ${formatSig(low)}–${formatSig(high)} ${unit}`,
      `method ${[...new Set(same.map((e) => e.method))].join('+')}`,
      ...[...new Set(same.flatMap((e) => e.reasons))],
      ...(units.size > 1 ? [`repetitions in other units left out: ${[...units].slice(1).join(', ')}`] : []),
    ].join('\n');
    out.push({ name: `${key} ${k}`, unit, value, range: `± ${formatSig(Math.max(value - low, high - value))}`, extra });
  }
  return out;
}
