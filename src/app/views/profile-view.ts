import type { CellSpec, Protocol } from '../../core/cell.js';
import { cellKey } from '../../core/cell.js';
import type { CellProgress } from '../../core/worker-protocol.js';
import type { AppContext, AppView } from '../app-context.js';
import { cellsFor, renderCellPicker } from '../cell-picker.js';
import { el } from '../format.js';
import { renderProtocolPicker } from '../protocol-picker.js';
import type { RunController } from '../run-controller.js';

const DEFAULT_MODELS = ['mlp-s', 'cnn-s'];

function describeProgress(p: CellProgress): string {
  return p.target ? `${p.phase} ${p.done ?? 0}/${p.target}` : p.phase;
}

/** Pick models and runtime × backend cells, press Run, watch each cell's phase. */
export function profileView(runner: RunController): AppView {
  return {
    id: 'profile',
    title: 'Profile',
    mount(container: HTMLElement, _ctx: AppContext) {
      const pickerHost = el('div', { id: 'model-picker' });
      const cellsBox = el('fieldset', { id: 'cell-picker' }, el('legend', {}, 'Runtime × backend'));
      const protocolBox = el('fieldset', { id: 'protocol-picker' }, el('legend', {}, 'Protocol'));
      const run = el('button', { id: 'run', type: 'button' }, 'Run');
      const stop = el('button', { id: 'stop', type: 'button' }, 'Stop');
      const progress = el('ol', { id: 'progress', 'aria-live': 'polite' });
      container.append(pickerHost, cellsBox, protocolBox, run, stop, progress);
      const selectedCells = renderCellPicker(cellsBox);
      const protocol = renderProtocolPicker(protocolBox);

      const models = runner.models;
      if (runner.loadError) pickerHost.append(el('p', { class: 'error', role: 'alert' }, runner.loadError));
      const bases = models.filter((m) => m.variant === 'fp32');
      const select = el('select', { id: 'model-select', multiple: '', size: String(Math.min(10, Math.max(2, bases.length))), 'aria-label': 'Models to profile' });
      const groups = [
        { label: 'Zoo', members: bases.filter((m) => !m.inFamilyGrid) },
        { label: 'Architecture family (width × depth × input grid)', members: bases.filter((m) => m.inFamilyGrid) },
      ];
      for (const g of groups) {
        if (g.members.length === 0) continue;
        const group = el('optgroup', { label: g.label });
        for (const m of g.members) {
          const opt = el('option', { value: m.id }, m.name);
          // a first run stays quick: the two small generated models
          opt.selected = DEFAULT_MODELS.includes(m.id);
          group.append(opt);
        }
        select.append(group);
      }
      pickerHost.append(el('label', { for: 'model-select' }, 'Models '), select);
      const variantNames = [...new Set(models.map((m) => m.variant))];
      const variantBox = el('fieldset', { id: 'variant-picker' }, el('legend', {}, 'Variants where the model has them (ONNX: made by the forge; TF.js graph models: wq-* weight-storage quantisation)'));
      for (const v of variantNames) {
        const box = el('input', { type: 'checkbox', id: `variant-${v}`, value: v });
        box.checked = v === 'fp32';
        variantBox.append(el('label', { for: box.id }, box, ` ${v}`), ' ');
      }
      pickerHost.append(variantBox);
      const selectedVariants = () => [...variantBox.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);

      const line = (cell: CellSpec, text: string) => {
        const id = `progress-${cellKey(cell).replaceAll('/', '-')}`;
        let li = document.getElementById(id);
        if (!li) progress.append((li = el('li', { id })));
        li.textContent = `${cellKey(cell)}: ${text}`;
      };
      const sync = () => {
        run.disabled = runner.busy || models.length === 0;
        stop.disabled = !runner.busy;
      };
      runner.observers.add({
        onStart: () => {
          progress.replaceChildren();
          sync();
        },
        onCellStart: (cell, i, n) => line(cell, `starting (${i + 1} of ${n})`),
        onProgress: (cell, p) => line(cell, describeProgress(p)),
        onResult: (record) => line(record.cell, record.state),
        onEnd: sync,
      });
      sync();
      run.addEventListener('click', () => {
        const ids = [...select.selectedOptions].map((o) => o.value);
        void runner.execute(cellsFor(models, ids, selectedVariants(), selectedCells()), protocol() as Protocol, []);
      });
      stop.addEventListener('click', () => runner.stop());
    },
  };
}
