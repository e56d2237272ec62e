import type { ModelEntry } from '../../core/model-manifest.js';
import { deviceClassSchema, type DeviceClass, type SubmissionBundle } from '../../core/submission-schema.js';
import type { AppContext, AppView } from '../app-context.js';
import { el } from '../format.js';
import { loadManifest } from '../load-manifest.js';
import type { RunController } from '../run-controller.js';
import { buildShareBundles, profileDeviceClass, shareableRecords, uploadsByRecord, variantFactsFor } from '../share/share-bundle.js';
import { sharePicker } from '../share/share-picker.js';
import { uploadList } from '../share/upload-list.js';
import type { UploadOutbox } from '../share/upload-outbox.js';

/**
 * Share: the person picks completed results, sees exactly the JSON that will be sent, and sends
 * it through the IndexedDB upload queue, which retries until the server acknowledges.
 */
export function shareView(runner: RunController, outbox: UploadOutbox | null): AppView {
  return {
    id: 'share',
    title: 'Share',
    mount(container: HTMLElement, ctx: AppContext) {
      container.append(
        el(
          'p',
          { class: 'intro' },
          'Share chosen results with the public leaderboard. What is sent is shown below, in full: the results (timings, estimates and their methods) and a coarse device description — device class, OS family, the phone model where the browser names it, GPU vendor and architecture, logical cores and the memory bucket. No user agent, IP address, account or location is sent or stored. Share only results measured on this device: they are filed under its description.',
        ),
      );
      if (!outbox) {
        container.append(el('p', { class: 'error', role: 'alert' }, 'Sharing is not available: the upload queue could not start in this browser.'));
        return;
      }
      if (!outbox.persistent) {
        container.append(el('p', { class: 'warn-text', role: 'note' }, 'IndexedDB is not available here (private browsing?): a queued upload is lost if this page closes before the server acknowledges it.'));
      }

      const selected = new Set<string>();
      let models: readonly ModelEntry[] = [];
      let preview: SubmissionBundle[] = [];
      let readingDevice = false;

      const pickerHost = el('div', { id: 'share-picker-host' });
      const selectAll = el('button', { type: 'button', id: 'share-select-all' }, 'Select all not yet shared');
      const selectNone = el('button', { type: 'button', id: 'share-select-none' }, 'Clear selection');
      const classSelect = el('select', { id: 'share-device-class' }, ...deviceClassSchema.options.map((c) => el('option', { value: c }, c === 'unknown' ? 'not said (unknown)' : c)));
      const classNote = el('small', { id: 'share-device-class-note' });
      const previewSummary = el('p', { id: 'share-preview-summary' });
      const previewJson = el('pre', { id: 'share-preview', class: 'share-preview', tabindex: '0', 'aria-label': 'Exactly what will be sent' });
      const shareBtn = el('button', { type: 'button', id: 'share-send' }, 'Share');
      const message = el('div', { id: 'share-message', 'aria-live': 'polite' });
      const uploadsHost = el('div', { id: 'share-uploads' });
      let classTouched = false;

      container.append(
        el('h3', {}, '1. Pick the results to share'),
        el('div', { class: 'toolbar', role: 'group', 'aria-label': 'Selection' }, selectAll, selectNone),
        pickerHost,
        el('h3', {}, '2. What kind of device is this?'),
        el('div', { class: 'inputs' }, el('label', { for: 'share-device-class' }, 'Device class ', classSelect)),
        el('p', {}, classNote),
        el('h3', {}, '3. Exactly what will be sent'),
        previewSummary,
        previewJson,
        el('div', { class: 'toolbar' }, shareBtn),
        message,
        el('h3', {}, 'Uploads from this browser'),
        uploadsHost,
      );

      const chosen = () => shareableRecords(ctx.results).filter((r) => selected.has(r.id));

      const drawPreview = () => {
        const records = chosen();
        preview = [];
        shareBtn.disabled = true;
        if (records.length === 0) {
          previewSummary.textContent = 'Pick at least one result above.';
          previewJson.textContent = '';
          return;
        }
        const env = ctx.environment;
        if (!env) {
          previewSummary.textContent = 'Reading this device’s description…';
          previewJson.textContent = '';
          if (!readingDevice) {
            readingDevice = true;
            runner.describeEnvironment([]).catch((err: unknown) => {
              readingDevice = false;
              previewSummary.textContent = `Could not read this device (${err instanceof Error ? err.message : String(err)}). Reload the page and try again.`;
            });
          }
          return;
        }
        const deviceClass: DeviceClass = deviceClassSchema.parse(classSelect.value);
        preview = buildShareBundles({ environment: env, records, deviceClass: deviceClass === 'unknown' ? undefined : deviceClass, variantFacts: variantFactsFor(records, models) });
        const json = preview.map((b) => JSON.stringify(b, null, 2));
        const kB = json.reduce((s, j) => s + new Blob([j]).size, 0) / 1024;
        previewSummary.textContent = `${records.length} result${records.length === 1 ? '' : 's'} in ${preview.length} upload${preview.length === 1 ? '' : 's'}, ${kB.toFixed(1)} kB of JSON. This is the text that is stored in this browser and sent, unchanged.`;
        previewJson.textContent = json.join('\n\n');
        shareBtn.disabled = false;
        shareBtn.textContent = `Share ${records.length} result${records.length === 1 ? '' : 's'}`;
      };

      const drawClass = () => {
        const detected = profileDeviceClass(shareableRecords(ctx.results));
        classNote.textContent = detected
          ? `From the power profile the estimates used: ${detected}.`
          : 'The power profile did not say laptop or desktop; pick one, or leave it unknown (phones and tablets are recognised from the browser).';
        if (!classTouched) classSelect.value = detected ?? 'unknown';
      };

      let pickerSignature = '';
      const drawPicker = (force = false) => {
        const records = shareableRecords(ctx.results);
        const shared = uploadsByRecord(outbox.snapshot().items);
        // redrawn only when what it shows changes, so a checkbox keeps focus while uploads progress
        const signature = records.map((r) => `${r.id}:${shared.get(r.id)?.state ?? '-'}`).join(',');
        if (!force && signature === pickerSignature) return;
        pickerSignature = signature;
        for (const id of selected) if (shared.has(id) || !records.some((r) => r.id === id)) selected.delete(id);
        pickerHost.replaceChildren(sharePicker(records, shared, selected, drawPreview));
        selectAll.disabled = records.every((r) => shared.has(r.id));
        drawPreview();
      };

      const drawUploads = () => uploadsHost.replaceChildren(uploadList(outbox, outbox.snapshot(), Date.now()));

      selectAll.addEventListener('click', () => {
        const shared = uploadsByRecord(outbox.snapshot().items);
        for (const r of shareableRecords(ctx.results)) if (!shared.has(r.id)) selected.add(r.id);
        drawPicker(true);
      });
      selectNone.addEventListener('click', () => {
        selected.clear();
        drawPicker(true);
      });
      classSelect.addEventListener('change', () => {
        classTouched = true;
        drawPreview();
      });

      shareBtn.addEventListener('click', () => {
        const bundles = preview;
        if (bundles.length === 0) return;
        shareBtn.disabled = true;
        void (async () => {
          try {
            // exactly the bundles on screen: same ids, same content
            for (const b of bundles) await outbox.queue.enqueue(b);
            selected.clear();
            message.replaceChildren(el('p', { class: 'ok-text', role: 'status' }, `Queued ${bundles.reduce((s, b) => s + b.results.length, 0)} results. They are stored in this browser and sent until the server acknowledges them, also after a reload or while offline.`));
          } catch (err) {
            const hint = (err as { hint?: string }).hint;
            message.replaceChildren(el('p', { class: 'error', role: 'alert' }, `${err instanceof Error ? err.message : String(err)}${hint ? ` ${hint}` : ''}`));
          }
          drawPicker(true);
        })();
      });

      ctx.on('results', () => {
        drawClass();
        drawPicker();
      });
      ctx.on('environment', drawPreview);
      outbox.subscribe(() => {
        drawPicker();
        drawUploads();
      });
      // "next try in …" ages; refresh it while something waits
      setInterval(() => {
        if (outbox.snapshot().items.some((u) => u.state === 'pending')) drawUploads();
      }, 5_000);

      drawClass();
      drawPicker(true);
      loadManifest()
        .then((m) => {
          models = m.models;
          drawPreview();
        })
        .catch(() => {
          // without the manifest the bundle carries no FLOP counts; the server then skips its compute-bound check
        });
    },
  };
}
