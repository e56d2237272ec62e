import type { BatteryEvent, BatteryTrace } from './battery-trace.js';

/** The part of the Battery Status API's BatteryManager the calibration uses (window only, Chromium). */
export interface BatteryManagerLike {
  readonly charging: boolean;
  readonly chargingTime: number;
  readonly dischargingTime: number;
  readonly level: number;
  addEventListener(type: 'levelchange' | 'chargingchange', listener: () => void): void;
  removeEventListener(type: 'levelchange' | 'chargingchange', listener: () => void): void;
}

export interface NavigatorWithBattery {
  getBattery?: () => Promise<BatteryManagerLike>;
}

export type BatteryProbe =
  | { state: 'available'; battery: BatteryManagerLike }
  | { state: 'charging'; battery: BatteryManagerLike; reason: string }
  | { state: 'no-battery'; reason: string }
  | { state: 'no-api'; reason: string }
  | { state: 'error'; reason: string };

/**
 * Headless Chromium, desktops and anything on mains report the same placeholder: charging, full,
 * charging time 0, discharging time Infinity. A full laptop on its charger looks identical; either
 * way nothing can be measured.
 */
export function isPlaceholderBattery(b: Pick<BatteryManagerLike, 'charging' | 'level' | 'chargingTime' | 'dischargingTime'>): boolean {
  return b.charging && b.level === 1 && b.chargingTime === 0 && b.dischargingTime === Number.POSITIVE_INFINITY;
}

export async function probeBattery(nav: NavigatorWithBattery | undefined = globalThis.navigator as NavigatorWithBattery | undefined): Promise<BatteryProbe> {
  if (!nav || typeof nav.getBattery !== 'function') {
    return { state: 'no-api', reason: 'Battery Status API not available: it exists only in Chromium windows (not workers, Firefox or Safari) on a secure origin' };
  }
  let battery: BatteryManagerLike;
  try {
    battery = await nav.getBattery();
  } catch (err) {
    return { state: 'error', reason: `navigator.getBattery() failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (isPlaceholderBattery(battery)) {
    return { state: 'no-battery', reason: 'no battery: the browser reports a placeholder (charging, 100 %, as headless browsers and desktops do; a full laptop on its charger looks the same). Unplug a battery device to calibrate.' };
  }
  if (battery.charging) {
    return { state: 'charging', battery, reason: 'the device is charging: unplug it so the battery level can fall' };
  }
  return { state: 'available', battery };
}

/** Records every level and charging event until stopped; the trace feeds `powerFromTrace`. */
export function recordBatteryTrace(
  battery: BatteryManagerLike,
  phase: BatteryTrace['phase'],
  now: () => number = () => performance.now(),
): { stop(): BatteryTrace } {
  const startMs = now();
  const events: BatteryEvent[] = [{ tMs: startMs, type: 'snapshot', level: battery.level, charging: battery.charging }];
  const onLevel = () => events.push({ tMs: now(), type: 'levelchange', level: battery.level, charging: battery.charging });
  const onCharging = () => events.push({ tMs: now(), type: 'chargingchange', level: battery.level, charging: battery.charging });
  battery.addEventListener('levelchange', onLevel);
  battery.addEventListener('chargingchange', onCharging);
  return {
    stop() {
      battery.removeEventListener('levelchange', onLevel);
      battery.removeEventListener('chargingchange', onCharging);
      return { phase, startMs, endMs: now(), events: [...events] };
    },
  };
}
