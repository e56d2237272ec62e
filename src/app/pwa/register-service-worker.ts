/// <reference types="vite-plugin-pwa/vanillajs" />
import { el } from '../format.js';

/**
 * Registers the Workbox service worker (built by vite-plugin-pwa) and owns its two messages:
 * "works offline now" once the shell is cached, and the update prompt when a new version is
 * waiting. The page never reloads on its own: a run in progress would be lost.
 */
export async function registerServiceWorker(): Promise<void> {
  const host = el('div', { id: 'pwa-status', 'aria-live': 'polite' });
  document.body.append(host);
  if (!('serviceWorker' in navigator)) {
    host.dataset.sw = 'unsupported';
    return;
  }
  // the manifest was fetched before the worker controlled this first visit; fetch it again
  // through the worker so it is there offline (model files are kept as runs fetch them)
  navigator.serviceWorker.addEventListener('controllerchange', () => void fetch('/models/manifest.json').catch(() => undefined), { once: true });

  const { registerSW } = await import('virtual:pwa-register');
  const updateSW = registerSW({
    immediate: true,
    onRegisteredSW: () => void (host.dataset.sw = 'registered'),
    onRegisterError: (err: unknown) => {
      host.dataset.sw = 'error';
      show(host, 'warn', `Offline use is not available: the service worker did not register (${err instanceof Error ? err.message : String(err)}).`);
    },
    onOfflineReady: () => {
      host.dataset.offlineReady = 'true';
      show(host, 'info', 'edgewatt now works offline. Models and the ONNX Runtime WASM files are kept once a run has used them.');
    },
    onNeedRefresh: () => {
      host.dataset.update = 'waiting';
      const reload = el('button', { type: 'button', id: 'pwa-reload' }, 'Reload to update');
      reload.addEventListener('click', () => {
        reload.disabled = true;
        // workbox-window only reloads by itself when this page load started under a worker; a
        // first visit that stays open across a deployment needs the reload done here
        navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
        void updateSW(true);
      });
      show(host, 'update', 'A new version of edgewatt is ready. Reloading ends a run in progress; results already measured are kept.', reload);
    },
  });
}

function show(host: HTMLElement, kind: 'info' | 'warn' | 'update', text: string, ...actions: HTMLElement[]): void {
  const later = el('button', { type: 'button', class: 'pwa-dismiss' }, kind === 'update' ? 'Later' : 'Dismiss');
  // announced politely, never focused: a prompt must not pull the keyboard away mid-task
  const box = el('div', { class: `pwa-message pwa-${kind}`, role: 'status', 'aria-label': kind === 'update' ? 'Update available' : 'Offline status' }, el('p', {}, text), ...actions, later);
  later.addEventListener('click', () => box.remove());
  host.replaceChildren(box);
}
