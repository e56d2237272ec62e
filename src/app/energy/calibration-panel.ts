import { BACKENDS_BY_RUNTIME, type Backend, type RuntimeName } from '../../core/cell.js';
import type { Estimate } from '../../core/estimate.js';
import { type BatteryManagerLike, type BatteryProbe, probeBattery } from '../../energy/battery/battery-adapter.js';
import type { DeviceProfile } from '../../energy/device-profile.js';
import { rangeEstimate } from '../../energy/device-profile.js';
import { estimate } from '../../estimates/estimate-math.js';
import { el } from '../format.js';
import { loadStoredSettings, type StoredCalibration, updateStoredSettings, withCalibration, withoutCalibration } from '../estimation-settings-store.js';
import type { RunController } from '../run-controller.js';
import { runCalibration } from './calibration-run.js';
import { estimateSpan } from './estimate-span.js';
import { sustainedLoad } from './sustained-load.js';

export interface CalibrationPanelDeps {
  runner: RunController;
  /** read when needed: the person may pick another profile while this panel is shown */
  profile: () => DeviceProfile | null;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function probeText(p: BatteryProbe): string {
  switch (p.state) {
    case 'no-battery':
      return `${capitalise(p.reason)} Estimates stay modelled.`;
    case 'no-api':
    case 'error':
      return `Battery calibration not available: ${p.reason}. Estimates stay modelled.`;
    case 'charging':
      return `Battery found (${Math.round(p.battery.level * 100)} %), but ${p.reason}. Time on the charger is left out of the calibration.`;
    case 'available':
      return `Battery found: ${Math.round(p.battery.level * 100)} %, discharging. A calibration can run.`;
  }
}

/** Battery calibration: probe, the stored calibrations, and the guided run when a battery can be read. */
export function renderCalibrationPanel(host: HTMLElement, deps: CalibrationPanelDeps): { refresh(): void } {
  const status = el('p', { id: 'battery-status', role: 'status', 'data-state': 'probing' }, 'Looking for a battery…');
  const list = el('div', { id: 'calibrations' });
  const guided = el('div', { id: 'battery-guided' });
  host.replaceChildren(status, guided, el('h4', {}, 'Stored calibrations (this browser only)'), list);
  renderCalibrationList(list, deps);
  void probeBattery().then((p) => {
    status.dataset.state = p.state;
    status.textContent = probeText(p);
    if (p.state === 'available' || p.state === 'charging') renderGuidedRun(guided, p.battery, deps, () => renderCalibrationList(list, deps));
  });
  return { refresh: () => renderCalibrationList(list, deps) };
}

function renderCalibrationList(host: HTMLElement, deps: CalibrationPanelDeps): void {
  const cals = loadStoredSettings().calibrations ?? [];
  if (cals.length === 0) {
    host.replaceChildren(el('p', { class: 'empty' }, 'None yet: without one, energy figures are modelled from the profile.'));
    return;
  }
  const head = el('tr', {}, ...['Profile', 'Backend', 'Threads', 'Attributable power', 'Idle power', 'Under load', 'Measured', ''].map((h) => el('th', { scope: 'col' }, h)));
  const rows = cals.map((c) => {
    const remove = el('button', { type: 'button', class: 'small' }, 'Remove');
    remove.addEventListener('click', () => {
      updateStoredSettings((s) => withoutCalibration(s, c));
      renderCalibrationList(host, deps);
    });
    const cell = (e: Estimate | undefined) => el('td', {}, e ? estimateSpan(e) : '—');
    return el(
      'tr',
      { 'data-calibration': `${c.profileId}/${c.backend}/${c.threads}` },
      el('td', {}, c.profileId === deps.profile()?.id ? `${c.profileId} (current)` : c.profileId),
      el('td', {}, c.backend),
      el('td', { class: 'num' }, String(c.threads)),
      cell(c.attributableW),
      cell(c.idleW),
      cell(c.loadW),
      el('td', {}, c.measuredAt),
      el('td', {}, remove),
    );
  });
  host.replaceChildren(
    el('p', { class: 'field-origin' }, 'A calibration is used by runs of the same profile, backend and thread count; its energy figures are then “calibrated”.'),
    el('div', { class: 'table-wrap' }, el('table', { class: 'data-table' }, el('thead', {}, head), el('tbody', {}, ...rows))),
  );
}

function numberField(id: string, label: string, value: number | undefined, attrs: Record<string, string> = {}): { wrap: HTMLLabelElement; input: HTMLInputElement } {
  const input = el('input', { id, type: 'number', step: 'any', min: '0', ...attrs });
  if (value !== undefined) input.value = String(value);
  return { wrap: el('label', { for: id }, label, input), input };
}

function renderGuidedRun(host: HTMLElement, battery: BatteryManagerLike, deps: CalibrationPanelDeps, stored: () => void): void {
  const b = deps.profile()?.batteryWh ?? null;
  const cap = numberField('battery-capacity', 'Battery capacity (Wh)', b?.value);
  const capLow = numberField('battery-capacity-low', 'low', b?.low);
  const capHigh = numberField('battery-capacity-high', 'high', b?.high);
  const model = el('select', { id: 'battery-model' }, ...deps.runner.models.map((m) => el('option', { value: m.id }, m.name)));
  const cellSel = el('select', { id: 'battery-cell' });
  for (const runtime of Object.keys(BACKENDS_BY_RUNTIME) as RuntimeName[]) for (const backend of BACKENDS_BY_RUNTIME[runtime]) cellSel.append(el('option', { value: `${runtime}/${backend}` }, `${runtime} · ${backend}`));
  const loadMin = numberField('battery-load-min', 'Load phase (minutes)', 30, { min: '0.05' });
  const idleMin = numberField('battery-idle-min', 'Idle phase (minutes)', 30, { min: '0.05' });
  const start = el('button', { type: 'button', id: 'battery-start' }, 'Start calibration');
  const stop = el('button', { type: 'button', id: 'battery-stop' }, 'Stop');
  stop.disabled = true;
  const progress = el('p', { id: 'battery-progress', 'aria-live': 'polite' });
  const result = el('div', { id: 'battery-result', role: 'status' });
  host.replaceChildren(
    el('p', { class: 'intro' }, 'Unplug the device, close other apps, keep this tab in front and the screen on. The chosen cell runs without pause for the load phase, then nothing runs for the idle phase; the time between 1 % battery steps gives the power. Longer phases give narrower intervals (about ±1 step per stretch).'),
    el('div', { class: 'inputs' }, el('fieldset', { class: 'estimate-field' }, el('legend', {}, 'Battery capacity'), cap.wrap, el('div', { class: 'triple' }, capLow.wrap, capHigh.wrap)), el('label', { for: 'battery-model' }, 'Model', model), el('label', { for: 'battery-cell' }, 'Runtime · backend', cellSel), loadMin.wrap, idleMin.wrap),
    el('div', {}, start, stop),
    progress,
    result,
  );

  let controller: AbortController | null = null;
  stop.addEventListener('click', () => controller?.abort());
  start.addEventListener('click', async () => {
    const v = Number(cap.input.value);
    const lo = capLow.input.value === '' ? v : Number(capLow.input.value);
    const hi = capHigh.input.value === '' ? v : Number(capHigh.input.value);
    if (!(v > 0 && lo > 0 && lo <= v && v <= hi)) {
      result.textContent = 'Enter the battery capacity in Wh (above 0, low ≤ value ≤ high): the phone’s spec sheet or a teardown gives it.';
      return;
    }
    const m = deps.runner.models.find((x) => x.id === model.value);
    if (!m) return void (result.textContent = 'Pick a model: none is loaded (see the Profile view for the error).');
    if (deps.runner.busy) return void (result.textContent = 'A profiling run is in progress: wait for it to end, then start the calibration.');
    const profile = deps.profile();
    if (!profile) return void (result.textContent = 'This device is still being read: start again in a moment.');
    const [runtime, backend] = cellSel.value.split('/') as [RuntimeName, Backend];
    const capacityWh = b && b.value === v && b.low === lo && b.high === hi
      ? rangeEstimate(b, 'modelled', 'battery capacity from the device profile')
      : estimate({ value: v, low: lo, high: hi, unit: 'Wh', method: 'assumed', reasons: ['battery capacity entered by you'] });
    controller = new AbortController();
    start.disabled = true;
    stop.disabled = false;
    result.textContent = '';
    let phase = 'load';
    let endsAt = 0;
    const tick = setInterval(() => {
      const left = Math.max(0, endsAt - performance.now()) / 60_000;
      progress.textContent = `${phase === 'load' ? 'Load phase: inference running' : 'Idle phase: nothing running'} — ${left.toFixed(1)} min left; battery ${Math.round(battery.level * 100)} %${battery.charging ? ' (charging: this time is left out)' : ''}.`;
    }, 1000);
    try {
      const out = await runCalibration(
        { battery, capacityWh, profileId: profile.id, loadMs: Number(loadMin.input.value) * 60_000, idleMs: Number(idleMin.input.value) * 60_000 },
        { load: sustainedLoad(m, { modelId: m.id, variant: 'fp32', runtime, backend }), onPhase: (p, end) => ((phase = p), (endsAt = end)) },
        controller.signal,
      );
      if (out.state === 'ok') {
        updateStoredSettings((s) => withCalibration(s, out.calibration));
        showResult(result, out.calibration);
        stored();
      } else {
        result.textContent = `${out.state === 'not-enough-data' ? 'Not stored' : capitalise(out.state)}: ${out.reason}`;
      }
    } finally {
      clearInterval(tick);
      progress.textContent = '';
      start.disabled = false;
      stop.disabled = true;
      controller = null;
    }
  });
}

function showResult(host: HTMLElement, c: StoredCalibration): void {
  host.replaceChildren(
    el('p', {}, `Stored for ${c.profileId} on ${c.backend} with ${c.threads} thread(s); later runs of that cell use it.`),
    el('p', {}, 'Attributable power: ', estimateSpan(c.attributableW)),
    el('p', {}, 'Idle power: ', estimateSpan(c.idleW)),
  );
}
