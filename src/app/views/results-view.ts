import type { AppContext, AppView } from '../app-context.js';
import { renderEnvironment } from '../environment-panel.js';
import { el } from '../format.js';
import { renderResultsTable } from '../results-table.js';

export const resultsView: AppView = {
  id: 'results',
  title: 'Results',
  mount(container: HTMLElement, ctx: AppContext) {
    const table = el('div', { id: 'results-table' });
    const env = el('div', { id: 'environment-panel' }, el('p', { class: 'empty' }, 'Collected when a run ends.'));
    container.append(table, el('h3', {}, 'Environment'), env);
    const draw = () => renderResultsTable(table, ctx.results);
    draw();
    ctx.on('results', draw);
    ctx.on('environment', () => ctx.environment && renderEnvironment(env, ctx.environment));
  },
};
