import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import type { Estimate } from '../core/estimate.js';
import { cell, completed, errored, latencySamples, runReport, seededRandom, skipped } from './fixtures/run-report-fixture.js';
import { compareWithBaseline } from './regression-gate.js';
import { renderMarkdown } from './report-markdown.js';

const rng = seededRandom(8);
const energy: Estimate = { value: 0.0123, low: 0.008, high: 0.02, unit: 'J', method: 'modelled', reasons: ['Teads curve, 1 of 2 cores busy'], sources: [] };
const carbon: Estimate = { value: 1.5e-6, low: 1e-6, high: 2.6e-6, unit: 'gCO2e', method: 'assumed', reasons: ['world average 473 g/kWh'], sources: [] };

const mlp = cell('mlp-s', 'ort', 'wasm');
const cnnGpu = cell('cnn-s', 'tfjs', 'webgpu');
const run = runReport(
  [
    completed(mlp, latencySamples(rng, 80, 0.42), { estimates: { energyJ: energy, carbonG: carbon }, warnings: ['3 nodes placed on CPU'] }),
    completed(cnnGpu, latencySamples(rng, 50, 12, 0.4), { effectiveBackend: 'cpu' }),
    errored(cell('cnn-s', 'ort', 'webgpu'), 'shader | compile failed\nat line 3', 'update the GPU driver'),
    skipped(cell('mlp-s', 'tfjs', 'webgl'), 'no WebGL2 context'),
  ],
  [{ cell: cell('cnn-s', 'tfjs', 'cpu'), reason: 'interrupted by SIGINT' }],
  'ci',
);

interface Table {
  header: string[];
  rows: string[][];
}

/** The summary's "schema": every table parses as GFM with as many cells per row as its header. */
function parse(md: string): { headings: string[]; tables: Table[] } {
  const tokens = marked.lexer(md);
  const headings = tokens.filter((t): t is Tokens.Heading => t.type === 'heading').map((h) => `${'#'.repeat(h.depth)} ${h.text}`);
  const tables = tokens
    .filter((t): t is Tokens.Table => t.type === 'table')
    .map((t) => {
      const lines = t.raw.trim().split('\n');
      const pipes = (l: string) => (l.match(/(?<!\\)\|/g) ?? []).length;
      for (const l of lines) expect(pipes(l), `row "${l}"`).toBe(pipes(lines[0]!));
      return { header: t.header.map((c) => c.text), rows: t.rows.map((r) => r.map((c) => c.text)) };
    });
  return { headings, tables };
}

