import { describe, expect, it } from 'vitest';
import { type BatteryManagerLike, isPlaceholderBattery, probeBattery, recordBatteryTrace } from './battery-adapter.js';

/** A BatteryManager stand-in on Node's EventTarget, as the real one is an EventTarget. */
class FakeBattery extends EventTarget implements BatteryManagerLike {
  constructor(public charging: boolean, public level: number, public chargingTime: number, public dischargingTime: number) {
    super();
  }
  set(level: number, charging = this.charging) {
    const chargingChanged = charging !== this.charging;
    this.level = level;
    this.charging = charging;
    this.dispatchEvent(new Event(chargingChanged ? 'chargingchange' : 'levelchange'));
  }
}

const placeholder = () => new FakeBattery(true, 1, 0, Number.POSITIVE_INFINITY);

describe('probeBattery', () => {
  it('says "no battery" for the headless/desktop placeholder', async () => {
    expect(isPlaceholderBattery(placeholder())).toBe(true);
    const p = await probeBattery({ getBattery: async () => placeholder() });
    expect(p.state).toBe('no-battery');
    if (p.state === 'no-battery') expect(p.reason).toMatch(/no battery/);
  });
  it('says the API is missing in workers and other browsers', async () => {
    expect((await probeBattery({})).state).toBe('no-api');
  });
  it('asks to unplug a charging device and accepts a discharging one', async () => {
    expect((await probeBattery({ getBattery: async () => new FakeBattery(true, 0.5, 3600, Number.POSITIVE_INFINITY) })).state).toBe('charging');
    expect((await probeBattery({ getBattery: async () => new FakeBattery(false, 0.5, Number.POSITIVE_INFINITY, 7200) })).state).toBe('available');
  });
  it('turns a rejected getBattery() into data', async () => {
    const p = await probeBattery({ getBattery: () => Promise.reject(new Error('NotAllowedError')) });
    expect(p).toMatchObject({ state: 'error' });
  });
});

describe('recordBatteryTrace', () => {
  it('records a snapshot, level and charging events with their times, and stops listening', () => {
    const b = new FakeBattery(false, 0.5, Number.POSITIVE_INFINITY, 7200);
    let t = 1000;
    const rec = recordBatteryTrace(b, 'load', () => t);
    t = 2000;
    b.set(0.49);
    t = 3000;
    b.set(0.49, true);
    const trace = rec.stop();
    t = 4000;
    b.set(0.48, false);
    expect(trace).toMatchObject({ phase: 'load', startMs: 1000, endMs: 3000 });
    expect(trace.events.map((e) => [e.tMs, e.type, e.level, e.charging])).toEqual([
      [1000, 'snapshot', 0.5, false],
      [2000, 'levelchange', 0.49, false],
      [3000, 'chargingchange', 0.49, true],
    ]);
  });
});
