import { formatChangePct, formatMs, formatP, formatRatio } from './format-figures.js';
import { code, markdownTable } from './markdown-table.js';
import type { CellComparison, GateResult } from './regression-gate.js';

const VERDICT_LABEL: Record<CellComparison['verdict'], string> = {
  faster: '🟢 faster',
  slower: '🟠 slower',
  unchanged: '⚪ unchanged',
  'missing-in-baseline': 'new (not in baseline)',
  'missing-in-run': 'missing in this run',
  'not-comparable': 'not comparable',
};

/** The "Comparison with baseline" section of the Markdown summary. */
export function gateSection(gate: GateResult): string {
  const conf = `${Math.round(gate.confidence * 100)} %`;
  const rows = gate.cells.map((c) => [
    c.key,
    c.regression ? '🔴 **regression**' : VERDICT_LABEL[c.verdict],
    c.ratio !== undefined ? formatChangePct(c.ratio) : '—',
    c.ratio !== undefined && c.ratioCI ? `${formatRatio(c.ratio)} [${formatRatio(c.ratioCI.low)}–${formatRatio(c.ratioCI.high)}]` : '—',
    c.pValue !== undefined ? formatP(c.pValue) : '—',
    c.baselineMedianMs !== undefined ? formatMs(c.baselineMedianMs) : '—',
    c.runMedianMs !== undefined ? formatMs(c.runMedianMs) : '—',
    c.notes.length > 0 ? c.notes.join('; ') : '—',
  ]);
  const verdict = gate.pass
    ? `**Gate: passed** — no cell is significantly slower by more than +${gate.thresholdPct} %.`
    : `**Gate: failed** — ${gate.regressions} cell${gate.regressions > 1 ? 's are' : ' is'} significantly slower by more than +${gate.thresholdPct} %.`;
  const warnings = gate.warnings.length > 0 ? ['', 'The two runs differ in ways that weaken every comparison:', '', ...gate.warnings.map((w) => `- ${w}`)] : [];
  return [
    '## Comparison with baseline',
    '',
    `Baseline run ${code(gate.baseline.runId)} (suite ${code(gate.baseline.suite)}, started ${gate.baseline.startedAt}). ` +
      `Ratio = this run's median ÷ the baseline's, with a bootstrap ${conf} interval (${gate.resamples} resamples, seed ${gate.seed}). ` +
      `A cell is slower or faster only when the interval excludes 1, and fails the gate only when it is slower by more than +${gate.thresholdPct} %.`,
    '',
    markdownTable(['Cell', 'Verdict', 'Change', `Ratio [${conf} CI]`, 'p', 'Baseline median', 'This run', 'Notes'], rows, [
      'left',
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'left',
    ]),
    '',
    verdict,
    ...warnings,
  ].join('\n');
}
