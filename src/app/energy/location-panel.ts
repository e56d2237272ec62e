import type { IntensityResult } from '../../carbon/intensity-source.js';
import { chosenLocation, guessLocationFromTimeZone } from '../../carbon/location.js';
import { el } from '../format.js';
import { loadEstimationSettings, loadStoredSettings, type StoredEstimationSettings, updateStoredSettings } from '../estimation-settings-store.js';
import { estimateSpan } from './estimate-span.js';
import { currentIntensity } from './intensity-state.js';
import { countryLabel, countryOptions, liveSourcesFor, zoneOptions } from './location-options.js';
import { userIntensityFromForm } from './user-intensity-input.js';

function select(id: string, label: string, options: { value: string; label: string }[], value: string): { wrap: HTMLLabelElement; select: HTMLSelectElement } {
  const s = el('select', { id });
  for (const o of options) s.append(el('option', { value: o.value }, o.label));
  s.value = value;
  return { wrap: el('label', { for: id }, label, s), select: s };
}

function input(id: string, label: string, value: string, attrs: Record<string, string> = {}): { wrap: HTMLLabelElement; input: HTMLInputElement } {
  const i = el('input', { id, ...attrs });
  i.value = value;
  return { wrap: el('label', { for: id }, label, i), input: i };
}

const str = (x: number | undefined) => (x === undefined ? '' : String(x));

/**
 * Where the electricity comes from: the location (default guessed from the time zone, never
 * from the IP address), the opt-in to live grid data, the person's own value, and the state of
 * the source runs will use.
 */
export function renderLocationPanel(host: HTMLElement): void {
  const status = el('div', { id: 'intensity-status', role: 'status', 'aria-live': 'polite' }, 'Resolving the grid intensity…');
  const form = el('div', { class: 'location-form' });
  const origin = el('p', { id: 'energy-location-origin', class: 'field-origin' });
  const errors = el('p', { id: 'energy-settings-error', class: 'error', role: 'alert' });
  host.replaceChildren(form, origin, errors, status);

  let seq = 0;
  const refresh = async (force = true) => {
    const mine = ++seq;
    const settings = loadEstimationSettings();
    status.setAttribute('aria-busy', 'true');
    const r = await currentIntensity(settings, { refresh: force });
    // a slower, older answer must not overwrite the newer one
    if (mine !== seq) return;
    status.removeAttribute('aria-busy');
    renderStatus(status, r, loadStoredSettings());
  };
  const save = (change: (s: StoredEstimationSettings) => StoredEstimationSettings): boolean => {
    try {
      updateStoredSettings(change);
      errors.textContent = '';
      return true;
    } catch (err) {
      errors.textContent = `Not saved: ${err instanceof Error ? err.message : String(err)}`;
      return false;
    }
  };

  const draw = () => {
    const s = loadStoredSettings();
    const guess = guessLocationFromTimeZone();
    const country = s.location?.country ?? guess.country;
    const c = select('energy-country', 'Country or region', countryOptions(), country);
    const zones = zoneOptions(country);
    const z = select('energy-zone', 'Grid zone (live data)', zones, s.location?.zone ?? '');
    z.wrap.hidden = zones.length === 0;
    const live = el('input', { id: 'energy-live', type: 'checkbox' });
    live.checked = s.allowLive === true;
    const liveLabel = el('label', { for: 'energy-live', class: 'inline' }, live, ' Fetch live grid intensity (UK Carbon Intensity; Energi Data Service DK1/DK2) from this browser');

    const u = s.userIntensity;
    const uv = input('energy-user-value', 'Your intensity (gCO2e/kWh)', str(u?.gPerKWh), { type: 'number', min: '0', step: 'any', inputmode: 'decimal' });
    const ul = input('energy-user-low', 'low', str(u?.low), { type: 'number', min: '0', step: 'any' });
    const uh = input('energy-user-high', 'high', str(u?.high), { type: 'number', min: '0', step: 'any' });
    const un = input('energy-user-note', 'where it comes from', u?.note ?? '', { type: 'text' });
    const saveUser = el('button', { type: 'button', id: 'energy-user-save', class: 'small' }, 'Use my value');
    const clearUser = el('button', { type: 'button', id: 'energy-user-clear', class: 'small' }, 'Clear');
    const user = el('fieldset', { class: 'estimate-field user-intensity' }, el('legend', {}, 'Your own grid intensity (overrides every source)'), uv.wrap, el('div', { class: 'triple' }, ul.wrap, uh.wrap, un.wrap), el('div', {}, saveUser, clearUser));

    const uk = input('energy-live-uk', 'UK Carbon Intensity API address', s.liveBaseUrls?.uk ?? '', { type: 'url', placeholder: 'https://api.carbonintensity.org.uk' });
    const dk = input('energy-live-dk', 'Energi Data Service API address', s.liveBaseUrls?.dk ?? '', { type: 'url', placeholder: 'https://api.energidataservice.dk' });
    const saveUrls = el('button', { type: 'button', id: 'energy-live-save', class: 'small' }, 'Save addresses');
    const advanced = el('details', { class: 'cloud-inputs' }, el('summary', {}, 'Live API addresses (advanced: a proxy or a local test server)'), uk.wrap, dk.wrap, saveUrls);

    const useGuess = el('button', { type: 'button', id: 'energy-location-guess', class: 'small' }, 'Use the time-zone guess');
    form.replaceChildren(el('div', { class: 'inputs' }, c.wrap, z.wrap), el('p', {}, liveLabel), user, advanced);
    origin.replaceChildren(
      s.location
        ? `Chosen by you: ${countryLabel(s.location.country)}${s.location.zone ? `, ${s.location.zone}` : ''}. `
        : `${guess.origin === 'timezone' ? `Guessed: ${countryLabel(guess.country)}` : `Default: ${countryLabel(guess.country)}`} — ${guess.reasons.join('; ')}. Never from your IP address. `,
      ...(s.location ? [useGuess] : []),
    );

    c.select.addEventListener('change', () => {
      if (save((x) => ({ ...x, location: { country: c.select.value } }))) {
        draw();
        void refresh();
      }
    });
    z.select.addEventListener('change', () => {
      if (save((x) => ({ ...x, location: { country: c.select.value, ...(z.select.value ? { zone: z.select.value } : {}) } }))) void refresh();
    });
    useGuess.addEventListener('click', () => {
      if (save(({ location: _drop, ...x }) => x)) {
        draw();
        void refresh();
      }
    });
    live.addEventListener('change', () => {
      if (save((x) => ({ ...x, allowLive: live.checked }))) void refresh();
    });
    saveUser.addEventListener('click', () => {
      const r = userIntensityFromForm({ value: uv.input.value, low: ul.input.value, high: uh.input.value, note: un.input.value });
      if (r.state === 'invalid') {
        errors.textContent = `Your value was not saved: ${r.reason}`;
        return;
      }
      if (save((x) => ({ ...x, userIntensity: r.value }))) void refresh();
    });
    clearUser.addEventListener('click', () => {
      if (save(({ userIntensity: _drop, ...x }) => x)) {
        draw();
        void refresh();
      }
    });
    saveUrls.addEventListener('click', () => {
      const urls = { ...(uk.input.value.trim() ? { uk: uk.input.value.trim() } : {}), ...(dk.input.value.trim() ? { dk: dk.input.value.trim() } : {}) };
      if (save(({ liveBaseUrls: _drop, ...x }) => (urls.uk || urls.dk ? { ...x, liveBaseUrls: urls } : x))) void refresh();
    });
  };
  draw();
  void refresh(false);
}

