import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/seeded-random.js';
import { estimate } from '../../estimates/estimate-math.js';
import { calibrateFromBattery, powerFromTrace } from './battery-calibration.js';
import type { BatteryTrace } from './battery-trace.js';
import { simulateTrace } from './test-support/simulate-trace.js';

const exactWh = (wh: number) => estimate({ value: wh, unit: 'Wh', method: 'modelled' });
const within = (e: { low: number; high: number }, x: number) => e.low <= x && x <= e.high;

describe('powerFromTrace', () => {
  it('turns whole 1 % steps into watts, ±1 step per stretch (hand-made trace)', () => {
    const trace: BatteryTrace = {
      phase: 'load',
      startMs: 0,
      endMs: 1_100_000,
      events: [
        { tMs: 0, type: 'snapshot', level: 0.8, charging: false },
        { tMs: 100_000, type: 'levelchange', level: 0.79, charging: false },
        { tMs: 400_000, type: 'levelchange', level: 0.78, charging: false },
        { tMs: 700_000, type: 'levelchange', level: 0.77, charging: false },
        { tMs: 1_000_000, type: 'levelchange', level: 0.76, charging: false },
      ],
    };
    const r = powerFromTrace(trace, exactWh(10));
    if (r.state !== 'ok') throw new Error(r.reason);
    // 3 steps timed from 100 s to 1000 s = 900 s = 0.25 h (the start snapshot is mid-step, not timed)
    // value 3 % × 10 Wh = 0.3 Wh / 0.25 h = 1.2 W; low (3 − 1) % × 10 / 0.25 = 0.8 W; high (3 + 1) % × 10 / 0.25 = 1.6 W
    expect(r.steps).toBe(3);
    expect(r.powerW.value).toBeCloseTo(1.2, 12);
    expect(r.powerW.low).toBeCloseTo(0.8, 12);
    expect(r.powerW.high).toBeCloseTo(1.6, 12);
    expect(r.powerW.unit).toBe('W');
  });

  it('recovers a clean 3 W drain of an iPhone 13 battery within its interval', () => {
    // one step = 1 % × 12.41 Wh × 3600 = 446.76 J → 148.9 s at 3 W; an hour gives ~24 steps
    const { trace } = simulateTrace({ phase: 'load', capacityWh: 12.41, startCharge: 0.8437, durationS: 3600, powerW: () => 3 });
    const r = powerFromTrace(trace, exactWh(12.41));
    if (r.state !== 'ok') throw new Error(r.reason);
    expect(within(r.powerW, 3)).toBe(true);
    expect(Math.abs(r.powerW.value - 3) / 3).toBeLessThan(0.02);
    // ±1 step over ~23 steps: the interval is about ±4 %, not wider than ±10 %
    expect((r.powerW.high - r.powerW.low) / r.powerW.value).toBeLessThan(0.2);
  });

  it('recovers the mean power of a noisy drain with jittered event delivery', () => {
    const rng = seededRandom(7);
    const draw = Array.from({ length: 5400 }, () => 2.5 * (1 + 0.3 * (rng.next() * 2 - 1)));
    const { trace, meanDischargeW } = simulateTrace({
      phase: 'load', capacityWh: 16, startCharge: 0.6, durationS: 5400, powerW: (t) => draw[t] as number, jitterS: 5, rng,
    });
    const r = powerFromTrace(trace, exactWh(16));
    if (r.state !== 'ok') throw new Error(r.reason);
    expect(within(r.powerW, meanDischargeW)).toBe(true);
    expect(within(r.powerW, 2.5)).toBe(true);
  });

  it('leaves charging out and still recovers the drain across the interruption', () => {
    const { trace } = simulateTrace({
      phase: 'load', capacityWh: 12.41, startCharge: 0.555, durationS: 4200, powerW: () => 4,
      charging: [{ fromS: 1500, toS: 2100, chargeW: 15 }],
    });
    expect(trace.events.some((e) => e.type === 'chargingchange' && e.charging)).toBe(true);
    const r = powerFromTrace(trace, exactWh(12.41));
    if (r.state !== 'ok') throw new Error(r.reason);
    expect(r.segments).toBe(2);
    expect(r.excluded.map((x) => x.reason)).toContain('charging');
    expect(within(r.powerW, 4)).toBe(true);
    expect(r.powerW.reasons.join(' ')).toMatch(/left out: .*charging/);
  });

  it('says "not enough data" when too few steps were timed, with what to do', () => {
    // 5 min at 1 W drains 300 J = 0.67 % of 12.41 Wh: at most one event
    const { trace } = simulateTrace({ phase: 'idle', capacityWh: 12.41, startCharge: 0.505, durationS: 300, powerW: () => 1 });
    const r = powerFromTrace(trace, exactWh(12.41));
    expect(r.state).toBe('not-enough-data');
    if (r.state === 'not-enough-data') expect(r.reason).toMatch(/not enough data.*run longer/);
  });

  it('ends a stretch when the level rises without a chargingchange event', () => {
    const ev = (tS: number, level: number) => ({ tMs: tS * 1000, type: 'levelchange' as const, level, charging: false });
    const trace: BatteryTrace = {
      phase: 'load', startMs: 0, endMs: 2000_000,
      events: [ev(100, 0.5), ev(200, 0.49), ev(300, 0.48), ev(350, 0.5), ev(450, 0.49), ev(550, 0.48), ev(650, 0.47)],
    };
    const r = powerFromTrace(trace, exactWh(10));
    if (r.state !== 'ok') throw new Error(r.reason);
    // stretches: 100→300 s (2 steps) and 350→650 s (3 steps): 5 steps over 500 s, n = 2
    // value 5 % × 10 Wh / (500/3600 h) = 0.5 / 0.138889 = 3.6 W; low 3 % → 2.16 W; high 7 % → 5.04 W
    expect(r.steps).toBe(5);
    expect(r.powerW.value).toBeCloseTo(3.6, 9);
    expect(r.powerW.low).toBeCloseTo(2.16, 9);
    expect(r.powerW.high).toBeCloseTo(5.04, 9);
    expect(r.excluded[0]?.reason).toMatch(/rose without a chargingchange/);
  });
});

