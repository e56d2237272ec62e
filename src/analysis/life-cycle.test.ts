import { describe, expect, it } from 'vitest';
import { estimate } from '../estimates/estimate-math.js';
import { lifeCycle, netSavingAt, type LifeCycleResult } from './life-cycle.js';

function computed(r: ReturnType<typeof lifeCycle>): LifeCycleResult {
  if (r.state !== 'computed') throw new Error(JSON.stringify(r));
  return r;
}

describe('lifeCycle', () => {
  it('break-even case with exact figures', () => {
    // making: forge 1000 J + profiling 2000 J = 3000 J; saving 0.5 − 0.2 = 0.3 J per inference
    // break-even = 3000 / 0.3 = 10 000 inferences; at 500 a day → 20 days
    const r = computed(
      lifeCycle({
        makingCosts: [
          { label: 'int8 calibration', kind: 'calibration', energy: estimate({ value: 1000, unit: 'J', method: 'measured' }) },
          { label: 'edgewatt profiling', kind: 'profiling', energy: estimate({ value: 2000, unit: 'J', method: 'measured' }) },
        ],
        baselinePerInference: estimate({ value: 0.5, unit: 'J', method: 'measured' }),
        efficientPerInference: estimate({ value: 0.2, unit: 'J', method: 'measured' }),
        inferencesPerDay: 500,
      }),
    );
    expect(r.breakEven.state).toBe('breaks-even');
    if (r.breakEven.state !== 'breaks-even') return;
    expect(r.breakEven.inferences.value).toBeCloseTo(10_000, 6);
    expect(r.breakEven.days?.value).toBeCloseTo(20, 9);
    expect(r.makingByItem.map((i) => i.share)).toEqual([1 / 3, 2 / 3]);
    expect(r.sentence).toContain('10,000 inferences');
  });

  it('carries intervals and the weakest method through a user-entered fine-tuning energy in kWh', () => {
    // making = 2000 J (measured) + 0.5 kWh [0.4, 0.6] = 1.8e6 J [1.44e6, 2.16e6] (assumed) + 1000 J [800, 1200] (modelled)
    //   total 1 803 000 J [1 442 800, 2 163 200]
    // saving = 0.5 [0.45, 0.55] − 0.2 [0.18, 0.22] = 0.3 [0.23, 0.37] J
    // break-even = 1 803 000 / 0.3 = 6 010 000; low 1 442 800 / 0.37 = 3 899 459.46; high 2 163 200 / 0.23 = 9 405 217.39
    // days at 10 000 a day: 601 [389.95, 940.52]
    const r = computed(
      lifeCycle({
        makingCosts: [
          { label: 'forge', kind: 'forge', energy: estimate({ value: 2000, unit: 'J', method: 'measured' }) },
          { label: 'fine-tune (user)', kind: 'fine-tuning', energy: estimate({ value: 0.5, low: 0.4, high: 0.6, unit: 'kWh', method: 'assumed' }) },
          { label: 'profiling', kind: 'profiling', energy: estimate({ value: 1000, low: 800, high: 1200, unit: 'J', method: 'modelled' }) },
        ],
        baselinePerInference: estimate({ value: 0.5, low: 0.45, high: 0.55, unit: 'J', method: 'modelled' }),
        efficientPerInference: estimate({ value: 0.2, low: 0.18, high: 0.22, unit: 'J', method: 'modelled' }),
        inferencesPerDay: 10_000,
      }),
    );
    expect(r.makingJ.value).toBeCloseTo(1_803_000, 3);
    expect(r.makingJ.low).toBeCloseTo(1_442_800, 3);
    expect(r.makingJ.high).toBeCloseTo(2_163_200, 3);
    expect(r.makingJ.method).toBe('assumed');
    if (r.breakEven.state !== 'breaks-even') throw new Error(r.breakEven.state);
    expect(r.breakEven.inferences.value).toBeCloseTo(6_010_000, 0);
    expect(r.breakEven.inferences.low).toBeCloseTo(1_442_800 / 0.37, 3);
    expect(r.breakEven.inferences.high).toBeCloseTo(2_163_200 / 0.23, 3);
    expect(r.breakEven.days?.value).toBeCloseTo(601, 6);
    expect(r.breakEven.days?.method).toBe('assumed');
  });

  it('never breaks even when the efficient variant saves nothing', () => {
    const r = computed(
      lifeCycle({
        makingCosts: [{ label: 'forge', kind: 'forge', energy: estimate({ value: 100, unit: 'J', method: 'measured' }) }],
        baselinePerInference: estimate({ value: 0.2, unit: 'J', method: 'measured' }),
        efficientPerInference: estimate({ value: 0.25, unit: 'J', method: 'measured' }),
      }),
    );
    expect(r.breakEven.state).toBe('never');
    expect(r.sentence).toMatch(/never breaks even/);
  });

  it('says it may never break even when the saving interval reaches zero', () => {
    // saving = 0.3 [0.25, 0.35] − 0.2 [0.1, 0.3] → 0.1 [−0.05, 0.25]; central 100/0.1 = 1000, best 100/0.25 = 400
    const r = computed(
      lifeCycle({
        makingCosts: [{ label: 'forge', kind: 'forge', energy: estimate({ value: 100, unit: 'J', method: 'measured' }) }],
        baselinePerInference: estimate({ value: 0.3, low: 0.25, high: 0.35, unit: 'J', method: 'modelled' }),
        efficientPerInference: estimate({ value: 0.2, low: 0.1, high: 0.3, unit: 'J', method: 'modelled' }),
        inferencesPerDay: 100,
      }),
    );
    if (r.breakEven.state !== 'may-never') throw new Error(r.breakEven.state);
    expect(r.breakEven.inferences.value).toBeCloseTo(1000, 9);
    expect(r.breakEven.inferences.low).toBeCloseTo(400, 9);
    expect(r.breakEven.days?.value).toBeCloseTo(10, 9);
  });

  it('nets making against savings along the way', () => {
    // after 4000 inferences at 0.3 J saved, with 3000 J spent: 4000·0.3 − 3000 = −1800 J
    const n = netSavingAt(estimate({ value: 3000, unit: 'J', method: 'measured' }), estimate({ value: 0.3, unit: 'J', method: 'measured' }), 4000);
    expect(n.value).toBeCloseTo(-1800, 9);
  });

  it('rejects a negative making cost and a power unit', () => {
    const r = lifeCycle({
      makingCosts: [{ label: 'forge', kind: 'forge', energy: estimate({ value: -5, unit: 'J', method: 'measured' }) }],
      baselinePerInference: estimate({ value: 0.2, unit: 'W', method: 'measured' }),
      efficientPerInference: estimate({ value: 0.1, unit: 'J', method: 'measured' }),
    });
    if (r.state !== 'invalid') throw new Error(r.state);
    expect(r.problems.some((p) => p.includes('"forge"') && p.includes('at least 0'))).toBe(true);
    expect(r.problems.some((p) => p.includes('"W"'))).toBe(true);
  });
});
