import { createHash } from 'node:crypto';
import type { DeviceRecord } from '../store/result-store.js';
import type { DeviceDescriptor } from '../../core/submission-schema.js';

/**
 * Which submissions count as "the same device". A UA-CH model string names a product (all Pixel 7s
 * are one device); without it the device is its class, OS, GPU, cores and memory bucket together.
 */
export function deviceKey(d: DeviceDescriptor): string {
  const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (d.model) return ['model', d.class, norm(d.platform), norm(d.model)].join('|');
  return [
    'profile',
    d.class,
    norm(d.platform),
    norm(d.gpu?.vendor),
    norm(d.gpu?.architecture),
    String(d.cores),
    d.memoryGiB === null ? '' : String(d.memoryGiB),
  ].join('|');
}

export function deviceRecordOf(d: DeviceDescriptor): DeviceRecord {
  const id = createHash('sha256').update(deviceKey(d)).digest('hex').slice(0, 16);
  return {
    id,
    class: d.class,
    platform: d.platform,
    model: d.model,
    gpuVendor: d.gpu?.vendor ?? null,
    gpuArchitecture: d.gpu ? d.gpu.architecture || null : null,
    cores: d.cores,
    memoryGiB: d.memoryGiB,
    label: deviceLabel(d),
  };
}

function deviceLabel(d: DeviceDescriptor): string {
  if (d.model) return `${d.model} (${d.platform})`;
  const gpu = d.gpu ? `GPU ${[d.gpu.vendor, d.gpu.architecture].filter(Boolean).join(' ')}` : 'no WebGPU';
  const memory = d.memoryGiB === null ? 'memory unknown' : `${d.memoryGiB} GiB`;
  return `${d.class} · ${d.platform} · ${d.cores} threads · ${memory} · ${gpu}`;
}
