import type { ForgeProgress, ForgedVariant, OpenedModel, VariantOutcome } from '../../client/forge-protocol.js';
import type { ForgeRun } from '../../client/forge-worker-client.js';
import { ForgeSession } from '../../client/forge-worker-client.js';
import type { AppContext, AppView } from '../app-context.js';
import { createForgeWorker } from '../forge/create-forge-worker.js';
import { watchEventLoopLag } from '../forge/event-loop-lag.js';
import { formatBytes, formatSeconds } from '../forge/format-accounting.js';
import { inputSetOf } from '../../core/inputs/input-set.js';
import { parseInputsFile } from '../../core/inputs/parse-inputs-file.js';
import { feedsFor } from '../../core/inputs/feeds-for.js';
import { inputSpecs, resolveInputs, unprofilableInputs } from '../forge/input-dims.js';
import { renderProfilePanel } from '../forge/profile-panel.js';
import { readFileWithProgress } from '../forge/read-file.js';
import { renderSignatureForm, type SignatureAnswers } from '../forge/signature-form.js';
import { buildUploadPlan, outputSpecs } from '../forge/upload-plan.js';
import { renderVariantTable } from '../forge/variant-table.js';
import { el } from '../format.js';
import type { RunController } from '../run-controller.js';

/** The variants a first forge makes: one of each kind, the CLI example's list. */
const DEFAULT_VARIANTS = ['fp16', 'int8-dynamic', 'int8-qdq', 'prune-50', 'prune-struct-25'];

type Registry = typeof import('../../forge/variant-registry.js');

interface Opened {
  session: ForgeSession;
  bytes: ArrayBuffer;
  model: OpenedModel;
  signature: () => SignatureAnswers;
  run?: ForgeRun & { outputKind: SignatureAnswers['outputKind']; inputs: ReturnType<typeof resolveInputs> };
}

