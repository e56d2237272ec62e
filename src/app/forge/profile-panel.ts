import type { Backend } from '../../core/cell.js';
import { protocolSchema } from '../../core/cell.js';
import type { PlanModel } from '../../client/plan-model.js';
import type { CellSpec } from '../../core/cell.js';
import { el } from '../format.js';
import type { RunController, RunEvents } from '../run-controller.js';

export interface ProfileRequest {
  models: PlanModel[];
  cells: CellSpec[];
}

/**
 * "Profile these": the backends to run on and a short protocol, then the forged models go
 * through the same runner as the zoo's, so their rows land in the Results view.
 */
export function renderProfilePanel(container: HTMLElement, runner: RunController, plan: (backends: Backend[]) => ProfileRequest | string): { enable(on: boolean): void } {
  const defaults = protocolSchema.parse({});
  const backends = (['wasm', 'webgpu'] as const).map((b) => {
    const box = el('input', { type: 'checkbox', id: `forge-backend-${b}`, value: b });
    box.checked = true;
    return box;
  });
  const samples = el('input', { type: 'number', id: 'forge-samples', min: '1', value: String(defaults.samplesMin) });
  const budget = el('input', { type: 'number', id: 'forge-budget', min: '0', value: String(defaults.budgetMs) });
  const button = el('button', { type: 'button', id: 'forge-profile', disabled: '' }, 'Profile these');
  const status = el('p', { id: 'forge-profile-status', role: 'status', 'aria-live': 'polite' });
  const box = el(
    'fieldset',
    { id: 'forge-profile-box' },
    el('legend', {}, 'Profile the model and its variants on onnxruntime-web'),
    ...backends.map((b) => el('label', { for: b.id }, b, ` ${b.value}`)),
    ' ',
    el('label', { for: samples.id }, 'Min. samples ', samples),
    ' ',
    el('label', { for: budget.id }, 'Time budget per cell (ms) ', budget),
    ' ',
    button,
    status,
  );
  container.replaceChildren(box);
  let ready = false;
  const sync = () => {
    button.disabled = !ready || runner.busy;
  };
  runner.observers.add({ onStart: sync, onEnd: sync });

  button.addEventListener('click', () => {
    const chosen = backends.filter((b) => b.checked).map((b) => b.value as Backend);
    if (chosen.length === 0) {
      status.textContent = 'Tick wasm, webgpu or both, then press Profile these.';
      return;
    }
    if (runner.busy) {
      status.textContent = 'A run is already in progress (see Profile); wait for it to end, then press Profile these again.';
      return;
    }
    const request = plan(chosen);
    if (typeof request === 'string') {
      status.textContent = request;
      return;
    }
    const protocol = protocolSchema.parse({ samplesMin: Number(samples.value), budgetMs: Number(budget.value) });
    const mine: RunEvents = {
      onCellStart: (cell, i, n) => void (status.textContent = `Profiling ${cell.variant} on ${cell.backend} (${i + 1} of ${n})…`),
      onResult: (r, i, n) => void (status.textContent = `${i + 1} of ${n} cells done (last: ${r.cell.variant} on ${r.cell.backend}, ${r.state}).`),
    };
    runner.observers.add(mine);
    status.dataset.state = 'running';
    runner
      .execute(request.cells, protocol, request.models)
      .then(
        ({ results }) => {
          const counts = ['completed', 'skipped', 'errored'].map((s) => `${results.filter((r) => r.state === s).length} ${s}`).join(', ');
          status.replaceChildren(`Profiled ${results.length} cells (${counts}): see `, el('a', { href: '#results' }, 'Results'), '.');
          status.dataset.state = 'done';
        },
        (err: unknown) => {
          status.textContent = `The run did not start: ${err instanceof Error ? err.message : String(err)}`;
          status.dataset.state = 'errored';
        },
      )
      .finally(() => runner.observers.delete(mine));
  });

  return {
    enable(on: boolean) {
      ready = on;
      sync();
    },
  };
}
