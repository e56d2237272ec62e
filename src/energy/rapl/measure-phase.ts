import { joulesFromMicrojoules } from '../../estimates/units.js';
import { type RaplFs, raplDelta, readRaplSnapshot } from './rapl-reader.js';

export type RaplMeasurement =
  | {
      state: 'measured';
      /** package energy over the phase, J */
      phaseJ: number;
      /** idle energy over a baseline of equal length, scaled to the phase's exact duration, J */
      baselineJ: number;
      /** phase − baseline: energy attributable to the phase, J (can be ≤ 0 within noise) */
      attributableJ: number;
      phaseMs: number;
      baselineMs: number;
      zones: string[];
      wrapped: boolean;
    }
  | { state: 'absent' | 'unreadable' | 'error'; reason: string };

export interface MeasurePhaseOptions {
  fs: RaplFs;
  root?: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `phase` between two RAPL readings, then idles for as long as the phase took between two
 * more, and subtracts that baseline. The phase's own result (or error) always comes back; RAPL
 * being absent or unreadable only changes `energy`.
 */
export async function measurePhaseEnergy<T>(phase: () => Promise<T>, opts: MeasurePhaseOptions): Promise<{ result: T; energy: RaplMeasurement }> {
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const read = () => readRaplSnapshot(opts.fs, opts.root);

  const s0 = await read();
  if (s0.state !== 'ok') return { result: await phase(), energy: s0 };
  const t0 = now();
  const result = await phase();
  const t1 = now();
  const s1 = await read();
  if (s1.state !== 'ok') return { result, energy: s1 };

  const b0 = await read();
  const tb0 = now();
  await sleep(t1 - t0);
  const tb1 = now();
  const b1 = await read();
  if (b0.state !== 'ok' || b1.state !== 'ok') return { result, energy: b0.state !== 'ok' ? b0 : (b1 as Exclude<typeof b1, { state: 'ok' }>) };

  const dPhase = raplDelta(s0.zones, s1.zones);
  const dIdle = raplDelta(b0.zones, b1.zones);
  if (typeof dPhase === 'string') return { result, energy: { state: 'error', reason: dPhase } };
  if (typeof dIdle === 'string') return { result, energy: { state: 'error', reason: dIdle } };
  const phaseMs = t1 - t0;
  const baselineMs = tb1 - tb0;
  const phaseJ = joulesFromMicrojoules(dPhase.totalUj);
  const idleJ = joulesFromMicrojoules(dIdle.totalUj);
  // the sleep rarely lasts exactly as long as the phase: scale the idle energy to the phase's length
  const baselineJ = baselineMs > 0 ? (idleJ * phaseMs) / baselineMs : 0;
  return {
    result,
    energy: {
      state: 'measured',
      phaseJ,
      baselineJ,
      attributableJ: phaseJ - baselineJ,
      phaseMs,
      baselineMs,
      zones: dPhase.summed,
      wrapped: [...dPhase.zones, ...dIdle.zones].some((z) => z.wrapped),
    },
  };
}
