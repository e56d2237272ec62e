import { efficiencyLoopDiagram } from '../../analysis/index.js';
import { el } from '../format.js';
import { drawCausalLoop } from './causal-loop-svg.js';
import { figureEl } from './figure-text.js';
import type { AnalysisBus, Panel } from './panel.js';
import { panelSection } from './panel.js';

const FROM: Record<string, string> = { rebound: 'Rebound', 'life-cycle': 'Life cycle', 'edge-vs-cloud': 'Edge vs cloud', 'device-upgrade': 'Device upgrades' };

/** The systems view: efficiency → speed/cost → usage → energy and devices → embodied, with the figures above attached. */
export function loopPanel(bus: AnalysisBus): Panel {
  const element = panelSection(
    'panel-loop',
    'Why efficiency alone does not settle it: the loops',
    'Arrows marked + move both ends the same way, − opposite ways. A loop with an even number of − links reinforces itself. Boxes in green carry figures from the analyses above (hover or focus a box, or read the list below).',
  );
  // a scrollable region on narrow screens: focusable so the keyboard can scroll it too
  const drawing = el('div', { id: 'loop-diagram', class: 'loop-diagram', tabindex: '0', role: 'region', 'aria-label': 'Causal-loop diagram (scrolls sideways on narrow screens)' });
  const loops = el('div', { id: 'loop-list' });
  const figures = el('div', { id: 'loop-figures', 'aria-live': 'polite' });
  const links = el('details', {}, el('summary', {}, 'Every link, with why it exists'));
  element.append(drawing, el('h4', {}, 'Loops'), loops, el('h4', {}, 'Figures on the diagram'), figures, links);

  let pending = false;
  const draw = () => {
    pending = false;
    const d = efficiencyLoopDiagram(bus.latest);
    const label = new Map(d.nodes.map((n) => [n.id, n.label]));
    drawing.replaceChildren(drawCausalLoop(d, 'Causal-loop diagram: model efficiency, usage, energy, devices and embodied carbon'));
    loops.replaceChildren(
      el(
        'ol',
        {},
        ...d.loops.map((l) => el('li', { 'data-polarity': l.polarity }, `${l.polarity === 'reinforcing' ? 'Reinforcing' : 'Balancing'}: ${[...l.nodes, l.nodes[0] ?? ''].map((id) => label.get(id) ?? id).join(' → ')}`)),
      ),
    );
    const withFigures = d.nodes.filter((n) => n.figures.length);
    figures.replaceChildren(
      withFigures.length
        ? el(
            'dl',
            { class: 'figures stacked' },
            ...withFigures.flatMap((n) => [
              el('dt', {}, n.label),
              el('dd', {}, el('ul', {}, ...n.figures.map((f) => el('li', {}, `${f.label} (${FROM[f.from] ?? f.from}): `, figureEl(f.estimate))))),
            ]),
          )
        : el('p', { class: 'empty' }, 'No figures yet: the analyses above need cells with energy estimates (device upgrades need only latency).'),
    );
    links.replaceChildren(
      el('summary', {}, 'Every link, with why it exists'),
      el('ul', {}, ...d.edges.map((e) => el('li', {}, `${label.get(e.from)} → ${label.get(e.to)} (${e.polarity > 0 ? '+' : '−'}): ${e.why}`))),
    );
  };
  bus.addEventListener('change', () => {
    if (pending) return;
    pending = true;
    setTimeout(draw, 0);
  });
  draw();
  return { element, update: async () => undefined };
}
