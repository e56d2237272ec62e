import type { AppContext, AppView } from '../app-context.js';
import { el } from '../format.js';

/**
 * Trade-offs (DESIGN §6). The charts, Observable Plot and the analyses load on first show, so
 * the initial JS stays small.
 */
export const tradeOffsView: AppView = {
  id: 'trade-offs',
  title: 'Trade-offs',
  mount(container: HTMLElement, ctx: AppContext) {
    const host = el('div', { id: 'trade-offs-body', 'aria-busy': 'true' }, el('p', { class: 'empty' }, 'Loading the trade-off analyses…'));
    container.append(host);
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      import('../charts/trade-offs-panels.js')
        .then((m) => m.mountTradeOffs(host, ctx))
        .catch((err: unknown) => {
          host.setAttribute('aria-busy', 'false');
          host.replaceChildren(
            el('p', { class: 'error', role: 'alert' }, `The trade-off charts could not load (${err instanceof Error ? err.message : String(err)}). Reload the page; offline, they work once the app has been opened online.`),
          );
        });
    };
    if (location.hash === `#${container.id}` || typeof IntersectionObserver === 'undefined') start();
    window.addEventListener('hashchange', () => void (location.hash === `#${container.id}` && start()));
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        start();
      }
    }, { rootMargin: '200px' });
    io.observe(container);
  },
};
