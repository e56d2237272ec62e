import type { Estimate } from '../core/estimate.js';
import type { DeviceUpgradeResult } from './device-upgrade.js';
import type { EdgeVsCloudResult } from './edge-vs-cloud.js';
import type { LifeCycleResult } from './life-cycle.js';
import type { ReboundResult } from './rebound.js';

/** +1: the two move the same way; −1: opposite ways. */
export type Polarity = 1 | -1;

export interface CausalFigure {
  label: string;
  estimate: Estimate;
  /** which analysis it comes from, for the tooltip */
  from: 'rebound' | 'life-cycle' | 'edge-vs-cloud' | 'device-upgrade';
}

export interface CausalNode {
  id: string;
  label: string;
  figures: CausalFigure[];
}

export interface CausalEdge {
  from: string;
  to: string;
  polarity: Polarity;
  /** why the link exists, in a sentence */
  why: string;
}

export interface CausalLoop {
  /** node ids in order; the loop closes from the last back to the first */
  nodes: string[];
  /** reinforcing when the product of the edge signs is +, balancing when − */
  polarity: 'reinforcing' | 'balancing';
}

export interface CausalLoopDiagram {
  nodes: CausalNode[];
  edges: CausalEdge[];
  loops: CausalLoop[];
}

export function loopPolarity(edges: readonly Pick<CausalEdge, 'polarity'>[]): 'reinforcing' | 'balancing' {
  return edges.reduce((p, e) => p * e.polarity, 1) > 0 ? 'reinforcing' : 'balancing';
}

/**
 * Every elementary cycle of a small graph (a DFS from each node that only visits nodes after it
 * in the list, so each cycle is found once, starting at its earliest node).
 */
export function findLoops(nodeIds: readonly string[], edges: readonly CausalEdge[]): CausalLoop[] {
  const index = new Map(nodeIds.map((id, i) => [id, i]));
  const out: CausalLoop[] = [];
  const next = (id: string) => edges.filter((e) => e.from === id);
  nodeIds.forEach((start, s) => {
    const path: string[] = [start];
    const signs: CausalEdge[] = [];
    const walk = (at: string) => {
      for (const e of next(at)) {
        const j = index.get(e.to);
        if (j === undefined || j < s) continue;
        if (e.to === start) {
          out.push({ nodes: [...path], polarity: loopPolarity([...signs, e]) });
        } else if (!path.includes(e.to)) {
          path.push(e.to);
          signs.push(e);
          walk(e.to);
          path.pop();
          signs.pop();
        }
      }
    };
    walk(start);
  });
  return out;
}

const NODES: readonly (readonly [string, string])[] = [
  ['efficiency', 'Model efficiency (variant choice)'],
  ['energy-per-use', 'Energy per inference'],
  ['latency-per-use', 'Latency and cost per inference'],
  ['usage', 'Usage (inferences)'],
  ['total-energy', 'Total energy'],
  ['operational-carbon', 'Operational carbon'],
  ['feature-ambition', 'Bigger models and more features'],
  ['devices-too-slow', 'Devices that miss the latency budget'],
  ['device-replacements', 'Device replacements'],
  ['embodied-carbon', 'Embodied carbon'],
  ['pressure-to-optimise', 'Pressure to optimise'],
];

