import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { AggregateRow, MetricAggregate } from '../store/result-store.js';
import { formatGrams, formatMs, formatSi } from './quantity-format.js';

export interface TableLinks {
  model(modelId: string): string;
  device(deviceId: string): string;
}

/** Every value from the store is interpolated through `html`, which escapes it. */
export function leaderboardTable(rows: readonly AggregateRow[], links: TableLinks): HtmlEscapedString {
  if (rows.length === 0) {
    return html`<p class="empty">No rows match yet. A row is ranked once enough devices from several networks have shared it; held-back rows are listed under “provisional”.</p>` as HtmlEscapedString;
  }
  return html`<table>
<thead><tr>
<th>Model</th><th>Variant</th><th>Runtime</th><th>Backend</th><th>Device</th><th>n<br><small>devices · networks</small></th>
<th>Latency per inference<br><small>median (IQR), measured</small></th>
<th>Energy per inference<br><small>median [typical interval], method</small></th>
<th>Operational carbon</th><th>SCI per inference</th>
</tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr>
<td><a href="${links.model(r.modelId)}">${r.modelId}</a></td>
<td>${r.variant}</td><td>${r.runtime}</td><td>${r.backend}</td>
<td>${r.deviceId ? html`<a href="${links.device(r.deviceId)}">${r.deviceLabel}</a>` : html`all ${r.deviceLabel}s`}${provisionalMark(r)}</td>
<td class="num">${r.n}<br><small>${r.devices} dev · ${r.networks} net</small></td>
<td class="num">${formatMs(r.latencyMs.median)} <small>(${formatMs(r.latencyMs.p25)}–${formatMs(r.latencyMs.p75)})</small></td>
<td class="num">${estimateCell(r.energyJ, (v) => formatSi(v, 'J'))}</td>
<td class="num">${estimateCell(r.carbonGCO2e, formatGrams)}</td>
<td class="num">${estimateCell(r.sciGCO2e, formatGrams)}</td>
</tr>`,
)}
</tbody>
</table>` as HtmlEscapedString;
}

/** Held-back rows say so in the row itself, so a copied or screenshotted row cannot pass as ranked. */
function provisionalMark(r: AggregateRow): HtmlEscapedString | string {
  if (!r.provisional) return '';
  const why = r.outlier ? 'over 10× from its class’s peers' : 'awaiting corroboration from more devices or networks';
  return html`<br><strong>provisional</strong> <small>(not ranked: ${why})</small>` as HtmlEscapedString;
}

function estimateCell(m: MetricAggregate | null, fmt: (v: number) => string): HtmlEscapedString | string {
  if (!m) return 'not estimated';
  const interval = m.low !== null && m.high !== null ? ` [${fmt(m.low)}–${fmt(m.high)}]` : '';
  return html`${fmt(m.median)}<small>${interval}<br>${m.methods.join(', ')}, n=${m.n}</small>` as HtmlEscapedString;
}
