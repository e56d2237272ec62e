import { BACKENDS_BY_RUNTIME, backendSchema, runtimeSchema } from '../../core/cell.js';
import { deviceClassSchema } from '../../core/submission-schema.js';
import { el } from '../format.js';
import { SORT_METRICS, type LeaderboardFilters, type SortMetric } from './leaderboard-client.js';
import { METRIC_LABEL } from './quantity-text.js';

export interface FilterForm {
  form: HTMLFormElement;
  read(): LeaderboardFilters & { sort: SortMetric };
  /** model ids offered in the Model list (public ones and this browser's own) */
  setModels(ids: readonly string[]): void;
}

function select(id: string, label: string, options: readonly [value: string, text: string][]): { wrap: HTMLLabelElement; input: HTMLSelectElement } {
  const input = el('select', { id, name: id }, ...options.map(([v, t]) => el('option', { value: v }, t)));
  return { wrap: el('label', { class: 'select-field', for: id }, `${label} `, input), input };
}

const anyOf = (values: readonly string[]): [string, string][] => [['', 'any'], ...values.map((v): [string, string] => [v, v])];

/** Filters and sort of the Leaderboard view; every change submits the form. */
export function leaderboardFilters(onChange: () => void): FilterForm {
  const model = select('lb-model', 'Model', [['', 'any']]);
  const variantInput = el('input', { id: 'lb-variant', name: 'lb-variant', type: 'text', list: 'lb-variants', placeholder: 'any', maxlength: '200', autocomplete: 'off' });
  const variants = el('datalist', { id: 'lb-variants' }, ...['fp32', 'fp16', 'int8'].map((v) => el('option', { value: v })));
  const variant = el('label', { class: 'select-field', for: 'lb-variant' }, 'Variant ', variantInput, variants);
  const runtime = select('lb-runtime', 'Runtime', anyOf(runtimeSchema.options));
  const backend = select('lb-backend', 'Backend', anyOf(backendSchema.options));
  const deviceClass = select('lb-class', 'Device class', anyOf(deviceClassSchema.options));
  const scope = select('lb-scope', 'One row per', [
    ['device', 'device'],
    ['class', 'device class (pooled)'],
  ]);
  const sort = select('lb-sort', 'Sort by', SORT_METRICS.map((m): [string, string] => [m, METRIC_LABEL[m]]));
  const refresh = el('button', { type: 'submit', id: 'lb-refresh' }, 'Refresh');
  const form = el('form', { id: 'leaderboard-filters', class: 'inputs', 'aria-label': 'Leaderboard filters' }, model.wrap, variant, runtime.wrap, backend.wrap, deviceClass.wrap, scope.wrap, sort.wrap, refresh);

  runtime.input.addEventListener('change', () => {
    // offer only the backends the chosen runtime can be asked for
    const rt = runtimeSchema.safeParse(runtime.input.value);
    for (const opt of backend.input.options) opt.hidden = rt.success && opt.value !== '' && !(BACKENDS_BY_RUNTIME[rt.data] as readonly string[]).includes(opt.value);
    if (backend.input.selectedOptions[0]?.hidden) backend.input.value = '';
  });
  form.addEventListener('change', (e) => {
    if (e.target !== variantInput) onChange();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onChange();
  });

  return {
    form,
    read() {
      const pick = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, v: string): T | undefined => {
        const r = schema.safeParse(v);
        return r.success ? r.data : undefined;
      };
      return {
        modelId: model.input.value || undefined,
        variant: variantInput.value.trim() || undefined,
        runtime: pick(runtimeSchema, runtime.input.value),
        backend: pick(backendSchema, backend.input.value),
        deviceClass: pick(deviceClassSchema, deviceClass.input.value),
        scope: scope.input.value === 'class' ? 'class' : 'device',
        sort: (SORT_METRICS as readonly string[]).includes(sort.input.value) ? (sort.input.value as SortMetric) : 'energy',
      };
    },
    setModels(ids) {
      const current = model.input.value;
      model.input.replaceChildren(...anyOf([...new Set(ids)].sort()).map(([v, t]) => el('option', { value: v }, t)));
      model.input.value = ids.includes(current) ? current : '';
    },
  };
}
