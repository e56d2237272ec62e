import type { Estimate } from '../../core/estimate.js';
import { divide, estimate, multiply, subtract } from '../../estimates/estimate-math.js';
import { type BatteryTrace, type ExcludedStretch, segmentTrace } from './battery-trace.js';

export interface PowerFromTraceOptions {
  /** fewer timed 1 % steps than this → "not enough data" (default 3) */
  minSteps?: number;
}

export type TracePower =
  | { state: 'ok'; phase: BatteryTrace['phase']; powerW: Estimate; steps: number; timedS: number; segments: number; excluded: ExcludedStretch[] }
  | { state: 'not-enough-data'; phase: BatteryTrace['phase']; reason: string; steps: number; timedS: number; excluded: ExcludedStretch[] };

/**
 * Average power from the intervals between `levelchange` events: k steps of 1 % × capacity over
 * the time they took. The level is known only to a step, so each timed stretch carries ±1 step:
 * energy ∈ [(K − n), (K + n)] × 1 % × capacity for K steps in n stretches. More steps narrow it.
 */
export function powerFromTrace(trace: BatteryTrace, capacityWh: Estimate, opts: PowerFromTraceOptions = {}): TracePower {
  if (capacityWh.unit !== 'Wh' || !(capacityWh.low > 0)) {
    throw new RangeError(`battery capacity must be a positive Wh estimate, got ${capacityWh.low}-${capacityWh.high} ${capacityWh.unit}`);
  }
  const minSteps = Math.max(2, opts.minSteps ?? 3);
  const { segments, excluded } = segmentTrace(trace);
  const steps = segments.reduce((s, g) => s + g.steps, 0);
  const timedS = segments.reduce((s, g) => s + (g.toMs - g.fromMs), 0) / 1000;
  const n = segments.length;
  if (steps < minSteps || steps <= n || timedS <= 0) {
    const charged = excluded.some((x) => x.reason === 'charging') ? ' Time on the charger is not counted.' : '';
    return {
      state: 'not-enough-data',
      phase: trace.phase,
      steps,
      timedS,
      excluded,
      reason:
        `not enough data: ${steps} whole 1 % step(s) timed in the ${trace.phase} phase, at least ${minSteps} needed ` +
        `(and more steps than charger-free stretches).${charged} Keep the device unplugged and run longer: a 1 % step of a ` +
        `${capacityWh.value} Wh battery takes ${((0.01 * capacityWh.value * 3600) / 5 / 60).toFixed(1)} min at 5 W.`,
    };
  }
  const stepShare = estimate({
    value: steps * 0.01,
    low: (steps - n) * 0.01,
    high: (steps + n) * 0.01,
    unit: 'fraction',
    method: 'measured',
    reasons: [`${steps} × 1 % steps timed over ${timedS.toFixed(0)} s in ${n} stretch(es); ±1 step per stretch for the 1 % quantisation`],
  });
  const energyWh = multiply(stepShare, capacityWh, 'Wh');
  const hours = estimate({ value: timedS / 3600, unit: 'h', method: 'measured', reasons: [] });
  const powerW = divide(energyWh, hours, 'W');
  const notes = excluded.length ? [`left out: ${excluded.map((x) => `${((x.toMs - x.fromMs) / 1000).toFixed(0)} s ${x.reason}`).join('; ')}`] : [];
  return {
    state: 'ok',
    phase: trace.phase,
    powerW: { ...powerW, reasons: [...powerW.reasons, ...notes] },
    steps,
    timedS,
    segments: n,
    excluded,
  };
}

export type BatteryCalibration =
  | { state: 'ok'; loadW: Estimate; idleW: Estimate; attributableW: Estimate; measuredAt: string }
  | { state: 'not-enough-data'; reason: string; load: TracePower; idle: TracePower };

/**
 * This device's power under sustained inference and at idle from two traces. The difference is
 * the attributable power that calibrates the profile: method `calibrated` (a drain measurement
 * turned into watts with a capacity figure).
 */
export function calibrateFromBattery(input: { load: BatteryTrace; idle: BatteryTrace; capacityWh: Estimate; minSteps?: number; measuredAt?: string }): BatteryCalibration {
  const load = powerFromTrace(input.load, input.capacityWh, { minSteps: input.minSteps });
  const idle = powerFromTrace(input.idle, input.capacityWh, { minSteps: input.minSteps });
  if (load.state !== 'ok' || idle.state !== 'ok') {
    const reasons = [load, idle].flatMap((p) => (p.state === 'ok' ? [] : [p.reason]));
    return { state: 'not-enough-data', reason: reasons.join(' '), load, idle };
  }
  const calibrated = (e: Estimate, why: string): Estimate => ({ ...e, method: 'calibrated', reasons: [...e.reasons, why] });
  return {
    state: 'ok',
    loadW: calibrated(load.powerW, 'battery drain under sustained inference'),
    idleW: calibrated(idle.powerW, 'battery drain at idle'),
    attributableW: calibrated(subtract(load.powerW, idle.powerW, { clampAtZero: true }), 'load minus idle battery drain'),
    measuredAt: input.measuredAt ?? new Date().toISOString(),
  };
}
