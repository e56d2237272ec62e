import type { Environment } from '../core/environment.js';
import { el, formatMs } from './format.js';

export function renderEnvironment(container: HTMLElement, env: Environment): void {
  const gpu = env.gpu.available
    ? `${env.gpu.adapter.vendor} ${env.gpu.adapter.architecture} ${env.gpu.adapter.description}`.trim() + (env.gpu.adapter.isFallbackAdapter ? ' (software fallback adapter: runs on the CPU)' : '')
    : `none — ${env.gpu.reason}`;
  const rows: [string, string][] = [
    ['User agent', env.userAgent],
    ['UA client hints', env.uaData ? JSON.stringify(env.uaData) : 'not available'],
    ['Logical cores', String(env.hardwareConcurrency)],
    ['Device memory', env.deviceMemoryGiB === null ? 'not exposed' : `${env.deviceMemoryGiB} GiB (browser-rounded)`],
    ['Cross-origin isolated', env.crossOriginIsolated ? 'yes (5 µs timers, WASM threads possible)' : 'no (100 µs timers, single-threaded WASM)'],
    ['Timer resolution', env.timerResolutionMs === null ? 'unknown' : formatMs(env.timerResolutionMs)],
    ['WebGPU adapter', gpu],
    ['WebGPU features', env.gpu.available ? env.gpu.adapter.features.join(', ') || 'none' : '—'],
    ['Page visibility', env.visibility],
    ['Compute pressure', env.computePressure ?? 'not available'],
    ['Runtime versions', Object.entries(env.runtimeVersions).map(([k, v]) => `${k} ${v}`).join(', ') || '—'],
  ];
  container.replaceChildren(el('dl', { class: 'env', id: 'environment-list' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
}
