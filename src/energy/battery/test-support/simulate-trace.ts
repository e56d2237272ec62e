import type { SeededRandom } from '../../../core/seeded-random.js';
import type { BatteryEvent, BatteryTrace } from '../battery-trace.js';

export interface SimulatedRun {
  phase: BatteryTrace['phase'];
  capacityWh: number;
  /** true state of charge at the start, 0..1 (mid-step on purpose) */
  startCharge: number;
  durationS: number;
  /** draw at second t, W */
  powerW: (tS: number) => number;
  /** intervals on the charger, with the charge rate in W */
  charging?: { fromS: number; toS: number; chargeW: number }[];
  /** delay of each event's delivery, uniform in [0, jitterS) (OS polling) */
  jitterS?: number;
  rng?: SeededRandom;
}

/**
 * A battery that reports floor(charge × 100) % and fires `levelchange` when that changes, as the
 * Battery Status API does; integrates the given power second by second.
 */
export function simulateTrace(run: SimulatedRun): { trace: BatteryTrace; meanDischargeW: number } {
  const capJ = run.capacityWh * 3600;
  let charge = run.startCharge;
  let reported = Math.floor(charge * 100) / 100;
  let charging = false;
  const events: BatteryEvent[] = [{ tMs: 0, type: 'snapshot', level: reported, charging }];
  let dischargeJ = 0;
  let dischargeS = 0;
  const delay = () => (run.jitterS && run.rng ? run.rng.uniform(0, run.jitterS) * 1000 : 0);
  for (let t = 0; t < run.durationS; t++) {
    const onCharger = (run.charging ?? []).find((c) => t >= c.fromS && t < c.toS);
    if (Boolean(onCharger) !== charging) {
      charging = Boolean(onCharger);
      events.push({ tMs: t * 1000 + delay(), type: 'chargingchange', level: reported, charging });
    }
    const p = run.powerW(t);
    if (onCharger) charge += (onCharger.chargeW - p) / capJ;
    else {
      charge -= p / capJ;
      dischargeJ += p;
      dischargeS += 1;
    }
    const level = Math.floor(charge * 100 + 1e-9) / 100;
    if (level !== reported) {
      reported = level;
      events.push({ tMs: (t + 1) * 1000 + delay(), type: 'levelchange', level, charging });
    }
  }
  return { trace: { phase: run.phase, startMs: 0, endMs: run.durationS * 1000, events }, meanDischargeW: dischargeJ / Math.max(dischargeS, 1) };
}
