import { describe, expect, it } from 'vitest';
import { spearman, spearmanByGroup } from './spearman.js';

describe('spearman', () => {
  it('matches the d² formula when there are no ties', () => {
    // x ranks 1..5; y = [3,1,4,5,2] ranks 3,1,4,5,2; d = -2,1,-1,-1,3; Σd² = 4+1+1+1+9 = 16
    // rho = 1 − 6·16 / (5·(25−1)) = 1 − 96/120 = 0.2
    const r = spearman([10, 20, 30, 40, 50], [3, 1, 4, 5, 2]);
    expect(r.state).toBe('computed');
    if (r.state !== 'computed') return;
    expect(r.rho).toBeCloseTo(0.2, 10);
    expect(r.strength).toBe('weak');
    expect(r.n).toBe(5);
  });

  it('gives tied values their average rank', () => {
    // x = [1,2,2,3] ranks 1, 2.5, 2.5, 4; y ranks 1,2,3,4; both means 2.5
    // dx = -1.5,0,0,1.5; dy = -1.5,-0.5,0.5,1.5; Σdx·dy = 4.5; Σdx² = 4.5; Σdy² = 5
    // rho = 4.5 / sqrt(4.5·5) = sqrt(0.9) ≈ 0.948683
    const r = spearman([1, 2, 2, 3], [10, 20, 30, 40]);
    if (r.state !== 'computed') throw new Error(r.state);
    expect(r.rho).toBeCloseTo(Math.sqrt(0.9), 10);
    // listing the tied pairs the other way round must not change the answer
    const swapped = spearman([1, 2, 2, 3], [10, 30, 20, 40]);
    if (swapped.state !== 'computed') throw new Error(swapped.state);
    expect(swapped.rho).toBeCloseTo(Math.sqrt(0.9), 10);
  });

  it('reports a perfect inverse ranking as -1', () => {
    const r = spearman([1, 2, 3], [9, 4, 1]);
    if (r.state !== 'computed') throw new Error(r.state);
    expect(r.rho).toBeCloseTo(-1, 12);
    expect(r.sentence).toContain('inverse');
  });

  it('says there is not enough data below three pairs', () => {
    const r = spearman([1, 2], [3, 4], { x: 'FLOPs', y: 'energy' });
    expect(r.state).toBe('not-enough-data');
    if (r.state !== 'not-enough-data') return;
    expect(r.n).toBe(2);
    expect(r.sentence).toMatch(/at least 3/);
  });

  it('refuses to correlate a constant column instead of returning NaN', () => {
    const r = spearman([5, 5, 5], [1, 2, 3], { x: 'FLOPs' });
    expect(r).toMatchObject({ state: 'no-variation', constant: 'x' });
  });

  it('rejects mismatched lengths and non-finite values as data', () => {
    const r = spearman([1, 2, 3], [1, 2]);
    expect(r.state).toBe('invalid');
    const r2 = spearman([1, 2, Number.NaN], [1, 2, 3]);
    expect(r2.state).toBe('invalid');
  });

  it('warns when the energy being ranked is modelled from latency', () => {
    const r = spearman([1, 2, 3], [1, 2, 3], { x: 'FLOPs', y: 'energy', yMethods: ['measured', 'modelled'] });
    if (r.state !== 'computed') throw new Error(r.state);
    expect(r.yMethod).toBe('modelled');
    expect(r.sentence).toMatch(/modelled, not measured/);
  });
});

describe('spearmanByGroup', () => {
  it('correlates within each device and never across devices', () => {
    const pairs = [
      // phone: energy rises with FLOPs → rho = 1
      { group: 'phone', x: 1, y: 10 },
      { group: 'phone', x: 2, y: 20 },
      { group: 'phone', x: 3, y: 30 },
      // laptop: falls → rho = -1; pooled with the phone it would be neither
      { group: 'laptop', x: 1, y: 3 },
      { group: 'laptop', x: 2, y: 2 },
      { group: 'laptop', x: 3, y: 1 },
      { group: 'tablet', x: 1, y: 1 },
    ];
    const by = spearmanByGroup(pairs);
    expect(by.get('phone')).toMatchObject({ state: 'computed', rho: 1 });
    const laptop = by.get('laptop');
    expect(laptop?.state === 'computed' && laptop.rho).toBeCloseTo(-1, 12);
    expect(by.get('tablet')?.state).toBe('not-enough-data');
  });
});
