import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { BACKENDS_BY_RUNTIME } from '../../core/cell.js';
import type { LeaderboardQuery } from '../store/result-store.js';
import { LEADERBOARD_METRICS } from '../leaderboard/metric-keys.js';
import { deviceClassSchema } from '../../core/submission-schema.js';

const BACKENDS = [...new Set(Object.values(BACKENDS_BY_RUNTIME).flat())];

/** A plain GET form: filtering works without any script, which the CSP forbids anyway. */
export function filterForm(action: string, q: LeaderboardQuery): HtmlEscapedString {
  return html`<form method="get" action="${action}">
<label>Model id<input name="modelId" value="${q.modelId ?? ''}" maxlength="200"></label>
<label>Variant<input name="variant" value="${q.variant ?? ''}" maxlength="200"></label>
${select('Runtime', 'runtime', Object.keys(BACKENDS_BY_RUNTIME), q.runtime)}
${select('Backend', 'backend', BACKENDS, q.backend)}
${select('Device class', 'deviceClass', deviceClassSchema.options, q.deviceClass)}
${select('Rows per', 'scope', ['device', 'class'], q.scope, false)}
${select('Sort by', 'sort', LEADERBOARD_METRICS, q.sort, false)}
${select('Rows', 'status', ['ranked', 'provisional'], q.status ?? 'ranked', false)}
<button type="submit">Show</button>
</form>` as HtmlEscapedString;
}

function select(label: string, name: string, options: readonly string[], current: string | undefined, any = true): HtmlEscapedString {
  return html`<label>${label}<select name="${name}">
${any ? html`<option value="">any</option>` : ''}
${options.map((o) => html`<option value="${o}"${o === current ? html` selected` : ''}>${o}</option>`)}
</select></label>` as HtmlEscapedString;
}