const EDGES: readonly CausalEdge[] = [
  { from: 'efficiency', to: 'energy-per-use', polarity: -1, why: 'a more efficient variant uses less energy per inference' },
  { from: 'efficiency', to: 'latency-per-use', polarity: -1, why: 'a more efficient variant answers faster and costs less per use' },
  { from: 'latency-per-use', to: 'usage', polarity: -1, why: 'cheaper, faster inferences get used more (rebound)' },
  { from: 'latency-per-use', to: 'feature-ambition', polarity: -1, why: 'speed headroom is spent on bigger models and more features' },
  { from: 'feature-ambition', to: 'latency-per-use', polarity: 1, why: 'bigger models take longer per inference' },
  { from: 'energy-per-use', to: 'total-energy', polarity: 1, why: 'total energy is energy per use × uses' },
  { from: 'usage', to: 'total-energy', polarity: 1, why: 'total energy is energy per use × uses' },
  { from: 'total-energy', to: 'operational-carbon', polarity: 1, why: 'operational carbon is energy × grid intensity' },
  { from: 'latency-per-use', to: 'devices-too-slow', polarity: 1, why: 'slower inference leaves more devices outside the latency budget' },
  { from: 'devices-too-slow', to: 'device-replacements', polarity: 1, why: 'devices that cannot keep up get replaced' },
  { from: 'device-replacements', to: 'embodied-carbon', polarity: 1, why: 'every new device carries its manufacturing footprint' },
  { from: 'total-energy', to: 'pressure-to-optimise', polarity: 1, why: 'energy bills and battery drain push teams to optimise' },
  { from: 'embodied-carbon', to: 'pressure-to-optimise', polarity: 1, why: 'device churn costs buyers and reputations' },
  { from: 'pressure-to-optimise', to: 'efficiency', polarity: 1, why: 'optimisation work produces more efficient variants' },
];

/** Results of the other analyses whose figures are attached to the diagram's nodes. */
export interface CausalFigureSources {
  rebound?: ReboundResult;
  lifeCycle?: LifeCycleResult;
  edgeVsCloud?: EdgeVsCloudResult;
  deviceUpgrade?: DeviceUpgradeResult;
}

function figuresFor(src: CausalFigureSources): Map<string, CausalFigure[]> {
  const m = new Map<string, CausalFigure[]>();
  const add = (node: string, f: CausalFigure) => m.set(node, [...(m.get(node) ?? []), f]);
  const { rebound: r, lifeCycle: lc, edgeVsCloud: ec, deviceUpgrade: du } = src;
  if (r) {
    add('efficiency', { label: 'energy ratio baseline ÷ efficient', estimate: r.efficiencyRatio, from: 'rebound' });
    add('usage', { label: 'usage growth', estimate: r.usageMultiplier, from: 'rebound' });
    add('usage', { label: 'growth that cancels the whole saving', estimate: r.breakEvenMultiplier, from: 'rebound' });
    add('total-energy', { label: 'actual saving per period', estimate: r.actualSavingJ, from: 'rebound' });
    if (r.rebound.state === 'estimated') add('total-energy', { label: 'rebound R (1 = 100 %)', estimate: r.rebound.estimate, from: 'rebound' });
  }
  if (lc) {
    add('efficiency', { label: 'energy spent making the variant', estimate: lc.makingJ, from: 'life-cycle' });
    add('energy-per-use', { label: 'saving per inference', estimate: lc.savingPerInferenceJ, from: 'life-cycle' });
  }
  if (ec) {
    add('operational-carbon', { label: 'per inference on this device', estimate: ec.device.wallClock.operationalG, from: 'edge-vs-cloud' });
    add('embodied-carbon', { label: 'device share per inference (wall-clock)', estimate: ec.device.wallClock.embodiedG, from: 'edge-vs-cloud' });
    add('embodied-carbon', { label: 'device share per inference (active use)', estimate: ec.device.activeUse.embodiedG, from: 'edge-vs-cloud' });
  }
  if (du) {
    for (const v of du.variants) {
      add('devices-too-slow', { label: `${v.variant}: share missing ${du.budgetMs} ms`, estimate: v.missShare, from: 'device-upgrade' });
      add('device-replacements', { label: `${v.variant}: replacement footprint`, estimate: v.replacementKgCO2e, from: 'device-upgrade' });
    }
    for (const a of du.avoided) add('embodied-carbon', { label: `${a.variant} vs ${a.baseline}: avoided by keeping devices`, estimate: a.kgCO2eAvoided, from: 'device-upgrade' });
  }
  return m;
}

/** The efficiency → speed/cost → usage → energy and devices → embodied diagram, with the numbers attached. */
export function efficiencyLoopDiagram(src: CausalFigureSources = {}): CausalLoopDiagram {
  const figs = figuresFor(src);
  const nodes = NODES.map(([id, label]) => ({ id, label, figures: figs.get(id) ?? [] }));
  const edges = EDGES.map((e) => ({ ...e }));
  return { nodes, edges, loops: findLoops(nodes.map((n) => n.id), edges) };
}
