import type { Estimate } from '../core/estimate.js';
import type { CloudReference } from './cloud-defaults.js';
import { embodiedPerInferenceG } from './embodied-allocation.js';
import { BYTES_PER_GB, ENERGY_UNITS, JOULES_PER_KWH, SECONDS_PER_YEAR, toJoules } from './energy-units.js';
import { divide, propagate, sum } from '../estimates/estimate-math.js';
import { checkEstimate, checkNumber, invalid, type InvalidInput } from './input-checks.js';
import { compareEstimates } from './latency-compare.js';

export type { CloudReference } from './cloud-defaults.js';

export interface DeviceSide {
  /** attributable energy per inference on this device (J, Wh or kWh) */
  energyPerInference: Estimate;
  /** time the device is reserved per inference (the latency median and its CI, in ms) */
  latencyMs: Estimate;
  gridIntensityGPerKWh: Estimate;
  embodiedKgCO2e: Estimate;
  lifetimeYears: Estimate;
  /** share of wall-clock time the device is in active use (phones ≈ 0.3) */
  useRatio: Estimate;
  /** one-off model download, spread over the inferences it serves; omitted = not counted */
  modelDownload?: { bytes: number; inferencesPerDownload: number };
}

export interface EdgeVsCloudInput {
  device: DeviceSide;
  cloud: CloudReference;
  /** bytes sent to and returned from the cloud per inference; FLOPs derive a throughput when none is given */
  request: { inputBytes: number; outputBytes: number; flopsPerInference?: number };
}

export interface Footprint {
  operationalG: Estimate;
  embodiedG: Estimate;
  totalG: Estimate;
  /** embodied is larger than operational at the central values; `clearly` when the intervals do not overlap */
  embodiedDominated: { central: boolean; clearly: boolean };
}

export type Verdict = 'device' | 'cloud' | 'overlap';

export interface EdgeVsCloudResult {
  state: 'computed';
  device: {
    energyJ: Estimate;
    downloadG: Estimate | null;
    wallClock: Footprint;
    activeUse: Footprint;
  };
  cloud: Footprint & { throughputPerS: Estimate; serverEnergyJ: Estimate; networkEnergyJ: Estimate };
  /** device total ÷ cloud total, per allocation; null when the cloud total's interval reaches 0 g (the ratio is then unbounded) */
  ratioWallClock: Estimate | null;
  ratioActiveUse: Estimate | null;
  /** which side is lower with non-overlapping intervals */
  lowerWallClock: Verdict;
  lowerActiveUse: Verdict;
  sentence: string;
}

const POS = { above: 0 } as const;

