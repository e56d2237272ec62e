/** What a calibration run records from the Battery Status API: every event, in time order. */
export interface BatteryEvent {
  /** ms on a monotonic clock (performance.now()) */
  tMs: number;
  type: 'snapshot' | 'levelchange' | 'chargingchange';
  /** 0..1 as the API reports it (1 % steps on most platforms) */
  level: number;
  charging: boolean;
}

export interface BatteryTrace {
  /** the workload that ran while the trace was taken */
  phase: 'load' | 'idle';
  startMs: number;
  endMs: number;
  events: BatteryEvent[];
}

/** One stretch between two level events with no charging in between. */
export interface TimedSegment {
  fromMs: number;
  toMs: number;
  /** 1 % steps between the first and the last level event of the stretch */
  steps: number;
}

export interface ExcludedStretch {
  fromMs: number;
  toMs: number;
  reason: string;
}

const STEP = 0.01;

/**
 * Cuts a trace into stretches that can be timed. Only `levelchange` events while discharging are
 * anchors: a level event marks the moment the level crossed a step, so the time between two of
 * them is the time one or more whole steps took. The trace's start snapshot is mid-step and is
 * not an anchor. Charging (and a level that rises without a chargingchange) ends a stretch.
 */
export function segmentTrace(trace: BatteryTrace): { segments: TimedSegment[]; excluded: ExcludedStretch[] } {
  const segments: TimedSegment[] = [];
  const excluded: ExcludedStretch[] = [];
  let anchor: { tMs: number; level: number } | null = null;
  let last: { tMs: number; level: number } | null = null;
  let steps = 0;
  let charging = trace.events[0]?.charging ?? false;
  let chargingSince: number | null = charging ? trace.startMs : null;

  const close = () => {
    if (anchor && last && steps > 0) segments.push({ fromMs: anchor.tMs, toMs: last.tMs, steps });
    anchor = null;
    last = null;
    steps = 0;
  };

  const events = [...trace.events].sort((a, b) => a.tMs - b.tMs);
  for (const e of events) {
    if (e.type === 'chargingchange' || e.charging !== charging) {
      if (e.charging && !charging) {
        close();
        chargingSince = e.tMs;
      } else if (!e.charging && charging) {
        excluded.push({ fromMs: chargingSince ?? trace.startMs, toMs: e.tMs, reason: 'charging' });
        chargingSince = null;
      }
      charging = e.charging;
      continue;
    }
    if (e.type !== 'levelchange' || charging) continue;
    if (!anchor || !last) {
      anchor = { tMs: e.tMs, level: e.level };
      last = anchor;
      continue;
    }
    if (e.level < last.level) {
      steps += Math.max(1, Math.round((last.level - e.level) / STEP));
      last = { tMs: e.tMs, level: e.level };
    } else if (e.level > last.level) {
      excluded.push({ fromMs: last.tMs, toMs: e.tMs, reason: 'level rose without a chargingchange event' });
      close();
      anchor = { tMs: e.tMs, level: e.level };
      last = anchor;
    }
  }
  close();
  if (charging) excluded.push({ fromMs: chargingSince ?? trace.startMs, toMs: trace.endMs, reason: 'charging' });
  return { segments, excluded };
}
