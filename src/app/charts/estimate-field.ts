import type { Estimate } from '../../core/estimate.js';
import { el, estimateTooltip, formatNumber } from '../format.js';

export interface EstimateField {
  element: HTMLFieldSetElement;
  /** the figure as it stands: the default, or what the person typed (then method "assumed") */
  get(): Estimate;
  set(e: Estimate): void;
}

function numberInput(id: string, label: string, value: number, step: string): [HTMLLabelElement, HTMLInputElement] {
  const input = el('input', { id, type: 'number', inputmode: 'decimal', step, value: String(value) });
  return [el('label', { for: id }, label, input), input];
}

// sources may come from an imported history file: only http(s) links are made clickable

/**
 * An editable interval (value, low, high) that starts at a sourced default. Editing it keeps the
 * unit, turns the method into "assumed" and says in the reasons what the default was.
 */
export function estimateField(id: string, label: string, initial: Estimate, onChange: () => void): EstimateField {
  let base = initial;
  const unit = base.unit === 'fraction' ? 'share 0–1' : base.unit;
  const [lv, value] = numberInput(`${id}-value`, 'value', base.value, 'any');
  const [ll, low] = numberInput(`${id}-low`, 'low', base.low, 'any');
  const [lh, high] = numberInput(`${id}-high`, 'high', base.high, 'any');
  const origin = el('p', { class: 'field-origin', id: `${id}-origin` });
  const sources = el('details', { class: 'field-sources' });
  const reset = el('button', { type: 'button', class: 'small' }, 'Reset');
  const element = el(
    'fieldset',
    { class: 'estimate-field', id, 'aria-describedby': `${id}-origin` },
    el('legend', { title: estimateTooltip(base) }, `${label} (${unit})`),
    el('div', { class: 'triple' }, lv, ll, lh),
    origin,
    sources,
    reset,
  );
  const edited = () => [value, low, high].some((i, k) => Number(i.value) !== [base.value, base.low, base.high][k]);
  const describe = () => {
    const n = base.sources.length;
    const cited = n ? ` ${n} source${n === 1 ? '' : 's'} below.` : ' No published source: an assumption.';
    origin.textContent = edited()
      ? `Edited by you (method: assumed). Default: ${formatNumber(base.value)} ${base.unit}, ${base.method}.${cited}`
      : `Default, ${base.method}.${cited}`;
    origin.title = estimateTooltip(base);
    sources.hidden = n === 0 && base.reasons.length === 0;
    sources.replaceChildren(
      el('summary', {}, 'Where it comes from'),
      el(
        'ul',
        {},
        ...base.reasons.map((r) => el('li', {}, r)),
        ...base.sources.map((s) =>
          el('li', {}, s.url && /^https?:\/\//.test(s.url) ? el('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.title ?? s.id) : (s.title ?? s.id)),
        ),
      ),
    );
    reset.hidden = !edited();
  };
  for (const i of [value, low, high]) {
    i.addEventListener('change', () => {
      describe();
      onChange();
    });
  }
  reset.addEventListener('click', () => {
    set(base);
    onChange();
  });
  function set(e: Estimate) {
    base = e;
    value.value = String(e.value);
    low.value = String(e.low);
    high.value = String(e.high);
    describe();
  }
  describe();
  return {
    element,
    get(): Estimate {
      if (!edited()) return base;
      const v = Number(value.value);
      return {
        value: v,
        low: low.value === '' ? v : Number(low.value),
        high: high.value === '' ? v : Number(high.value),
        unit: base.unit,
        method: 'assumed',
        reasons: [`entered by the user (default ${formatNumber(base.value)} ${base.unit}, ${base.method})`],
        sources: base.sources,
      };
    },
    set,
  };
}

/** A plain number input with its label and unit, for scenario inputs (uses a day, a budget…). */
export function numberField(
  id: string,
  label: string,
  initial: number,
  onChange: () => void,
  attrs: Record<string, string> = {},
): { element: HTMLLabelElement; get(): number; set(v: number): void } {
  const input = el('input', { id, type: 'number', inputmode: 'decimal', step: 'any', value: Number.isFinite(initial) ? String(initial) : '', ...attrs });
  input.addEventListener('change', onChange);
  return {
    element: el('label', { for: id, class: 'number-field' }, `${label} `, input),
    get: () => (input.value === '' ? Number.NaN : Number(input.value)),
    set: (v: number) => void (input.value = String(v)),
  };
}