function checkInput(i: EdgeVsCloudInput): string[] {
  const p: string[] = [];
  const d = i.device;
  checkEstimate('device energy per inference', d?.energyPerInference, { units: ENERGY_UNITS, min: 0 }, p);
  checkEstimate('device latency', d?.latencyMs, { units: ['ms'], above: 0 }, p);
  checkEstimate('device grid intensity', d?.gridIntensityGPerKWh, { units: ['gCO2e/kWh'], min: 0 }, p);
  checkEstimate('device embodied carbon', d?.embodiedKgCO2e, { units: ['kgCO2e'], min: 0 }, p);
  checkEstimate('device lifetime', d?.lifetimeYears, { units: ['years'], ...POS }, p);
  checkEstimate('device use ratio', d?.useRatio, { above: 0, max: 1 }, p);
  if (d?.modelDownload) {
    checkNumber('model download bytes', d.modelDownload.bytes, { min: 0 }, p);
    checkNumber('inferences per download', d.modelDownload.inferencesPerDownload, { above: 0 }, p);
  }
  const c = i.cloud;
  checkEstimate('cloud accelerator power', c?.acceleratorPowerW, { units: ['W'], min: 0 }, p);
  checkEstimate('cloud PUE', c?.pue, { min: 1 }, p);
  checkEstimate('server embodied carbon', c?.serverEmbodiedKgCO2e, { units: ['kgCO2e'], min: 0 }, p);
  checkEstimate('server share', c?.serverShare, { above: 0, max: 1 }, p);
  checkEstimate('server lifetime', c?.serverLifetimeYears, { units: ['years'], ...POS }, p);
  checkEstimate('server utilisation', c?.serverUtilisation, { above: 0, max: 1 }, p);
  checkEstimate('network energy per GB', c?.networkKWhPerGB, { units: ['kWh/GB'], min: 0 }, p);
  checkEstimate('cloud grid intensity', c?.gridIntensityGPerKWh, { units: ['gCO2e/kWh'], min: 0 }, p);
  checkNumber('request input bytes', i.request?.inputBytes, { min: 0 }, p);
  checkNumber('request output bytes', i.request?.outputBytes, { min: 0 }, p);
  if (c?.throughputPerS) checkEstimate('cloud throughput', c.throughputPerS, { units: ['inferences/s'], ...POS }, p);
  else if (i.request?.flopsPerInference === undefined) {
    p.push('cloud throughput is missing: enter inferences per second for this model on the server, or the model’s FLOPs per inference to derive it.');
  } else {
    checkNumber('FLOPs per inference', i.request.flopsPerInference, POS, p);
    checkEstimate('accelerator peak FLOP/s', c?.acceleratorPeakFlopsPerS, { units: ['FLOP/s'], ...POS }, p);
    checkEstimate('achieved FLOP/s fraction', c?.achievedFlopsFraction, { above: 0, max: 1 }, p);
  }
  return p;
}

function footprint(operationalG: Estimate, embodiedG: Estimate): Footprint {
  return {
    operationalG,
    embodiedG,
    totalG: sum([operationalG, embodiedG], 'gCO2e'),
    embodiedDominated: { central: embodiedG.value > operationalG.value, clearly: compareEstimates(embodiedG, operationalG) === 'higher' },
  };
}

const verdict = (device: Estimate, cloud: Estimate): Verdict => {
  const o = compareEstimates(device, cloud);
  return o === 'lower' ? 'device' : o === 'higher' ? 'cloud' : 'overlap';
};

const gOf = (energyJ: Estimate, intensity: Estimate, reason: string) =>
  propagate([energyJ, intensity], ([e, i]) => ((e as number) / JOULES_PER_KWH) * (i as number), 'gCO2e', [reason]);