describe('calibrateFromBattery', () => {
  it('gives attributable power = load − idle, marked calibrated, and the capacity range widens it', () => {
    const load = simulateTrace({ phase: 'load', capacityWh: 12.41, startCharge: 0.9, durationS: 3600, powerW: () => 4.5 }).trace;
    const idle = simulateTrace({ phase: 'idle', capacityWh: 12.41, startCharge: 0.7, durationS: 5400, powerW: () => 1.2 }).trace;
    const cap = estimate({ value: 12.41, low: 12, high: 12.8, unit: 'Wh', method: 'modelled' });
    const c = calibrateFromBattery({ load, idle, capacityWh: cap, measuredAt: '2026-01-01T00:00:00Z' });
    if (c.state !== 'ok') throw new Error(c.reason);
    expect(c.attributableW.method).toBe('calibrated');
    expect(within(c.loadW, 4.5)).toBe(true);
    expect(within(c.idleW, 1.2)).toBe(true);
    expect(within(c.attributableW, 3.3)).toBe(true);
  });

  it('passes on the phase that lacked data', () => {
    const load = simulateTrace({ phase: 'load', capacityWh: 12.41, startCharge: 0.9, durationS: 3600, powerW: () => 4.5 }).trace;
    const idle = simulateTrace({ phase: 'idle', capacityWh: 12.41, startCharge: 0.7, durationS: 120, powerW: () => 1.2 }).trace;
    const c = calibrateFromBattery({ load, idle, capacityWh: exactWh(12.41) });
    expect(c.state).toBe('not-enough-data');
    if (c.state === 'not-enough-data') expect(c.reason).toMatch(/idle phase/);
  });
});
