import type { CausalLoopDiagram, CausalNode } from '../../analysis/index.js';
import { formatEstimate } from './figure-text.js';

const SVG = 'http://www.w3.org/2000/svg';
export const LOOP_VIEWBOX = { width: 820, height: 560 };
const NODE_W = 156;
const NODE_H = 48;

/** Hand-placed so no link crosses a box: the top half is the rebound loop, the bottom half the device loop. */
export const NODE_POSITIONS: Readonly<Record<string, readonly [number, number]>> = {
  efficiency: [410, 40],
  'energy-per-use': [250, 140],
  'latency-per-use': [600, 140],
  'feature-ambition': [730, 250],
  usage: [440, 250],
  'total-energy': [250, 300],
  'operational-carbon': [410, 395],
  'devices-too-slow': [600, 340],
  'device-replacements': [640, 450],
  'embodied-carbon': [420, 515],
  'pressure-to-optimise': [90, 410],
};

/** Control points for links that must bend around boxes; other links bow slightly so pairs do not overlap. */
const BENDS: Readonly<Record<string, readonly [number, number]>> = {
  'pressure-to-optimise>efficiency': [10, 40],
};

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c);
  return node;
}

/** Where the segment from a box's centre towards (tx, ty) leaves the box. */
export function boxExit(cx: number, cy: number, tx: number, ty: number, pad = 4): [number, number] {
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const t = Math.min(dx === 0 ? Infinity : (NODE_W / 2 + pad) / Math.abs(dx), dy === 0 ? Infinity : (NODE_H / 2 + pad) / Math.abs(dy));
  return [cx + dx * t, cy + dy * t];
}

function wrap(label: string, max = 20): string[] {
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const lastLine = lines.at(-1);
    if (lastLine !== undefined && (lastLine + ' ' + word).length <= max) lines[lines.length - 1] = `${lastLine} ${word}`;
    else lines.push(word);
  }
  return lines;
}

type Pt = [number, number];
export interface EdgeGeometry {
  edge: CausalLoopDiagram['edges'][number];
  start: Pt;
  ctrl: Pt;
  end: Pt;
  /** where the + / − sign sits: the curve's midpoint */
  label: Pt;
}

/** Each link as a quadratic curve from box edge to box edge; pairs of opposite links bow apart. */
export function edgeGeometry(d: CausalLoopDiagram): EdgeGeometry[] {
  const out: EdgeGeometry[] = [];
  for (const e of d.edges) {
    const a = NODE_POSITIONS[e.from];
    const b = NODE_POSITIONS[e.to];
    if (!a || !b) continue;
    const reverse = d.edges.some((o) => o.from === e.to && o.to === e.from);
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    const bow = reverse ? 30 : 12;
    const bend = BENDS[`${e.from}>${e.to}`];
    const ctrl: Pt = bend ? [bend[0], bend[1]] : [(a[0] + b[0]) / 2 - ((b[1] - a[1]) / len) * bow, (a[1] + b[1]) / 2 + ((b[0] - a[0]) / len) * bow];
    const start = boxExit(a[0], a[1], ctrl[0], ctrl[1]);
    const end = boxExit(b[0], b[1], ctrl[0], ctrl[1]);
    out.push({ edge: e, start, ctrl, end, label: curvePoint(start, ctrl, end, 0.5) });
  }
  return out;
}

export function curvePoint(s: Pt, c: Pt, e: Pt, t: number): Pt {
  const u = 1 - t;
  return [u * u * s[0] + 2 * u * t * c[0] + t * t * e[0], u * u * s[1] + 2 * u * t * c[1] + t * t * e[1]];
}

export const NODE_SIZE = { width: NODE_W, height: NODE_H };

export function nodeTooltip(n: CausalNode): string {
  return [n.label, ...n.figures.map((f) => `${f.label}: ${formatEstimate(f.estimate)} (from ${f.from})`)].join('\n');
}

/** The causal-loop diagram as SVG: boxes for variables, arrows signed + (same way) or − (opposite way). */
export function drawCausalLoop(d: CausalLoopDiagram, title: string): SVGSVGElement {
  const root = svg('svg', { viewBox: `0 0 ${LOOP_VIEWBOX.width} ${LOOP_VIEWBOX.height}`, role: 'img', 'aria-label': title, class: 'loop-svg' });
  root.append(
    svg('title', {}, title),
    svg('defs', {}, svg('marker', { id: 'loop-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#444' }))),
  );
  const edges = svg('g', { class: 'edges' });
  for (const { edge: e, start, ctrl, end, label } of edgeGeometry(d)) {
    const sign = e.polarity > 0 ? '+' : '−';
    edges.append(
      svg(
        'g',
        { class: `edge polarity-${e.polarity > 0 ? 'plus' : 'minus'}`, 'data-from': e.from, 'data-to': e.to },
        svg('title', {}, `${e.from} → ${e.to} (${sign}): ${e.why}`),
        svg('path', { class: 'edge-line', d: `M${start[0]},${start[1]} Q${ctrl[0]},${ctrl[1]} ${end[0]},${end[1]}`, fill: 'none', stroke: '#444', 'stroke-width': 1.5, 'marker-end': 'url(#loop-arrow)' }),
        svg('circle', { cx: label[0], cy: label[1], r: 9, fill: e.polarity > 0 ? '#e8f5e9' : '#fdecea', stroke: '#444', 'stroke-width': 0.8 }),
        svg('text', { x: label[0], y: label[1] + 4.5, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 700 }, sign),
      ),
    );
  }
  const nodes = svg('g', { class: 'nodes' });
  for (const n of d.nodes) {
    const p = NODE_POSITIONS[n.id];
    if (!p) continue;
    const lines = wrap(n.label);
    const g = svg('g', { class: 'node', 'data-node': n.id, 'data-figures': n.figures.length }, svg('title', {}, nodeTooltip(n)));
    g.append(svg('rect', { x: p[0] - NODE_W / 2, y: p[1] - NODE_H / 2, width: NODE_W, height: NODE_H, rx: 8, fill: n.figures.length ? '#e3f2e8' : '#fff', stroke: '#12372a', 'stroke-width': 1.5 }));
    lines.forEach((line, i) => g.append(svg('text', { x: p[0], y: p[1] + (i - (lines.length - 1) / 2) * 15 + 4.5, 'text-anchor': 'middle', 'font-size': 13 }, line)));
    if (n.figures.length) {
      // a badge on the box's corner: how many figures the analyses attached to this variable
      const bx = p[0] + NODE_W / 2 - 4;
      const by = p[1] - NODE_H / 2 + 2;
      g.append(
        svg('circle', { cx: bx, cy: by, r: 9, fill: '#12372a' }),
        svg('text', { x: bx, y: by + 3.5, 'text-anchor': 'middle', 'font-size': 10, fill: '#fff', 'aria-hidden': 'true' }, String(n.figures.length)),
      );
    }
    nodes.append(g);
  }
  root.append(edges, nodes);
  return root;
}
