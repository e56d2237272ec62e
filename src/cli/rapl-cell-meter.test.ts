import { describe, expect, it } from 'vitest';
import { nodeRaplFs } from '../energy/rapl/rapl-node.js';
import { makeFakePowercap } from '../energy/rapl/test-support/fake-powercap.js';
import { RaplCellMeter } from './rapl-cell-meter.js';

/** A clock and a sleep the test moves by hand, while it sets the counters like a CPU would. */
function scripted() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('RAPL around each cell (headless runner)', () => {
  it('measures the steady phase and subtracts the idle power measured before the run', async () => {
    const tree = makeFakePowercap([{ zone: 'intel-rapl:0', name: 'package-0', energyUj: 1_000_000, maxEnergyRangeUj: 262_143_328_850 }]);
    const clock = scripted();
    const meter = new RaplCellMeter(nodeRaplFs, tree.root, clock.now, async (ms) => {
      // 2 s of idle at 5 W = 10 J = 10,000,000 µJ
      clock.advance(ms);
      tree.setEnergy('intel-rapl:0', 1_000_000 + (5 * ms * 1000));
    });
    expect(await meter.calibrateIdle(2000)).toBeNull();
    // steady phase: 4 s at 20 W package power = 80 J; idle share 4 s × 5 W = 20 J → 60 J attributable
    tree.setEnergy('intel-rapl:0', 50_000_000);
    await meter.steadyStarted('0');
    clock.advance(4000);
    tree.setEnergy('intel-rapl:0', 50_000_000 + 80_000_000);
    await meter.steadyEnded('0');
    const m = meter.measurementFor('0');
    expect(m.state).toBe('measured');
    if (m.state !== 'measured') return;
    expect(m.phaseJ).toBeCloseTo(80, 6);
    expect(m.baselineJ).toBeCloseTo(20, 6);
    expect(m.attributableJ).toBeCloseTo(60, 6);
    expect(m.zones).toEqual(['intel-rapl:0 (package-0)']);
  });

  it('handles a counter that wrapped at max_energy_range_uj during the phase', async () => {
    const max = 100_000_000;
    const tree = makeFakePowercap([{ zone: 'intel-rapl:0', name: 'package-0', energyUj: 0, maxEnergyRangeUj: max }]);
    const clock = scripted();
    const meter = new RaplCellMeter(nodeRaplFs, tree.root, clock.now, async (ms) => void clock.advance(ms)); // idle draws 0 W here
    await meter.calibrateIdle(1000);
    tree.setEnergy('intel-rapl:0', max - 10_000_000); // 10 J before the wrap
    await meter.steadyStarted('7');
    clock.advance(1000);
    tree.setEnergy('intel-rapl:0', 5_000_000); // … and 5 J after it
    await meter.steadyEnded('7');
    const m = meter.measurementFor('7');
    expect(m.state === 'measured' && m.wrapped).toBe(true);
    expect(m.state === 'measured' ? m.phaseJ : NaN).toBeCloseTo(15, 6);
  });

  it('says RAPL is absent when there is no powercap tree, for every cell', async () => {
    const meter = new RaplCellMeter(nodeRaplFs, '/nonexistent/powercap');
    const idle = await meter.calibrateIdle(1);
    expect(idle?.state).toBe('absent');
    await meter.steadyStarted('0');
    await meter.steadyEnded('0');
    const m = meter.measurementFor('0');
    expect(m.state).toBe('absent');
    expect('reason' in m ? m.reason : '').toMatch(/RAPL absent|powercap/);
  });
});
