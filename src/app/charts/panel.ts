import type { Environment } from '../../core/environment.js';
import type { CausalFigureSources } from '../../analysis/index.js';
import { el } from '../format.js';
import type { CellPoint } from './cell-points.js';

/** What every trade-off panel draws from. */
export interface TradeOffData {
  points: CellPoint[];
  olderResults: number;
  notCompleted: number;
  environment: Environment | null;
  /** why FLOPs/params are missing, when the model manifest could not be read */
  manifestError: string | null;
}

/** Latest result of each analysis, so the causal-loop diagram can show the same numbers. */
export class AnalysisBus extends EventTarget {
  readonly latest: CausalFigureSources = {};

  publish<K extends keyof CausalFigureSources>(key: K, value: CausalFigureSources[K] | undefined): void {
    if (value === undefined) delete this.latest[key];
    else this.latest[key] = value;
    this.dispatchEvent(new Event('change'));
  }
}

export interface Panel {
  element: HTMLElement;
  update(data: TradeOffData): Promise<void>;
}

/** A panel's section with its own heading (h3 under the view's h2) and an intro sentence. */
export function panelSection(id: string, title: string, intro: string): HTMLElement {
  return el('section', { class: 'panel', id, 'aria-labelledby': `${id}-h` }, el('h3', { id: `${id}-h` }, title), el('p', { class: 'intro' }, intro));
}

/** Problems an analysis refused its inputs with, as a list the person can act on. */
export function problemsEl(problems: readonly string[]): HTMLElement {
  return el('div', { class: 'error', role: 'alert' }, el('p', {}, 'These inputs cannot be used:'), el('ul', {}, ...problems.map((p) => el('li', {}, p))));
}

export const cellLabel = (p: CellPoint) => `${p.modelName} ${p.variant} · ${p.runtime}/${p.backend}`;
