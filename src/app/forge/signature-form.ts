import type { OpenedModel } from '../../client/forge-protocol.js';
import type { OutputKind } from '../../forge/variant-registry.js';
import { el } from '../format.js';
import { defaultRangeText, dynamicDims, isSettingInput } from './input-dims.js';
import { guessOutputKind } from './upload-plan.js';

export interface SignatureAnswers {
  /** raw text per dynamic-dim key (see input-dims.ts) */
  answers: Record<string, string>;
  /** raw "low, high" per input name */
  ranges: Record<string, string>;
  /** the person's real input samples (.npy, .npz, .json), if they picked a file */
  samplesFile?: File;
  outputKind: OutputKind;
}

const shapeText = (shape: readonly (number | string | null)[]) => `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;

/**
 * The dropped model's inputs and outputs, a size field for every dynamic dim (batch prefilled
 * with 1), the value range of each input's seeded data, and how its outputs are judged.
 */
export function renderSignatureForm(container: HTMLElement, model: OpenedModel): () => SignatureAnswers {
  const io = el('ul', { id: 'forge-signature' });
  for (const i of model.inputs) io.append(el('li', {}, `input ${i.name}: ${i.dtype} ${shapeText(i.shape)}`));
  for (const o of model.outputs) io.append(el('li', {}, `output ${o.name}: ${o.dtype} ${shapeText(o.shape)}`));

  const dimsBox = el('fieldset', { id: 'forge-dims' }, el('legend', {}, 'Sizes of dynamic dimensions'));
  const dims = dynamicDims(model.inputs);
  const dimFields = dims.map((d, k) => {
    const input = el('input', { type: 'number', min: '1', step: '1', id: `forge-dim-${k}`, 'data-dim': d.key, inputmode: 'numeric', ...(d.preset === null ? { required: '' } : {}) });
    if (d.preset !== null) input.value = String(d.preset);
    dimsBox.append(el('label', { for: input.id }, `${d.label}${d.preset !== null ? ' — batch, 1 unless you change it' : ' — needed'} `, input), ' ');
    return [d.key, input] as const;
  });
  if (dims.length === 0) dimsBox.append(el('p', {}, 'All input dimensions are fixed in the file.'));

  const rangeBox = el(
    'fieldset',
    { id: 'forge-ranges' },
    el('legend', {}, 'Inputs for calibration, fidelity and profiling'),
    el('p', {}, 'A range "low, high" of the seeded values, or one value (a sample rate, a length). Fidelity is only as good as these: an fp16 variant can be exact on [-1, 1] and NaN on audio-range input.'),
  );
  const rangeFields = model.inputs.map((i, k) => {
    const setting = isSettingInput(i);
    const input = el('input', { type: 'text', id: `forge-range-${k}`, 'data-input': i.name, value: defaultRangeText(i), size: '10', ...(setting ? { placeholder: 'e.g. 16000', required: '' } : {}) });
    rangeBox.append(el('label', { for: input.id }, `${i.name} (${setting ? 'its value — needed' : 'low, high — or one value'}) `, input), ' ');
    return [i.name, input] as const;
  });
  const samples = el('input', { type: 'file', id: 'forge-inputs-file', accept: '.npy,.npz,.json' });
  rangeBox.append(
    el('label', { for: samples.id }, 'Or real samples (optional): .npy for one input, .npz or .json by input name; an extra first axis holds several samples ', samples),
  );

  const kind = el('select', { id: 'forge-output-kind' });
  kind.append(el('option', { value: 'logits' }, 'class scores / a vector (judged by relative error and cosine)'), el('option', { value: 'dense-map' }, 'a per-pixel map, e.g. a detector (judged by cosine)'));
  kind.value = guessOutputKind(model.outputs);
  const kindLabel = el('label', { for: kind.id }, 'The outputs are ', kind);

  container.replaceChildren(io, dimsBox, rangeBox, kindLabel);
  return () => ({
    answers: Object.fromEntries(dimFields.map(([key, input]) => [key, input.value])),
    ranges: Object.fromEntries(rangeFields.map(([name, input]) => [name, input.value])),
    ...(samples.files?.[0] ? { samplesFile: samples.files[0] } : {}),
    outputKind: kind.value as OutputKind,
  });
}
