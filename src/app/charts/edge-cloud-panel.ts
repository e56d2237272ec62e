import { defaultCloudReference, edgeVsCloud, type CloudFigureKey, type CloudReference, type EdgeVsCloudResult, type Footprint } from '../../analysis/index.js';
import { el, estimateTooltip } from '../format.js';
import { chartFrame, emptyChart } from './chart-frame.js';
import { cellSelect, lowestEnergy } from './cell-select.js';
import { DEVICE_CLASSES, type DeviceClass, defaultDeviceIntensity, deviceEmbodiedDefaults, guessDeviceClass } from './device-defaults.js';
import { type EstimateField, estimateField, numberField } from './estimate-field.js';
import { figureList, figureRow, formatEstimate, formatGrams } from './figure-text.js';
import { type BarPart, type BarTotal, renderBars } from './interval-bars.js';
import { type AnalysisBus, type Panel, panelSection, problemsEl, type TradeOffData } from './panel.js';
import { figureOf, NO_ENERGY_YET } from './record-figures.js';

const CLOUD_LABELS: Record<CloudFigureKey, string> = {
  acceleratorPowerW: 'Accelerator power',
  acceleratorPeakFlopsPerS: 'Accelerator peak',
  achievedFlopsFraction: 'Achieved share of peak',
  pue: 'Data-centre PUE',
  serverEmbodiedKgCO2e: 'Server embodied carbon',
  serverShare: 'Share of the server used',
  serverLifetimeYears: 'Server lifetime',
  serverUtilisation: 'Server utilisation',
  networkKWhPerGB: 'Network energy per GB',
  gridIntensityGPerKWh: 'Data-centre grid intensity',
};

const g = (v: number) => `${v.toPrecision(3)} gCO2e`;

/** Per-inference footprint here (both embodied allocations) against a parametric cloud with editable, sourced defaults. */
export function edgeCloudPanel(bus: AnalysisBus): Panel {
  const element = panelSection(
    'panel-edge-cloud',
    'Edge vs cloud, embodied carbon included',
    'Running on this device costs its electricity and a share of the carbon of making the device. Embodied carbon per inference depends on how it is allocated: over the device’s whole life (wall-clock) or only its hours in use (active use, ≈ 1 ÷ use ratio more).',
  );
  const redraw = () => void update(last);
  const cell = cellSelect('ec-cell', 'Cell on this device', redraw);
  const classSelect = el('select', { id: 'ec-class' }, ...DEVICE_CLASSES.map((c) => el('option', { value: c }, c)));
  classSelect.value = guessDeviceClass();
  const classLabel = el('label', { for: 'ec-class', class: 'select-field' }, 'Device class (from the result’s device profile, else guessed) ', classSelect);
  const dev = deviceEmbodiedDefaults(classSelect.value as DeviceClass);
  const deviceFields = {
    embodiedKgCO2e: estimateField('ec-embodied', 'Device embodied carbon', dev.embodiedKgCO2e, redraw),
    lifetimeYears: estimateField('ec-life', 'Device lifetime', dev.lifetimeYears, redraw),
    useRatio: estimateField('ec-use', 'Use ratio', dev.useRatio, redraw),
  };
  let classTouched = false;
  classSelect.addEventListener('change', () => {
    classTouched = true;
    const d = deviceEmbodiedDefaults(classSelect.value as DeviceClass);
    for (const k of Object.keys(deviceFields) as (keyof typeof deviceFields)[]) deviceFields[k].set(d[k]);
    redraw();
  });
  let intensityField: EstimateField | null = null;
  const intensityHost = el('div', {}, el('p', { class: 'empty' }, 'Looking up the grid intensity…'));
  const cloudDefaults = defaultCloudReference();
  const cloudFields = Object.fromEntries(
    (Object.keys(CLOUD_LABELS) as CloudFigureKey[]).map((k) => [k, estimateField(`ec-cloud-${k}`, CLOUD_LABELS[k], cloudDefaults[k], redraw)]),
  ) as Record<CloudFigureKey, EstimateField>;
  const throughput = numberField('ec-throughput', 'Cloud throughput for this model (inferences/s; empty = derive from FLOPs)', Number.NaN, redraw, { min: '0' });
  const perDownload = numberField('ec-per-download', 'Inferences per model download (0 = do not count the download)', 10_000, redraw, { min: '0' });
  const out = el('div', { id: 'edge-cloud-result', 'aria-live': 'polite' });
  const frame = chartFrame('chart-edge-cloud', 'Carbon per inference: this device vs the cloud');
  element.append(
    el('div', { class: 'inputs' }, cell.element, classLabel, deviceFields.embodiedKgCO2e.element, deviceFields.lifetimeYears.element, deviceFields.useRatio.element, intensityHost, perDownload.element),
    el('details', { class: 'cloud-inputs' }, el('summary', {}, 'Cloud reference: sourced defaults you can edit'), el('div', { class: 'inputs' }, ...Object.values(cloudFields).map((f) => f.element), throughput.element)),
    out,
    frame.figure,
  );

  let last: TradeOffData | null = null;
  let intensityFor: string | null = null;
  async function ensureIntensity(recordIntensity: ReturnType<typeof figureOf>): Promise<void> {
    const key = recordIntensity ? 'record' : 'guess';
    if (intensityField && intensityFor === key) return;
    const initial = recordIntensity ?? (await defaultDeviceIntensity());
    if (!initial) {
      intensityHost.replaceChildren(el('p', { class: 'error' }, 'No grid intensity for the guessed country: enter one in the cloud section’s grid field.'));
      return;
    }
    intensityFor = key;
    intensityField = estimateField('ec-intensity', `This device’s grid intensity${recordIntensity ? ' (from the result)' : ''}`, initial, redraw);
    intensityHost.replaceChildren(intensityField.element);
  }

  async function update(d: TradeOffData | null): Promise<void> {
    if (!d) return;
    last = d;
    const pts = d.points.filter((p) => p.energyJ);
    cell.fill(pts, lowestEnergy);
    const p = cell.get();
    const profiled = p?.record.estimation?.profile.deviceClass;
    if (!classTouched && profiled && (DEVICE_CLASSES as readonly string[]).includes(profiled) && classSelect.value !== profiled) {
      classSelect.value = profiled;
      const dd = deviceEmbodiedDefaults(profiled as DeviceClass);
      for (const k of Object.keys(deviceFields) as (keyof typeof deviceFields)[]) deviceFields[k].set(dd[k]);
    }
    if (!p) {
      const why = d.points.length === 0 ? 'No completed cells yet: profile a model first.' : `Needs a cell with energy per inference: ${NO_ENERGY_YET}.`;
      out.replaceChildren(el('p', { class: 'empty' }, why));
      emptyChart(frame, why);
      bus.publish('edgeVsCloud', undefined);
      return;
    }
    await ensureIntensity(figureOf(p.record, 'gridIntensity', 'gCO2e/kWh'));
    if (!intensityField) return;
    const cloud = Object.fromEntries(Object.entries(cloudFields).map(([k, f]) => [k, f.get()])) as CloudReference;
    const thr = throughput.get();
    if (Number.isFinite(thr)) cloud.throughputPerS = { value: thr, low: thr, high: thr, unit: 'inferences/s', method: 'assumed', reasons: ['entered by the user'], sources: [] };
    const n = perDownload.get();
    const r = edgeVsCloud({
      device: {
        energyPerInference: p.energyJ!,
        latencyMs: p.latencyMs,
        gridIntensityGPerKWh: intensityField.get(),
        embodiedKgCO2e: deviceFields.embodiedKgCO2e.get(),
        lifetimeYears: deviceFields.lifetimeYears.get(),
        useRatio: deviceFields.useRatio.get(),
        ...(n > 0 && p.fileBytes !== null ? { modelDownload: { bytes: p.fileBytes, inferencesPerDownload: n } } : {}),
      },
      cloud,
      request: { inputBytes: p.ioBytes?.input ?? 0, outputBytes: p.ioBytes?.output ?? 0, ...(p.accounting ? { flopsPerInference: p.accounting.flops } : {}) },
    });
    if (r.state === 'invalid') {
      out.replaceChildren(problemsEl(r.problems));
      emptyChart(frame, 'Fix the inputs above to compare.');
      bus.publish('edgeVsCloud', undefined);
      return;
    }
    bus.publish('edgeVsCloud', r);
    const io = p.ioBytes ? `Request: ${p.ioBytes.input} bytes in, ${p.ioBytes.output} bytes out (model manifest tensor shapes).` : 'Request size unknown (model not in the manifest): network energy counted as 0.';
    out.replaceChildren(el('p', { class: 'verdict' }, r.sentence), el('p', { class: 'chart-note' }, io), resultFigures(r));
    await renderBars(frame, barsOf(r));
  }
  return { element, update };
}

