import type { Backend } from '../../core/cell.js';
import type { Estimate } from '../../core/estimate.js';
import { type BatteryManagerLike, recordBatteryTrace } from '../../energy/battery/battery-adapter.js';
import { calibrateFromBattery } from '../../energy/battery/battery-calibration.js';
import type { BatteryTrace } from '../../energy/battery/battery-trace.js';
import type { StoredCalibration } from '../estimation-settings-store.js';

/** What the sustained load ran on: the calibration is kept for exactly this backend and thread count. */
export interface LoadInfo {
  backend: Backend;
  threads: number;
  /** measurement chunks completed under load */
  chunks: number;
}

/** Runs inference until the signal aborts; rejects with a reason when the cell cannot run. */
export type SustainedLoad = (signal: AbortSignal) => Promise<LoadInfo>;

export interface CalibrationPlan {
  battery: BatteryManagerLike;
  capacityWh: Estimate;
  profileId: string;
  loadMs: number;
  idleMs: number;
}

export interface CalibrationDeps {
  load: SustainedLoad;
  /** resolves after ms, or early when the signal aborts */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
  onPhase?: (phase: 'load' | 'idle', endsAtMs: number) => void;
}

export type CalibrationOutcome =
  | { state: 'ok'; calibration: StoredCalibration; traces: BatteryTrace[] }
  | { state: 'not-enough-data'; reason: string; traces: BatteryTrace[] }
  | { state: 'stopped'; reason: string }
  | { state: 'failed'; reason: string };

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/**
 * The guided battery calibration: sustained inference while timing `levelchange` events, then
 * the same time at idle, then load − idle power from the two traces. Stopping early or a load
 * that cannot run ends it with a reason; nothing is stored unless the result is `ok`.
 */
export async function runCalibration(plan: CalibrationPlan, deps: CalibrationDeps, stop: AbortSignal): Promise<CalibrationOutcome> {
  const sleep = deps.sleep ?? abortableSleep;
  const now = deps.now ?? (() => performance.now());
  if (!(plan.loadMs > 0 && plan.idleMs > 0)) return { state: 'failed', reason: 'both phases need a duration above 0 minutes' };

  const loadStop = new AbortController();
  const timer = new AbortController();
  const onStop = () => {
    loadStop.abort();
    timer.abort();
  };
  stop.addEventListener('abort', onStop);
  const loadRec = recordBatteryTrace(plan.battery, 'load', now);
  deps.onPhase?.('load', now() + plan.loadMs);
  const loading = deps.load(loadStop.signal).then(
    (info) => ({ ok: true as const, info }),
    (err: unknown) => ({ ok: false as const, reason: err instanceof Error ? err.message : String(err) }),
  );
  // the load ending early (a failure) ends the phase too
  const finished = await Promise.race([sleep(plan.loadMs, timer.signal).then(() => null), loading]);
  timer.abort();
  loadStop.abort();
  const loaded = finished ?? (await loading);
  const loadTrace = loadRec.stop();
  stop.removeEventListener('abort', onStop);
  if (!loaded.ok) return { state: 'failed', reason: `the inference load stopped: ${loaded.reason}` };
  if (stop.aborted) return { state: 'stopped', reason: 'stopped during the load phase: nothing was stored' };

  const idleRec = recordBatteryTrace(plan.battery, 'idle', now);
  deps.onPhase?.('idle', now() + plan.idleMs);
  await sleep(plan.idleMs, stop);
  const idleTrace = idleRec.stop();
  if (stop.aborted) return { state: 'stopped', reason: 'stopped during the idle phase: nothing was stored' };

  const traces = [loadTrace, idleTrace];
  const cal = calibrateFromBattery({ load: loadTrace, idle: idleTrace, capacityWh: plan.capacityWh });
  if (cal.state !== 'ok') return { state: 'not-enough-data', reason: cal.reason, traces };
  return {
    state: 'ok',
    traces,
    calibration: {
      profileId: plan.profileId,
      backend: loaded.info.backend,
      threads: loaded.info.threads,
      attributableW: cal.attributableW,
      idleW: cal.idleW,
      loadW: cal.loadW,
      measuredAt: cal.measuredAt,
      capacityWh: plan.capacityWh,
    },
  };
}
