import { describe, expect, it } from 'vitest';
import { efficiencyLoopDiagram } from '../../analysis/index.js';
import { curvePoint, edgeGeometry, LOOP_VIEWBOX, NODE_POSITIONS, NODE_SIZE } from './causal-loop-svg.js';

const diagram = efficiencyLoopDiagram();
const inside = (x: number, y: number, [cx, cy]: readonly [number, number], pad = 0) =>
  Math.abs(x - cx) < NODE_SIZE.width / 2 + pad && Math.abs(y - cy) < NODE_SIZE.height / 2 + pad;

describe('causal-loop layout', () => {
  it('places every node of the analysis diagram inside the drawing, with no two boxes overlapping', () => {
    for (const n of diagram.nodes) {
      const p = NODE_POSITIONS[n.id];
      expect(p, `position for ${n.id}`).toBeDefined();
      expect(p![0] - NODE_SIZE.width / 2).toBeGreaterThanOrEqual(0);
      expect(p![0] + NODE_SIZE.width / 2).toBeLessThanOrEqual(LOOP_VIEWBOX.width);
      expect(p![1] - NODE_SIZE.height / 2).toBeGreaterThanOrEqual(0);
      expect(p![1] + NODE_SIZE.height / 2).toBeLessThanOrEqual(LOOP_VIEWBOX.height);
    }
    const ps = Object.values(NODE_POSITIONS);
    for (let i = 0; i < ps.length; i++) {
      for (let j = i + 1; j < ps.length; j++) {
        const overlap = Math.abs(ps[i]![0] - ps[j]![0]) < NODE_SIZE.width && Math.abs(ps[i]![1] - ps[j]![1]) < NODE_SIZE.height;
        expect(overlap).toBe(false);
      }
    }
  });

  it('draws every link, and no link runs through a box other than its two ends', () => {
    const geo = edgeGeometry(diagram);
    expect(geo).toHaveLength(diagram.edges.length);
    for (const g of geo) {
      for (let k = 1; k < 20; k++) {
        const [x, y] = curvePoint(g.start, g.ctrl, g.end, k / 20);
        for (const [id, p] of Object.entries(NODE_POSITIONS)) {
          if (id === g.edge.from || id === g.edge.to) continue;
          expect(inside(x, y, p), `${g.edge.from} → ${g.edge.to} crosses ${id}`).toBe(false);
        }
      }
    }
  });
});