describe('renderMarkdown', () => {
  const md = renderMarkdown(run);
  const { headings, tables } = parse(md);

  it('has the sections a reader looks for, in order', () => {
    expect(headings).toEqual([
      '# edgewatt bench: suite `ci`',
      '## Latency per inference (steady state)',
      '### Estimates',
      '## Warnings',
      '## Errored cells',
      '## Skipped cells',
      '## Not run',
    ]);
  });

  it('shows one latency row per completed cell with median, CI, p10/p90, n and stability', () => {
    const t = tables[0]!;
    expect(t.header).toEqual(['Cell', 'Runtime', 'Backend', 'Median [95 % CI]', 'p10 / p90', 'n', 'Stable', 'Fidelity', 'carbonG', 'energyJ']);
    expect(t.rows).toHaveLength(2);
    const [mlpRow, cnnRow] = t.rows as [string[], string[]];
    expect(mlpRow[0]).toBe('mlp-s/fp32');
    expect(mlpRow[3]).toMatch(/^0\.4\d\d ms \[0\.4\d\d–0\.4\d\d\]$/);
    expect(mlpRow[4]).toMatch(/^0\.\d+ \/ 0\.\d+ ms$/);
    expect(mlpRow[5]).toBe('80');
    expect(mlpRow[6]).toBe('✓');
    // the fixture's samples are independent draws with 40 % jitter: no drift, a wide middle
    expect(cnnRow[6]).toMatch(/^⚠ unstable \(spread \d\.\d\d; wide\)$/);
  });

  it('shows requested and effective backend when they differ', () => {
    expect(tables[0]!.rows[1]![2]).toBe('webgpu → **cpu** (fallback)');
    expect(tables[0]!.rows[0]![2]).toBe('wasm');
  });

  it('shows each estimate with unit, range and method, and explains the columns', () => {
    const row = tables[0]!.rows[0]!;
    expect(row[9]).toBe('0.0123 J [0.00800–0.0200] modelled');
    expect(row[8]).toBe('1.50e-6 gCO2e [1.00e-6–2.60e-6] assumed');
    expect(tables[0]!.rows[1]![9]).toBe('—');
    expect(md).toContain('- **energyJ** in J: modelled (1 cell) — Teads curve, 1 of 2 cores busy');
  });

  it('lists errored, skipped and not-run cells with their reasons, keeping pipes inside one cell', () => {
    const errors = tables.find((t) => t.header[0] === 'Cell' && t.header[2] === 'Error')!;
    expect(errors.rows).toEqual([['cnn-s/fp32/ort/webgpu', 'load', 'Error: shader | compile failed at line 3', 'update the GPU driver']]);
    const skippedT = tables.find((t) => t.header[1] === 'Reason' && t.header.length === 3)!;
    expect(skippedT.rows).toEqual([['mlp-s/fp32/tfjs/webgl', 'no WebGL2 context', '—']]);
    const notRun = tables.find((t) => t.header.length === 2)!;
    expect(notRun.rows).toEqual([['cnn-s/fp32/tfjs/cpu', 'interrupted by SIGINT']]);
    expect(md).toContain('`mlp-s/fp32/ort/wasm`: 3 nodes placed on CPU');
  });

  it('says when a run was interrupted or ended before some cells', () => {
    expect(md).toContain('ended 2025-01-01T00:05:00.000Z, **before 1 planned cell**');
    expect(renderMarkdown({ ...run, finishedAt: null })).toContain('**interrupted** (did not finish)');
    expect(renderMarkdown({ ...run, notRun: [] })).toContain('finished 2025-01-01T00:05:00.000Z');
  });

  it('adds a gate section with verdict, ratio interval and the outcome', () => {
    const rng2 = seededRandom(4);
    const base = runReport([completed(mlp, latencySamples(rng2, 80, 0.3)), completed(cell('gone', 'ort', 'wasm'), latencySamples(rng2, 50, 1))]);
    const gate = compareWithBaseline(run, base, { thresholdPct: 10 });
    const out = renderMarkdown(run, gate);
    const parsed = parse(out);
    expect(parsed.headings.at(-1)).toBe('## Comparison with baseline');
    const g = parsed.tables.at(-1)!;
    expect(g.header).toEqual(['Cell', 'Verdict', 'Change', 'Ratio [95 % CI]', 'p', 'Baseline median', 'This run', 'Notes']);
    const row = Object.fromEntries(g.rows.map((r) => [r[0], r]));
    expect(row['mlp-s/fp32/ort/wasm']![1]).toBe('🔴 **regression**');
    expect(row['mlp-s/fp32/ort/wasm']![2]).toMatch(/^\+\d+\.\d %$/);
    expect(row['mlp-s/fp32/ort/wasm']![3]).toMatch(/^1\.\d{3}× \[1\.\d{3}×–1\.\d{3}×\]$/);
    expect(row['gone/fp32/ort/wasm']![1]).toBe('missing in this run');
    expect(row['cnn-s/fp32/tfjs/webgpu']![1]).toBe('new (not in baseline)');
    expect(out).toContain('**Gate: failed** — 1 cell is significantly slower by more than +10 %.');
  });

  it('still renders a valid summary when no cell completed', () => {
    const empty = runReport([errored(mlp, 'boom')]);
    const out = renderMarkdown(empty);
    expect(out).toContain('No cell completed.');
    expect(parse(out).tables).toHaveLength(1);
  });
});
