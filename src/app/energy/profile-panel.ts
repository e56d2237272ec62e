import type { Environment } from '../../core/environment.js';
import { effectiveProfile } from '../../client/estimation-stage.js';
import type { DeviceProfile, MatchConfidence } from '../../energy/device-profile.js';
import { matchDevice } from '../../energy/match-device.js';
import { editedProfile, type ProfileChoice, profileChoices } from '../../energy/pick-profile.js';
import { el } from '../format.js';
import { loadEstimationSettings, loadStoredSettings, updateStoredSettings } from '../estimation-settings-store.js';
import { figureList } from './estimate-span.js';
import { profileFigures } from './profile-figures.js';

const CONFIDENCE: Record<MatchConfidence, string> = {
  device: 'the exact device was recognised',
  parts: 'its parts were recognised (SoC, GPU or Apple silicon), not the device',
  class: 'only the device class is known: class-wide ranges',
  unknown: 'not even the device class is known: the widest ranges',
  user: 'chosen or edited by you',
};

const GROUPS: Record<ProfileChoice['kind'], string> = { device: 'Known devices', class: 'Device classes', 'cpu-tdp': 'Laptop and desktop CPU classes' };

const choiceValue = (c: Pick<ProfileChoice, 'kind' | 'id'>) => `${c.kind}:${c.id}`;

/**
 * The device profile estimates use: what was matched and why, a picker for another profile or
 * class, and a JSON editor. An edit is checked before use; a bad one changes nothing.
 */
export function renderProfilePanel(host: HTMLElement, env: Environment, onChange: () => void): void {
  const stored = loadStoredSettings();
  const { profile, note } = effectiveProfile(env, loadEstimationSettings());
  const matched = matchDevice(env);

  const used = el(
    'div',
    { id: 'profile-used', 'data-profile-id': profile.id, 'data-confidence': profile.confidence },
    el('p', {}, el('strong', {}, 'Estimates use: '), `${profile.label} `, el('code', {}, profile.id), ` — confidence “${profile.confidence}”: ${CONFIDENCE[profile.confidence]}; class ${profile.deviceClass}.`),
    ...(note ? [el('p', { class: 'notice' }, note)] : []),
    ...(profile.id !== matched.id || stored.profile ? [el('p', { class: 'field-origin' }, `Matched from this device: ${matched.label} (${matched.id}, ${matched.confidence}).`)] : []),
    el('details', {}, el('summary', {}, 'Why this profile'), el('ul', { id: 'profile-reasons' }, ...profile.reasons.map((r) => el('li', {}, r)))),
    figureList(profileFigures(profile), { id: 'profile-figures' }),
  );

  const pick = el('select', { id: 'profile-choice' });
  pick.append(el('option', { value: 'auto' }, `Matched automatically: ${matched.label}`));
  const groups = new Map<ProfileChoice['kind'], HTMLOptGroupElement>();
  for (const c of profileChoices()) {
    let g = groups.get(c.kind);
    if (!g) groups.set(c.kind, (g = el('optgroup', { label: GROUPS[c.kind] })));
    g.append(el('option', { value: choiceValue(c) }, c.label));
  }
  pick.append(...groups.values());
  if (stored.profile?.kind === 'edited') pick.append(el('option', { value: 'edited' }, `Your edited profile: ${stored.profile.profile.label}`));
  pick.value = stored.profile?.kind === 'choice' ? choiceValue(stored.profile.choice) : stored.profile?.kind === 'edited' ? 'edited' : 'auto';
  pick.addEventListener('change', () => {
    if (pick.value === 'edited') return;
    const [kind, ...rest] = pick.value.split(':');
    updateStoredSettings(({ profile: _drop, ...s }) =>
      pick.value === 'auto' ? s : { ...s, profile: { kind: 'choice', choice: { kind: kind as ProfileChoice['kind'], id: rest.join(':') } } },
    );
    onChange();
  });
  const picker = el('label', { for: 'profile-choice' }, 'Use another profile or class ', pick);

  host.replaceChildren(used, el('div', { class: 'inputs' }, picker), profileEditor(profile, stored.profile?.kind === 'edited', onChange));
}

function profileEditor(profile: DeviceProfile, edited: boolean, onChange: () => void): HTMLDetailsElement {
  const text = el('textarea', { id: 'profile-json', rows: '18', cols: '80', spellcheck: 'false', 'aria-describedby': 'profile-json-help' });
  text.value = JSON.stringify(profile, null, 2);
  const error = el('p', { id: 'profile-json-error', class: 'error', role: 'alert' });
  const save = el('button', { type: 'button', id: 'profile-json-save' }, 'Use this profile');
  const reset = el('button', { type: 'button', id: 'profile-json-reset' }, 'Discard my edit');
  reset.hidden = !edited;
  save.addEventListener('click', () => {
    let json: unknown;
    try {
      json = JSON.parse(text.value);
    } catch (err) {
      error.textContent = `Not valid JSON (${err instanceof Error ? err.message : String(err)}): nothing changed. Fix the text or reload the view.`;
      return;
    }
    const r = editedProfile(json);
    if (r.state === 'invalid') {
      error.textContent = `${r.reason}: nothing changed. Each range needs value, low ≤ value ≤ high, a unit and at least one source id.`;
      return;
    }
    const p = { ...r.profile, reasons: [...new Set(r.profile.reasons)] };
    updateStoredSettings((s) => ({ ...s, profile: { kind: 'edited', profile: p } }));
    error.textContent = '';
    onChange();
  });
  reset.addEventListener('click', () => {
    updateStoredSettings(({ profile: _drop, ...s }) => s);
    onChange();
  });
  return el(
    'details',
    { id: 'profile-editor', class: 'cloud-inputs' },
    el('summary', {}, 'Edit the profile (JSON)'),
    el('p', { id: 'profile-json-help', class: 'field-origin' }, 'Change a figure you know better (a TDP, a battery capacity, an embodied footprint), keeping its unit and range. Your figures are shown as “assumed”. The profile is checked before use.'),
    text,
    el('div', {}, save, reset),
    error,
  );
}
