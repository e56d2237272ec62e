import { el } from '../format.js';
import type { CellPoint } from './cell-points.js';
import { formatEstimate } from './figure-text.js';
import { cellLabel } from './panel.js';

export interface CellSelect {
  element: HTMLLabelElement;
  /** the chosen cell, or null when none can be chosen */
  get(): CellPoint | null;
  /** refills the options: a choice the person made stays while its cell exists; otherwise `fallback` picks */
  fill(points: readonly CellPoint[], fallback: (points: readonly CellPoint[]) => CellPoint | undefined): void;
}

/** A labelled <select> of measured cells, each option with its energy figure. */
export function cellSelect(id: string, label: string, onChange: () => void): CellSelect {
  const select = el('select', { id });
  let current: readonly CellPoint[] = [];
  let chosenByPerson = false;
  select.addEventListener('change', () => {
    chosenByPerson = true;
    onChange();
  });
  return {
    element: el('label', { for: id, class: 'select-field' }, `${label} `, select),
    get: () => current.find((p) => p.key === select.value) ?? null,
    fill(points, fallback) {
      const keep = select.value;
      current = points;
      select.replaceChildren(...points.map((p) => el('option', { value: p.key }, `${cellLabel(p)}${p.energyJ ? ` — ${formatEstimate(p.energyJ)}` : ''}`)));
      const chosen = (chosenByPerson ? points.find((p) => p.key === keep) : undefined) ?? fallback(points);
      if (chosen) select.value = chosen.key;
      select.disabled = points.length === 0;
    },
  };
}

/** Default pair for "baseline vs efficient": the highest and the lowest energy per inference. */
export const byEnergy = (points: readonly CellPoint[]) => [...points].sort((a, b) => (b.energyJ?.value ?? 0) - (a.energyJ?.value ?? 0));
export const highestEnergy = (points: readonly CellPoint[]) => byEnergy(points)[0];
export const lowestEnergy = (points: readonly CellPoint[]) => byEnergy(points).at(-1);