/** Drop or pick an .onnx file; the forge makes its variants in a worker; profile them like zoo models. */
export function forgeView(runner: RunController): AppView {
  return {
    id: 'forge',
    title: 'Forge your model',
    async mount(container: HTMLElement, _ctx: AppContext) {
      const file = el('input', { type: 'file', id: 'forge-file', accept: '.onnx' });
      const drop = el('div', { id: 'forge-drop', class: 'drop-zone' }, el('p', {}, 'Drop an .onnx file here, or '), el('label', { for: file.id }, 'choose one: '), file);
      const info = el('p', { id: 'forge-file-info' });
      const progress = el('progress', { id: 'forge-progress', max: '1', hidden: '' });
      const status = el('p', { id: 'forge-status', role: 'status', 'aria-live': 'polite' });
      const error = el('div', { id: 'forge-error', role: 'alert', class: 'error', hidden: '' });
      const signatureHost = el('div', { id: 'forge-signature-host' });
      const variantsBox = el('fieldset', { id: 'forge-variants' }, el('legend', {}, 'Variants to make'));
      const forgeButton = el('button', { type: 'button', id: 'forge-run', disabled: '' }, 'Forge');
      const results = el('div', { id: 'forge-results' });
      const profileHost = el('div', { id: 'forge-profile-host' });
      container.append(
        el('p', {}, 'The file stays on this device: the forge runs in a worker in this page, and the variants are profiled from memory.'),
        drop, info, progress, status, error, signatureHost, variantsBox, forgeButton, results, profileHost,
      );

      let registry: Registry | null = null;
      let current: Opened | null = null;
      let generation = 0;
      let busy = false;

      const showError = (what: string, todo?: string, more: readonly string[] = []) => {
        error.replaceChildren(el('p', {}, el('strong', {}, 'What happened: '), what), ...(todo ? [el('p', {}, el('strong', {}, 'What to do: '), todo)] : []), ...(more.length ? [el('ul', {}, ...more.map((m) => el('li', {}, m)))] : []));
        error.hidden = false;
      };
      const clearError = () => {
        error.hidden = true;
        error.replaceChildren();
      };
      const setProgress = (value: number | null, text: string) => {
        progress.hidden = false;
        if (value === null) progress.removeAttribute('value');
        else progress.value = value;
        status.textContent = text;
      };
      const sync = () => {
        forgeButton.disabled = busy || !current || !registry;
        file.disabled = busy;
        panel.enable(!busy && current?.run?.base.state === 'completed');
      };

      const panel = renderProfilePanel(profileHost, runner, (backends) => {
        const run = current?.run;
        if (!current || !run || run.base.state !== 'completed' || !registry || !run.inputs.ok) return 'Forge a model first.';
        const bad = unprofilableInputs(current.model.inputs);
        if (bad.length > 0) return `This model cannot be profiled here: ${bad.join('; ')}.`;
        const made: ForgedVariant[] = run.variants.filter((v): v is Extract<VariantOutcome, { state: 'completed' }> => v.state === 'completed');
        return buildUploadPlan({
          fileName: current.model.fileName,
          baseBytes: current.bytes,
          baseSha256: run.base.accounting.sha256,
          inputs: inputSpecs(current.model.inputs, run.inputs.value),
          inputSet: inputSetOf(run.inputs.value.core),
          outputs: outputSpecs(run.base.accounting.outputs),
          variants: made,
          outputKind: run.outputKind,
          toleranceFor: registry.toleranceFor,
          backends,
        });
      });

      const open = async (picked: File) => {
        const mine = ++generation;
        current?.session.close();
        current = null;
        clearError();
        results.replaceChildren();
        signatureHost.replaceChildren();
        busy = true;
        sync();
        info.textContent = `${picked.name} — ${formatBytes(picked.size)}`;
        try {
          const t0 = performance.now();
          const bytes = await readFileWithProgress(picked, (done, total) => setProgress(done / total, `Reading ${formatBytes(done)} of ${formatBytes(total)}…`));
          if (mine !== generation) return;
          const t1 = performance.now();
          setProgress(null, 'Decoding the model in the forge worker…');
          const session = new ForgeSession(createForgeWorker, bytes, picked.name);
          const opened = await session.open();
          // measured, for benchmarks/forge-browser.ts: reading the file, and starting the worker + copying + decoding
          Object.assign(status.dataset, { readMs: String(t1 - t0), openMs: String(performance.now() - t1) });
          if (mine !== generation) return session.close();
          if (opened.state === 'errored') {
            session.close();
            status.textContent = `${picked.name} could not be opened.`;
            showError(`${picked.name}: ${opened.error.message}`, opened.error.hint ?? 'Pick a complete .onnx model file.');
            return;
          }
          const signature = renderSignatureForm(signatureHost, opened);
          current = { session, bytes, model: opened, signature };
          status.textContent = `Opened ${opened.fileName}: ${opened.nodes} nodes, opsets ${opened.opsets.join(', ')}${opened.producer ? `, made by ${opened.producer}` : ''} (decoded in ${formatSeconds(opened.decodeMs)}). Pick variants and press Forge.`;
          status.dataset.decodeMs = String(opened.decodeMs);
          progress.hidden = true;
        } catch (err) {
          status.textContent = '';
          progress.hidden = true;
          showError(err instanceof Error ? err.message : String(err), (err as { hint?: string }).hint ?? 'Pick the file again.');
        } finally {
          if (mine === generation) {
            busy = false;
            sync();
          }
        }
      };

      const forge = async () => {
        if (!current || !registry || busy) return;
        const target = current;
        clearError();
        const answers = target.signature();
        let samples;
        try {
          if (answers.samplesFile) samples = parseInputsFile(answers.samplesFile.name, new Uint8Array(await answers.samplesFile.arrayBuffer()));
        } catch (err) {
          return showError(`The samples file could not be read: ${err instanceof Error ? err.message : String(err)}`, (err as { hint?: string }).hint ?? 'Pick a .npy, .npz or .json file.');
        }
        const inputs = resolveInputs(target.model.inputs, answers.answers, answers.ranges, samples);
        if (!inputs.ok) return showError('Some input sizes or ranges are missing or invalid, so the forge cannot count compute or calibrate.', 'Fill in the fields named below, then press Forge again.', inputs.problems);
        const variants = [...variantsBox.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
        if (variants.length === 0) return showError('No variant is ticked.', 'Tick at least one variant, then press Forge.');
        busy = true;
        target.run = undefined;
        sync();
        const lag = watchEventLoopLag();
        const t0 = performance.now();
        const onProgress = (p: ForgeProgress) => {
          if (p.step === 'account') setProgress(0, 'Counting parameters and compute of your model…');
          else if (p.step === 'variant') setProgress(p.index / p.total, `Forging ${p.variant} (${p.index + 1} of ${p.total})…`);
        };
        const core = inputs.value.core;
        // int8-qdq calibrates on the person's samples when there are any, as the CLI does
        const calibrationFeeds = core.samples
          ? feedsFor(core, 0, core.samples.length).map((f) => Object.fromEntries(core.specs.map((s, k) => [s.name, { data: f[k]!, dims: s.shape }])))
          : undefined;
        const run = await target.session.forge(
          variants,
          { inputShapes: inputs.value.inputShapes, inputRanges: inputs.value.inputRanges, inputValues: inputs.value.inputValues, ...(calibrationFeeds ? { calibrationFeeds } : {}) },
          onProgress,
        );
        const wallMs = performance.now() - t0;
        const { maxLagMs } = lag.stop();
        busy = false;
        if (current !== target) return sync();
        target.run = { ...run, outputKind: answers.outputKind, inputs };
        renderVariantTable(results, target.model.fileName, run.base, run.variants);
        progress.value = 1;
        const made = run.variants.filter((v) => v.state === 'completed').length;
        status.textContent = `Made ${made} of ${variants.length} variant(s) in ${formatSeconds(wallMs)}; the page’s longest stall meanwhile: ${maxLagMs.toFixed(0)} ms (measured).${[...inputs.value.notes, ...core.warnings].length ? ` Note: ${[...inputs.value.notes, ...core.warnings].join('; ')}.` : ''}`;
        status.dataset.wallMs = String(wallMs);
        status.dataset.maxLagMs = String(maxLagMs);
        const failed = run.variants.filter((v): v is Extract<VariantOutcome, { state: 'errored' }> => v.state === 'errored');
        if (run.base.state === 'errored') showError(`The forge could not read ${target.model.fileName}: ${run.base.error.message}`, run.base.error.hint ?? 'Pick a complete .onnx model file.');
        else if (made === 0)
          showError(
            `None of the ${variants.length} variant(s) could be made from ${target.model.fileName}.`,
            failed[0]?.error.hint ?? 'See each row of the table.',
            failed.map((f) => `${f.variant}: ${f.error.message}`),
          );
        sync();
      };

      drop.addEventListener('dragover', (e) => {
        e.preventDefault();
        drop.classList.add('drag-over');
      });
      drop.addEventListener('dragleave', () => drop.classList.remove('drag-over'));
      drop.addEventListener('drop', (e) => {
        e.preventDefault();
        drop.classList.remove('drag-over');
        const f = e.dataTransfer?.files[0];
        if (f && !busy) void open(f);
      });
      file.addEventListener('change', () => {
        const f = file.files?.[0];
        if (f) void open(f);
      });
      forgeButton.addEventListener('click', () => void forge());

      // the forge library is loaded on demand: the page's first paint does not wait for it
      try {
        registry = await import('../../forge/variant-registry.js');
        for (const k of registry.VARIANT_KINDS) {
          const box = el('input', { type: 'checkbox', id: `forge-variant-${k.name}`, value: k.name });
          box.checked = DEFAULT_VARIANTS.includes(k.name);
          variantsBox.append(el('label', { for: box.id, title: k.description }, box, ` ${k.name}`), ' ');
        }
      } catch (err) {
        showError(`The forge could not be loaded: ${err instanceof Error ? err.message : String(err)}`, 'Reload the page; if it repeats, the app’s files are incomplete (rebuild with npm run build).');
      }
      sync();
    },
  };
}