function renderStatus(host: HTMLElement, r: IntensityResult, s: StoredEstimationSettings): void {
  host.dataset.sourceId = r.sourceId;
  host.dataset.state = r.state;
  const state = el('span', { class: `tag state-${r.state}`, 'data-intensity-state': r.state }, r.state === 'ok' ? 'ok' : r.state);
  const parts: (Node | string)[] = [el('strong', {}, 'Grid intensity runs will use: '), el('span', { 'data-intensity-source': '' }, r.label), ' ', state];
  if (r.state !== 'unsupported') parts.push(' ', estimateSpan(r.intensity, { id: 'intensity-figure' }));
  const lines: HTMLElement[] = [el('p', {}, ...parts)];
  if (r.state !== 'ok') lines.push(el('p', { class: 'notice', id: 'intensity-reason' }, r.state === 'fallback' ? `Fallback: ${r.reason}` : `Unsupported: ${r.reason}`));
  const location = s.location ? chosenLocation(s.location.country, s.location.zone) : guessLocationFromTimeZone();
  const live = liveSourcesFor(location);
  const liveText = !s.allowLive
    ? `Live data is off${live.length ? ` (${live.join(', ')} covers this location: tick the box to use it)` : ''}.`
    : live.length
      ? `Live data on: ${live.join(', ')}.`
      : `Live data: unsupported for ${countryLabel(location.country)} (live sources cover Great Britain and Denmark only): the yearly average is used.`;
  lines.push(el('p', { class: 'field-origin', id: 'intensity-live' }, liveText));
  if (r.state !== 'unsupported' && r.series.length) lines.push(el('p', { class: 'field-origin' }, `Series: ${r.series.length} periods from ${r.series[0]?.from} to ${r.series.at(-1)?.to} (carbon by hour in each cell’s detail).`));
  host.replaceChildren(...lines);
}
