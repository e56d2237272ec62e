import type { Backend, CellSpec, RuntimeName } from '../core/cell.js';
import { BACKENDS_BY_RUNTIME } from '../core/cell.js';
import { el } from './format.js';

const RUNTIME_LABEL: Record<RuntimeName, string> = { ort: 'onnxruntime-web', tfjs: 'TensorFlow.js' };

/** Checkboxes for every runtime × backend the project supports; all checked by default. */
export function renderCellPicker(container: HTMLElement): () => { runtime: RuntimeName; backend: Backend }[] {
  const grid = el('div', { class: 'cell-grid' });
  for (const runtime of Object.keys(BACKENDS_BY_RUNTIME) as RuntimeName[]) {
    for (const backend of BACKENDS_BY_RUNTIME[runtime]) {
      const id = `cell-${runtime}-${backend}`;
      const box = el('input', { type: 'checkbox', id, 'data-runtime': runtime, 'data-backend': backend });
      box.checked = true;
      grid.append(el('label', { for: id }, box, ` ${RUNTIME_LABEL[runtime]} · ${backend}`));
    }
  }
  container.append(grid);
  return () =>
    [...grid.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => ({ runtime: b.dataset.runtime as RuntimeName, backend: b.dataset.backend as Backend }));
}

/**
 * Every chosen model × variant that exists × runtime/backend. A runtime without that model's
 * format is still planned: its cell comes back skipped with the reason, rather than vanishing.
 */
export function cellsFor(
  models: readonly { id: string; variant: string }[],
  modelIds: readonly string[],
  variants: readonly string[],
  pairs: readonly { runtime: RuntimeName; backend: Backend }[],
): CellSpec[] {
  const cells: CellSpec[] = [];
  for (const modelId of modelIds)
    for (const variant of variants) {
      const m = models.find((x) => x.id === modelId && x.variant === variant);
      if (!m) continue;
      for (const p of pairs) cells.push({ modelId, variant, runtime: p.runtime, backend: p.backend });
    }
  return cells;
}
