import type { RunReport } from '../core/result-schema.js';
import { formatMs, formatSig } from './format-figures.js';
import { code, markdownTable } from './markdown-table.js';

/**
 * The "browser tax": each onnxruntime-web cell against the same model and input run natively
 * by onnxruntime-node on the host with the same thread count. Same compute, different cost.
 */
export function nativeSection(run: RunReport): string {
  if (!run.native || run.native.length === 0) return '';
  const rows: string[][] = [];
  for (const r of run.results) {
    if (r.state !== 'completed' || r.cell.runtime !== 'ort') continue;
    const n = run.native.find((b) => b.modelId === r.cell.modelId && b.variant === r.cell.variant);
    if (!n) continue;
    const browser = r.phases.steady.stats.medianMs;
    if (n.state === 'unavailable') {
      rows.push([`${r.cell.modelId}/${r.cell.variant}`, r.cell.backend, formatMs(browser), `unavailable: ${n.reason}`, '—']);
      continue;
    }
    rows.push([
      `${r.cell.modelId}/${r.cell.variant}`,
      r.cell.backend,
      formatMs(browser),
      `${formatMs(n.stats.medianMs)} (${n.threads} thread${n.threads > 1 ? 's' : ''}, n ${n.stats.n})`,
      `${formatSig(browser / n.stats.medianMs)}×`,
    ]);
  }
  if (rows.length === 0) return '';
  const version = run.native.find((n) => n.state === 'completed');
  return [
    '## Browser ÷ native (onnxruntime-node on the host)',
    '',
    markdownTable(['Model', 'Browser backend', 'Browser median', 'Native median', 'Browser ÷ native'], rows, ['left', 'left', 'right', 'right', 'right']),
    '',
    `Native: ${version && version.state === 'completed' ? `${code(`onnxruntime-node ${version.runtimeVersion}`)}, CPU execution provider` : 'not available'}, same seeded input and protocol, run after the browser closed. Medians, measured.`,
  ].join('\n');
}