const UNBOUNDED_RATIO = 'unbounded: the cloud total’s interval reaches 0 g, so no ratio can be stated (raise the lowest cloud figures to get one)';

function resultFigures(r: EdgeVsCloudResult): HTMLElement {
  return figureList(
    [
      figureRow('Device: operational', r.device.wallClock.operationalG),
      figureRow('Device: embodied, wall-clock allocation', r.device.wallClock.embodiedG),
      figureRow('Device: embodied, active-use allocation', r.device.activeUse.embodiedG),
      figureRow('Device total (wall-clock)', r.device.wallClock.totalG),
      figureRow('Device total (active use)', r.device.activeUse.totalG),
      figureRow('Cloud: server energy per inference', r.cloud.serverEnergyJ),
      figureRow('Cloud: network energy per inference', r.cloud.networkEnergyJ),
      figureRow('Cloud throughput', r.cloud.throughputPerS),
      figureRow('Cloud total', r.cloud.totalG),
      figureRow('Device ÷ cloud (wall-clock)', r.ratioWallClock, UNBOUNDED_RATIO),
      figureRow('Device ÷ cloud (active use)', r.ratioActiveUse, UNBOUNDED_RATIO),
    ],
    { id: 'edge-cloud-figures' },
  );
}

function barsOf(r: EdgeVsCloudResult) {
  const sides: [string, Footprint][] = [
    ['Device, wall-clock', r.device.wallClock],
    ['Device, active use', r.device.activeUse],
    ['Cloud', r.cloud],
  ];
  const parts: BarPart[] = sides.flatMap(([bar, f]) => [
    { bar, part: 'operational', value: f.operationalG.value, tip: `${bar}, operational: ${formatEstimate(f.operationalG)}\n${estimateTooltip(f.operationalG)}` },
    { bar, part: 'embodied', value: f.embodiedG.value, tip: `${bar}, embodied: ${formatEstimate(f.embodiedG)}\n${estimateTooltip(f.embodiedG)}` },
  ]);
  const totals: BarTotal[] = sides.map(([bar, f]) => ({ bar, low: f.totalG.low, high: f.totalG.high, tip: `${bar}, total: ${formatEstimate(f.totalG)}` }));
  return {
    parts,
    totals,
    xLabel: 'Carbon per inference (CO2e) →',
    description: 'Stacked: operational (electricity × grid intensity) and embodied share. The whisker is the total’s range over every input interval.',
    emptyReason: 'Nothing to compare.',
    format: g,
    tick: formatGrams,
  };
}
