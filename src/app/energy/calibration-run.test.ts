import { describe, expect, it } from 'vitest';
import type { BatteryManagerLike } from '../../energy/battery/battery-adapter.js';
import { estimate } from '../../estimates/estimate-math.js';
import { type CalibrationDeps, runCalibration } from './calibration-run.js';

/**
 * A discharging battery on a virtual clock: it reports floor(charge × 100) % and fires
 * `levelchange` when that changes, as the Battery Status API does. The draw depends on whether
 * the inference load is running.
 */
function virtualDevice(opts: { capacityWh: number; startCharge: number; loadW: number; idleW: number }) {
  let tMs = 0;
  let charge = opts.startCharge;
  let loading = false;
  const battery = new (class extends EventTarget implements BatteryManagerLike {
    charging = false;
    chargingTime = Number.POSITIVE_INFINITY;
    dischargingTime = 7200;
    level = Math.floor(opts.startCharge * 100) / 100;
  })();
  const tick = () => {
    tMs += 1000;
    charge -= (loading ? opts.loadW : opts.idleW) / (opts.capacityWh * 3600);
    const level = Math.floor(charge * 100 + 1e-9) / 100;
    if (level !== battery.level) {
      battery.level = level;
      battery.dispatchEvent(new Event('levelchange'));
    }
  };
  const deps: CalibrationDeps = {
    now: () => tMs,
    async sleep(ms, signal) {
      const end = tMs + ms;
      while (tMs < end && !signal.aborted) {
        tick();
        await Promise.resolve();
      }
    },
    load: (signal) =>
      new Promise((resolve) => {
        loading = true;
        signal.addEventListener('abort', () => {
          loading = false;
          resolve({ backend: 'wasm', threads: 2, chunks: 40 });
        });
      }),
  };
  return { battery, deps, time: () => tMs };
}

const cap = estimate({ value: 10, low: 9.5, high: 10.5, unit: 'Wh', method: 'modelled' });
const HOUR = 3_600_000;

describe('runCalibration', () => {
  it('recovers load and idle power of a virtual 10 Wh device and keys the result by profile, backend and threads', async () => {
    // 1 % of 10 Wh = 360 J: 72 s per step at 5 W (≈ 50 steps in the hour), 240 s at 1.5 W (≈ 15 steps)
    const d = virtualDevice({ capacityWh: 10, startCharge: 0.905, loadW: 5, idleW: 1.5 });
    const r = await runCalibration({ battery: d.battery, capacityWh: cap, profileId: 'class:laptop', loadMs: HOUR, idleMs: HOUR }, d.deps, new AbortController().signal);
    if (r.state !== 'ok') throw new Error(`${r.state}: ${'reason' in r ? r.reason : ''}`);
    const c = r.calibration;
    expect(c).toMatchObject({ profileId: 'class:laptop', backend: 'wasm', threads: 2 });
    expect(c.attributableW.method).toBe('calibrated');
    expect(c.attributableW.unit).toBe('W');
    expect(c.attributableW.low).toBeLessThanOrEqual(3.5);
    expect(c.attributableW.high).toBeGreaterThanOrEqual(3.5);
    expect(c.idleW.low).toBeLessThanOrEqual(1.5);
    expect(c.idleW.high).toBeGreaterThanOrEqual(1.5);
    expect(r.traces.map((t) => t.phase)).toEqual(['load', 'idle']);
    expect(d.time()).toBe(2 * HOUR);
  });

  it('says "not enough data" with what to do when the phases are too short to see 1 % steps', async () => {
    const d = virtualDevice({ capacityWh: 10, startCharge: 0.905, loadW: 5, idleW: 1.5 });
    const r = await runCalibration({ battery: d.battery, capacityWh: cap, profileId: 'p', loadMs: 120_000, idleMs: 120_000 }, d.deps, new AbortController().signal);
    expect(r.state).toBe('not-enough-data');
    if (r.state === 'not-enough-data') expect(r.reason).toMatch(/run longer/);
  });

  it('stops when the person presses Stop and keeps nothing', async () => {
    const d = virtualDevice({ capacityWh: 10, startCharge: 0.905, loadW: 5, idleW: 1.5 });
    const stop = new AbortController();
    const sleep = d.deps.sleep!;
    // the person presses Stop ten minutes into the load phase
    const deps: CalibrationDeps = {
      ...d.deps,
      sleep: async (ms, signal) => {
        await sleep(Math.min(ms, 600_000), signal);
        stop.abort();
      },
    };
    const r = await runCalibration({ battery: d.battery, capacityWh: cap, profileId: 'p', loadMs: HOUR, idleMs: HOUR }, deps, stop.signal);
    expect(r.state).toBe('stopped');
    if (r.state === 'stopped') expect(r.reason).toMatch(/load phase.*nothing was stored/);
    expect(d.time()).toBe(600_000);
  });

  it('ends at once with the reason when the inference load fails', async () => {
    const d = virtualDevice({ capacityWh: 10, startCharge: 0.905, loadW: 5, idleW: 1.5 });
    const r = await runCalibration(
      { battery: d.battery, capacityWh: cap, profileId: 'p', loadMs: HOUR, idleMs: HOUR },
      { ...d.deps, load: () => Promise.reject(new Error('WebGPU is not available')) },
      new AbortController().signal,
    );
    expect(r).toEqual({ state: 'failed', reason: 'the inference load stopped: WebGPU is not available' });
    expect(d.time()).toBeLessThan(HOUR);
  });

  it('refuses a phase of zero length', async () => {
    const d = virtualDevice({ capacityWh: 10, startCharge: 0.905, loadW: 5, idleW: 1.5 });
    const r = await runCalibration({ battery: d.battery, capacityWh: cap, profileId: 'p', loadMs: 0, idleMs: HOUR }, d.deps, new AbortController().signal);
    expect(r.state).toBe('failed');
  });
});
