import { cellKey } from '../core/cell.js';
import type { Estimate } from '../core/estimate.js';
import type { CompletedResult, Fidelity, RunReport } from '../core/result-schema.js';
import { SYNTHETIC_INPUTS_CAVEAT } from '../core/inputs/input-source.js';
import { describeNonFinite, nonFiniteTotal } from '../core/non-finite.js';
import { groupByCell } from './cell-groups.js';
import { formatMs, formatSig } from './format-figures.js';
import { code, markdownTable } from './markdown-table.js';
import type { GateResult } from './regression-gate.js';
import { gateSection } from './report-markdown-gate.js';
import { nativeSection } from './report-markdown-native.js';
import { diagnoseSpread } from '../measure/spread-diagnosis.js';
import { estimateLabel } from '../estimates/estimate-labels.js';
import { wrongOutputReason } from './wrong-outputs.js';

/**
 * A hyperfine-like Markdown summary of a run, for the terminal, $GITHUB_STEP_SUMMARY and PR
 * comments. Every figure carries its unit; estimates carry their range and method.
 */
export function renderMarkdown(run: RunReport, gate?: GateResult): string {
  const parts = [header(run), latencySection(run), estimateNotes(run), nativeSection(run), warningsSection(run), problemSections(run)];
  if (gate) parts.push(gateSection(gate));
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

function header(run: RunReport): string {
  const e = run.environment;
  const counts = { completed: 0, errored: 0, skipped: 0 };
  for (const r of run.results) counts[r.state]++;
  const gpu = e.gpu.available
    ? `${[e.gpu.adapter.vendor, e.gpu.adapter.architecture, e.gpu.adapter.description].filter((s) => s !== '').join(' ')}${e.gpu.adapter.isFallbackAdapter ? ' (software fallback adapter)' : ''}`
    : `none (${e.gpu.reason})`;
  const p = run.protocol;
  const finished =
    run.finishedAt === null
      ? '**interrupted** (did not finish)'
      : run.notRun.length > 0
        ? `ended ${run.finishedAt}, **before ${run.notRun.length} planned cell${run.notRun.length > 1 ? 's' : ''}**`
        : `finished ${run.finishedAt}`;
  return [
    `# edgewatt bench: suite ${code(run.suite)}`,
    '',
    `- **Run** ${code(run.runId)} · ${run.tool.name} ${run.tool.version} · started ${run.startedAt} · ${finished}`,
    `- **Browser** ${e.userAgent} · ${e.hardwareConcurrency} logical cores · ${e.crossOriginIsolated ? 'cross-origin isolated' : 'not cross-origin isolated'}` +
      `${e.timerResolutionMs !== null ? ` (timer step ${formatMs(e.timerResolutionMs)})` : ''} · GPU: ${gpu}`,
    `- **Protocol** warm-up ${p.warmupMin}–${p.warmupMax} runs · ≥ ${p.samplesMin} samples and ≥ ${formatMs(p.budgetMs)} per cell (at most ${p.samplesMax}) · ` +
      `threads: ${p.threads === 0 ? "runtime's choice" : p.threads} · seed ${p.seed}`,
    `- **Cells** ${counts.completed} completed · ${counts.errored} errored · ${counts.skipped} skipped · ${run.notRun.length} not run`,
  ].join('\n');
}

/** Keys of the estimates present on any completed record, in a stable order. */
function estimateKeys(run: RunReport): string[] {
  const keys = new Set<string>();
  for (const r of run.results) if (r.state === 'completed' && r.estimates) for (const k of Object.keys(r.estimates)) keys.add(k);
  return [...keys].sort();
}

/** The headline estimates shown beside latency; the others are in results.json and the notes below. */
const HEADLINE_ESTIMATES = ['energyAttributableJ', 'energyBusyJ', 'carbonOperationalG', 'sciWallClockG'];

function latencySection(run: RunReport): string {
  const rows: string[][] = [];
  const present = estimateKeys(run);
  const headline = present.filter((k) => HEADLINE_ESTIMATES.includes(k));
  const keys = headline.length > 0 ? headline : present;
  for (const g of groupByCell(run).values()) {
    g.completed.forEach((r, i) => rows.push(latencyRow(r, g.completed.length > 1 ? ` #${i + 1}` : '', keys)));
  }
  if (rows.length === 0) return '## Latency per inference\n\nNo cell completed.';
  const head = ['Cell', 'Runtime', 'Backend', 'Median [95 % CI]', 'p10 / p90', 'n', 'Stable', 'Fidelity', ...keys.map(estimateLabel)];
  const align = head.map((_, i) => (i >= 3 && i <= 5 ? 'right' : 'left') as 'left' | 'right');
  return [
    '## Latency per inference (steady state)',
    '',
    markdownTable(head, rows, align),
    '',
    'Median of the steady-state samples with a bootstrap 95 % confidence interval. A cell is unstable when (p90 − p10) / median > 0.25: treat its figures with care. ' +
      'The word after the spread says what the samples show: *drift* (the level moved during the run), *interruptions* (a tight middle half, but pauses in over a tenth of the samples), *wide* (the middle half itself is wide).',
    ...inputsNote(run),
  ].join('\n');
}

/** One line on what the fidelity verdicts rest on, instead of the synthetic-inputs caveat on every cell. */
function inputsNote(run: RunReport): string[] {
  const synthetic = run.results.filter((r) => r.state === 'completed' && r.fidelity.state === 'compared' && r.fidelity.inputSource === 'synthetic').length;
  return synthetic === 0 ? [] : ['', `**Inputs:** the fidelity verdicts of ${synthetic} cell${synthetic > 1 ? 's' : ''} (marked *synthetic inputs*) rest on seeded inputs from default ranges and may not hold on real data: pass \`--inputs\` with real samples, or \`--input-range\` per input.`];
}

function latencyRow(r: CompletedResult, rep: string, keys: readonly string[]): string[] {
  const s = r.phases.steady.stats;
  const backend = r.effectiveBackend === r.cell.backend ? r.cell.backend : `${r.cell.backend} → **${r.effectiveBackend}** (fallback)`;
  return [
    `${r.cell.modelId}/${r.cell.variant}${rep}`,
    r.cell.runtime,
    backend,
    `${formatMs(s.medianMs)} [${formatSig(s.ciLowMs)}–${formatSig(s.ciHighMs)}]`,
    `${formatSig(s.p10Ms)} / ${formatSig(s.p90Ms)} ms`,
    String(s.n),
    s.unstable ? `⚠ unstable (spread ${s.spread.toFixed(2)}${unstableCause(r)})` : '✓',
    fidelityCell(r.fidelity, r),
    ...keys.map((k) => estimateCell(r.estimates?.[k])),
  ];
}

function unstableCause(r: CompletedResult): string {
  const d = diagnoseSpread(r.phases.steady.samplesMs, r.phases.steady.stats);
  return d ? `; ${d.cause}` : '';
}

function fidelityCell(f: Fidelity, r?: CompletedResult): string {
  const nonFinite = r?.nonFiniteOutputs ?? (f.state === 'compared' ? f.nonFinite : undefined);
  const bad = nonFinite && nonFiniteTotal(nonFinite) > 0 ? `✗ **${describeNonFinite(nonFinite)}**` : '';
  if (f.state === 'not-compared') return [bad, `not compared: ${f.reason}`].filter(Boolean).join('; ');
  const synthetic = f.inputSource === 'synthetic' ? ', *synthetic inputs*' : '';
  const detail = `cos ${f.cosineSimilarity.toFixed(4)}, max rel err ${formatSig(f.maxRelError)}${f.top1Agreement !== null ? `, top-1 ${(f.top1Agreement * 100).toFixed(0)} %` : ''}${synthetic}`;
  if (bad) return `${bad} (${detail})`;
  if (f.judged === false) return `not judged: outputs change by design (${detail})`;
  return f.pass ? `✓ ${detail}` : `✗ **wrong outputs** (${detail})`;
}

export function estimateCell(e: Estimate | undefined): string {
  if (!e) return '—';
  return `${formatSig(e.value)} ${e.unit} [${formatSig(e.low)}–${formatSig(e.high)}] ${e.method}`;
}

/** Per estimate column: its unit(s), the methods behind it and the reasons given, so no figure is shown bare. */
function estimateNotes(run: RunReport): string {
  const keys = estimateKeys(run);
  if (keys.length === 0) return '';
  const lines = keys.map((k) => {
    const units = new Set<string>();
    const methods = new Map<string, number>();
    const reasons = new Set<string>();
    for (const r of run.results) {
      const e = r.state === 'completed' ? r.estimates?.[k] : undefined;
      if (!e) continue;
      units.add(e.unit);
      methods.set(e.method, (methods.get(e.method) ?? 0) + 1);
      // per-cell details (sample counts) stay in results.json; the summary lists what the cells share
      for (const why of e.reasons) if (!/^median latency of \d+ timed samples/.test(why)) reasons.add(why);
    }
    const m = [...methods].map(([method, n]) => `${method} (${n} cell${n > 1 ? 's' : ''})`).join(', ');
    const why = reasons.size > 0 ? ` — ${[...reasons].join('; ')}` : '';
    const label = estimateLabel(k);
    return `- **${label}**${label !== k ? ` (\`${k}\`)` : ''} in ${[...units].join(', ')}: ${m}${why}`;
  });
  return ['### Estimates', '', 'Value [low–high] and how it was obtained (measured, calibrated, modelled or assumed).', '', ...lines].join('\n');
}

function warningsSection(run: RunReport): string {
  const lines: string[] = [];
  // the synthetic-inputs caveat is said once, under the latency table
  for (const r of run.results) if (r.state === 'completed') for (const w of r.warnings) if (w !== SYNTHETIC_INPUTS_CAVEAT) lines.push(`- ${code(cellKey(r.cell))}: ${w.replace(/\r?\n+/g, ' ')}`);
  return lines.length === 0 ? '' : ['## Warnings', '', ...lines].join('\n');
}

function problemSections(run: RunReport): string {
  const out: string[] = [];
  const errored = run.results.flatMap((r) => (r.state === 'errored' ? [r] : []));
  if (errored.length > 0) {
    const rows = errored.map((r) => [cellKey(r.cell), r.error.phase ?? '—', `${r.error.name}: ${r.error.message}`, r.error.hint ?? '—']);
    out.push(['## Errored cells', '', markdownTable(['Cell', 'Phase', 'Error', 'What to do'], rows)].join('\n'));
  }
  const skipped = run.results.flatMap((r) => (r.state === 'skipped' ? [r] : []));
  if (skipped.length > 0) {
    const rows = skipped.map((r) => [cellKey(r.cell), r.reason, r.hint ?? '—']);
    out.push(['## Skipped cells', '', markdownTable(['Cell', 'Reason', 'What to do'], rows)].join('\n'));
  }
  const wrong = run.results.flatMap((r) => {
    const why = r.state === 'completed' ? wrongOutputReason(r) : null;
    return r.state === 'completed' && why ? [{ r, why }] : [];
  });
  if (wrong.length > 0) {
    const lines = wrong.map(({ r, why }) => `- ${code(cellKey(r.cell))} on ${r.effectiveBackend}: ${why}`);
    out.push(['## Wrong outputs', '', 'These cells ran, but their timings measure a computation that gives wrong answers.', '', ...lines].join('\n'));
  }
  if (run.notRun.length > 0) {
    const rows = run.notRun.map((n) => [cellKey(n.cell), n.reason]);
    out.push(['## Not run', '', 'Planned, but the run ended before them; no figures exist for these cells.', '', markdownTable(['Cell', 'Reason'], rows)].join('\n'));
  }
  return out.join('\n\n');
}
