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

export function cellsFor(modelIds: readonly string[], pairs: readonly { runtime: RuntimeName; backend: Backend }[]): CellSpec[] {
  return modelIds.flatMap((modelId) => pairs.map((p) => ({ modelId, variant: 'fp32', runtime: p.runtime, backend: p.backend })));
}
