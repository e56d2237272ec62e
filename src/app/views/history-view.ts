import type { ResultRecord } from '../../core/result-schema.js';
import type { ResultHistory } from '../../client/result-history-idb.js';
import type { AppContext, AppView } from '../app-context.js';
import { el, formatMs } from '../format.js';
import { historyExport, historyFileName, parseHistoryFile } from '../pwa/history-file.js';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function row(r: ResultRecord): HTMLTableRowElement {
  const when = new Date(r.createdAt);
  const median = r.state === 'completed' ? formatMs(r.phases.steady.stats.medianMs) : '—';
  const state = r.state === 'completed' ? r.state : `${r.state}: ${r.state === 'errored' ? r.error.message : r.reason}`;
  return el(
    'tr',
    { 'data-id': r.id, 'data-state': r.state, class: `state-${r.state}` },
    el('td', {}, el('time', { datetime: r.createdAt, title: r.createdAt }, Number.isNaN(when.getTime()) ? r.createdAt : dateFormat.format(when))),
    el('td', {}, r.cell.modelName),
    el('td', {}, r.cell.variant),
    el('td', {}, `${r.cell.runtime}/${r.cell.backend}`),
    el('td', { class: 'num' }, median),
    el('td', {}, state),
  );
}

function renderTable(host: HTMLElement, records: readonly ResultRecord[], stored: boolean): void {
  if (records.length === 0) {
    host.replaceChildren(el('p', { class: 'empty' }, 'No stored results yet: results of every run are kept here.'));
    return;
  }
  const newestFirst = [...records].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const head = el('tr', {}, ...['Date', 'Model', 'Variant', 'Cell (runtime/backend)', 'Median latency', 'State'].map((h) => el('th', { scope: 'col' }, h)));
  const caption = `${records.length} result${records.length === 1 ? '' : 's'} ${stored ? 'stored in this browser (IndexedDB)' : 'held by this page only'}, newest first. Median: steady-state latency per inference, measured.`;
  host.replaceChildren(el('div', { class: 'table-wrap' }, el('table', { id: 'history-table' }, el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, ...newestFirst.map(row)))));
}

function download(records: readonly ResultRecord[]): void {
  const blob = new Blob([JSON.stringify(historyExport(records), null, 1)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: historyFileName() });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Every stored result, with export, import (validated before anything is written) and clear. */
export function historyView(history: ResultHistory | null): AppView {
  return {
    id: 'history',
    title: 'History',
    mount(container: HTMLElement, ctx: AppContext) {
      const exportBtn = el('button', { type: 'button', id: 'history-export' }, 'Export all as JSON');
      const fileInput = el('input', { type: 'file', id: 'history-import', accept: 'application/json,.json' });
      const importLabel = el('label', { for: 'history-import', class: 'file-label' }, 'Import JSON ', fileInput);
      const clearBtn = el('button', { type: 'button', id: 'history-clear', 'aria-expanded': 'false', 'aria-controls': 'history-confirm' }, 'Clear history…');
      const message = el('div', { id: 'history-message', 'aria-live': 'polite' });
      const confirm = el('div', { id: 'history-confirm', class: 'confirm', hidden: '' });
      const table = el('div', { id: 'history-list' });
      const toolbar = el('div', { class: 'toolbar', role: 'group', 'aria-label': 'History actions' }, exportBtn, importLabel, clearBtn);
      container.append(toolbar, confirm, message);
      if (!history) {
        container.append(el('p', { class: 'warn-text', role: 'note' }, 'IndexedDB is not available here (private browsing?): results live only until this page closes. Export them before you leave.'));
      }
      container.append(table);

      const say = (text: string, kind: 'ok' | 'error', details: string[] = []) => {
        const box = el('div', { class: kind === 'error' ? 'error' : 'ok-text', role: kind === 'error' ? 'alert' : 'status' }, el('p', {}, text));
        if (details.length) box.append(el('ul', {}, ...details.map((d) => el('li', {}, d))));
        message.replaceChildren(box);
      };
      const draw = () => {
        renderTable(table, ctx.results, history !== null);
        exportBtn.disabled = ctx.results.length === 0;
        clearBtn.disabled = ctx.results.length === 0;
      };
      draw();
      ctx.on('results', draw);

      exportBtn.addEventListener('click', () => {
        download(ctx.results);
        say(`Exported ${ctx.results.length} results as ${historyFileName()}.`, 'ok');
      });

      fileInput.addEventListener('change', () => {
        const file = fileInput.files?.[0];
        if (!file) return;
        void (async () => {
          const parsed = parseHistoryFile(await file.text());
          fileInput.value = '';
          if (parsed.state === 'invalid') {
            say(`Could not import ${file.name}: ${parsed.message}`, 'error', parsed.problems);
            return;
          }
          try {
            if (history) {
              for (const r of parsed.records) await history.add(r);
              ctx.setResults(await history.all());
            } else {
              const known = new Set(ctx.results.map((r) => r.id));
              ctx.setResults([...ctx.results, ...parsed.records.filter((r) => !known.has(r.id))]);
            }
            say(`Imported ${parsed.records.length} results from ${file.name}; the results already stored were kept.`, 'ok');
          } catch (err) {
            say(`Import of ${file.name} stopped while storing: ${err instanceof Error ? err.message : String(err)}. Results stored before the error are kept; free some storage and import again.`, 'error');
          }
        })();
      });

      const closeConfirm = () => {
        confirm.hidden = true;
        confirm.replaceChildren();
        clearBtn.setAttribute('aria-expanded', 'false');
        clearBtn.focus();
      };
      confirm.addEventListener('keydown', (e) => void (e.key === 'Escape' && closeConfirm()));
      clearBtn.addEventListener('click', () => {
        const n = ctx.results.length;
        const yes = el('button', { type: 'button', id: 'history-clear-confirm', class: 'danger' }, `Delete all ${n} results`);
        const no = el('button', { type: 'button', id: 'history-clear-cancel' }, 'Cancel');
        confirm.replaceChildren(
          el('p', { id: 'history-confirm-text' }, `Delete all ${n} stored results from this browser? This cannot be undone: export them first if you may need them.`),
          yes,
          no,
        );
        confirm.setAttribute('role', 'group');
        confirm.setAttribute('aria-labelledby', 'history-confirm-text');
        confirm.hidden = false;
        clearBtn.setAttribute('aria-expanded', 'true');
        no.focus();
        no.addEventListener('click', closeConfirm);
        yes.addEventListener('click', () => {
          void (async () => {
            await history?.clear();
            ctx.setResults([]);
            closeConfirm();
            say(`Deleted ${n} results.`, 'ok');
          })();
        });
      });
    },
  };
}
