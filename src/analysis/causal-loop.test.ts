import { describe, expect, it } from 'vitest';
import { efficiencyLoopDiagram, findLoops, loopPolarity, type CausalEdge } from './causal-loop.js';
import { estimate } from '../estimates/estimate-math.js';
import { rebound } from './rebound.js';

const e = (from: string, to: string, polarity: 1 | -1): CausalEdge => ({ from, to, polarity, why: '' });

describe('loopPolarity', () => {
  it('is reinforcing for an even number of negative links, balancing for an odd number', () => {
    expect(loopPolarity([{ polarity: -1 }, { polarity: -1 }, { polarity: 1 }])).toBe('reinforcing');
    expect(loopPolarity([{ polarity: -1 }, { polarity: 1 }])).toBe('balancing');
  });
});

describe('findLoops', () => {
  it('finds each elementary cycle once', () => {
    // a→b→c→a (signs +,−,+ → balancing) and a→c→a (−,+ → balancing); d hangs off without a cycle
    const loops = findLoops(['a', 'b', 'c', 'd'], [e('a', 'b', 1), e('b', 'c', -1), e('c', 'a', 1), e('a', 'c', -1), e('c', 'd', 1)]);
    expect(loops.map((l) => l.nodes.join('>')).sort()).toEqual(['a>b>c', 'a>c']);
    expect(loops.every((l) => l.polarity === 'balancing')).toBe(true);
  });
});

describe('efficiencyLoopDiagram', () => {
  const d = efficiencyLoopDiagram();
  const has = (nodes: string[]) => d.loops.find((l) => l.nodes.length === nodes.length && nodes.every((n) => l.nodes.includes(n)));

  it('only links nodes that exist', () => {
    const ids = new Set(d.nodes.map((n) => n.id));
    for (const edge of d.edges) expect(ids.has(edge.from) && ids.has(edge.to)).toBe(true);
  });

  it('has the rebound loop as reinforcing and the direct saving loop as balancing', () => {
    // efficiency −→ latency −→ usage +→ total energy +→ pressure +→ efficiency: (−)(−)(+)(+)(+) = + → reinforcing
    expect(has(['efficiency', 'latency-per-use', 'usage', 'total-energy', 'pressure-to-optimise'])?.polarity).toBe('reinforcing');
    // efficiency −→ energy/use +→ total energy +→ pressure +→ efficiency: one minus → balancing
    expect(has(['efficiency', 'energy-per-use', 'total-energy', 'pressure-to-optimise'])?.polarity).toBe('balancing');
    // speed headroom spent on features: latency −→ ambition +→ latency → balancing
    expect(has(['latency-per-use', 'feature-ambition'])?.polarity).toBe('balancing');
    // the device loop reaches embodied carbon
    expect(has(['efficiency', 'latency-per-use', 'devices-too-slow', 'device-replacements', 'embodied-carbon', 'pressure-to-optimise'])).toBeDefined();
  });

  it('attaches the rebound figures to the usage and energy nodes', () => {
    const r = rebound({ baselinePerUse: estimate({ value: 10, unit: 'J', method: 'measured' }), efficientPerUse: estimate({ value: 4, unit: 'J', method: 'measured' }), usesPerPeriod: 100, growth: { kind: 'multiplier', multiplier: 3 } });
    if (r.state !== 'computed') throw new Error(r.state);
    const withNumbers = efficiencyLoopDiagram({ rebound: r });
    const usage = withNumbers.nodes.find((n) => n.id === 'usage');
    expect(usage?.figures.map((f) => f.estimate.value)).toEqual([3, 2.5]);
    const energy = withNumbers.nodes.find((n) => n.id === 'total-energy');
    expect(energy?.figures.find((f) => f.label.startsWith('rebound R'))?.estimate.value).toBeCloseTo(4 / 3, 12);
  });
});