/** Per-inference footprint on this device (both embodied allocations) against a parametric cloud. */
export function edgeVsCloud(input: EdgeVsCloudInput): EdgeVsCloudResult | InvalidInput {
  const problems = checkInput(input);
  if (problems.length > 0) return invalid(problems);
  const { device: d, cloud: c, request: r } = input;

  const energyJ = toJoules(d.energyPerInference);
  const busyS = propagate([d.latencyMs], ([ms]) => (ms as number) / 1000, 's');
  let downloadG: Estimate | null = null;
  if (d.modelDownload) {
    const { bytes, inferencesPerDownload } = d.modelDownload;
    downloadG = propagate(
      [c.networkKWhPerGB, d.gridIntensityGPerKWh],
      ([k, i]) => ((bytes / BYTES_PER_GB) * (k as number) * (i as number)) / inferencesPerDownload,
      'gCO2e',
      ['model download spread over the inferences it serves'],
    );
  }
  const runG = gOf(energyJ, d.gridIntensityGPerKWh, 'device operational carbon = energy × grid intensity');
  const deviceOperationalG = downloadG ? sum([runG, downloadG], 'gCO2e') : runG;
  const wallClock = footprint(deviceOperationalG, embodiedPerInferenceG('wall-clock', d.embodiedKgCO2e, busyS, d.lifetimeYears, d.useRatio));
  const activeUse = footprint(deviceOperationalG, embodiedPerInferenceG('active-use', d.embodiedKgCO2e, busyS, d.lifetimeYears, d.useRatio));

  const flops = r.flopsPerInference;
  const throughputPerS =
    c.throughputPerS ??
    propagate(
      [c.acceleratorPeakFlopsPerS, c.achievedFlopsFraction],
      ([peak, frac]) => ((peak as number) * (frac as number)) / (flops as number),
      'inferences/s',
      ['cloud throughput derived from the model’s FLOPs and an achieved share of peak'],
    );
  const serverEnergyJ = propagate(
    [c.acceleratorPowerW, c.pue, throughputPerS],
    ([w, pue, thr]) => ((w as number) * (pue as number)) / (thr as number),
    'J',
    ['server energy = accelerator power × PUE ÷ throughput'],
  );
  const bytesGB = (r.inputBytes + r.outputBytes) / BYTES_PER_GB;
  const networkEnergyJ = propagate([c.networkKWhPerGB], ([k]) => bytesGB * (k as number) * JOULES_PER_KWH, 'J', [
    'network energy = bytes sent and received × energy per byte',
  ]);
  const cloudOperationalG = sum(
    [
      gOf(serverEnergyJ, c.gridIntensityGPerKWh, 'server energy at the data centre’s grid intensity'),
      // the access network near the user dominates network energy, so it is charged at the user's grid
      gOf(networkEnergyJ, d.gridIntensityGPerKWh, 'network energy at the user’s grid intensity'),
    ],
    'gCO2e',
  );
  const cloudEmbodiedG = propagate(
    [c.serverEmbodiedKgCO2e, c.serverShare, c.serverLifetimeYears, c.serverUtilisation, throughputPerS],
    ([te, share, l, u, thr]) => ((te as number) * 1000 * (share as number)) / ((l as number) * SECONDS_PER_YEAR * (u as number) * (thr as number)),
    'gCO2e',
    ['server embodied carbon spread over the inferences it serves in its life'],
  );
  const cloudFp = footprint(cloudOperationalG, cloudEmbodiedG);

  // every cloud input may have a lower bound of 0 (a fully renewable data centre, say); a ratio over
  // an interval that reaches 0 has no upper bound, so it is left out rather than made up
  const ratioTo = (device: Estimate) => (cloudFp.totalG.low > 0 ? divide(device, cloudFp.totalG, 'ratio') : null);
  const ratioWallClock = ratioTo(wallClock.totalG);
  const ratioActiveUse = ratioTo(activeUse.totalG);
  const lowerWallClock = verdict(wallClock.totalG, cloudFp.totalG);
  const lowerActiveUse = verdict(activeUse.totalG, cloudFp.totalG);
  const g = (e: Estimate) => `${e.value.toPrecision(3)} g`;
  const sideText = (v: Verdict) => (v === 'device' ? 'the device is lower' : v === 'cloud' ? 'the cloud is lower' : 'the intervals overlap');
  const sentence =
    `Per inference: device ${g(wallClock.totalG)} (embodied over wall-clock life) or ${g(activeUse.totalG)} (over active use), ` +
    `cloud ${g(cloudFp.totalG)} including ${g(propagate([networkEnergyJ, d.gridIntensityGPerKWh], ([e, i]) => ((e as number) / JOULES_PER_KWH) * (i as number), 'gCO2e'))} for the network; ` +
    `${sideText(lowerWallClock)} (wall-clock) and ${sideText(lowerActiveUse)} (active use).` +
    (wallClock.embodiedDominated.central ? ' On the device, embodied carbon outweighs the electricity.' : '');

  return {
    state: 'computed',
    device: { energyJ, downloadG, wallClock, activeUse },
    cloud: { ...cloudFp, throughputPerS, serverEnergyJ, networkEnergyJ },
    ratioWallClock,
    ratioActiveUse,
    lowerWallClock,
    lowerActiveUse,
    sentence,
  };
}
