import type { Protocol } from '../core/cell.js';
import { protocolSchema } from '../core/cell.js';
import { el } from './format.js';

const FIELDS: { key: 'samplesMin' | 'budgetMs' | 'warmupMin' | 'threads'; label: string; min: number }[] = [
  { key: 'samplesMin', label: 'Min. samples', min: 1 },
  { key: 'budgetMs', label: 'Time budget per cell (ms)', min: 0 },
  { key: 'warmupMin', label: 'Min. warm-up samples (timed batches)', min: 1 },
  { key: 'threads', label: 'WASM threads (0 = runtime default)', min: 0 },
];

export function renderProtocolPicker(container: HTMLElement): () => Protocol {
  const defaults = protocolSchema.parse({});
  const inputs = FIELDS.map((f) => {
    const input = el('input', { type: 'number', id: `protocol-${f.key}`, min: String(f.min), value: String(defaults[f.key]) });
    container.append(el('label', { for: input.id }, `${f.label} `, input), ' ');
    return [f.key, input] as const;
  });
  return () => protocolSchema.parse(Object.fromEntries(inputs.map(([k, i]) => [k, Number(i.value)])));
}
