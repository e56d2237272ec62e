import type { Environment, GpuInfo } from '../core/environment.js';
import type { PowerProfiles } from '../data/power-profiles-schema.js';
import type { ProfileClass, ProfileGpu } from './device-profile.js';

export interface GpuMatch {
  gpu: ProfileGpu;
  /** the GPU says laptop or desktop when the platform could not */
  impliedClass: 'laptop' | 'desktop' | null;
  /** a specific part (or vendor family) was recognised */
  specific: boolean;
  reasons: string[];
}

/** Adapters that run shaders on the CPU: their "GPU" time is CPU time. */
export function emulatedAdapterReason(a: GpuInfo): string | null {
  const text = `${a.vendor} ${a.architecture} ${a.device} ${a.description}`.toLowerCase();
  if (text.includes('swiftshader')) return 'SwiftShader is a CPU implementation of the GPU APIs';
  if (text.includes('llvmpipe') || text.includes('lavapipe') || text.includes('softpipe')) return 'Mesa software rasteriser (llvmpipe/lavapipe) runs on the CPU';
  if (text.includes('microsoft basic render') || /\bwarp\b/.test(text)) return 'Microsoft WARP is a CPU rasteriser';
  if (a.isFallbackAdapter === true) return 'the browser marks this adapter as a fallback adapter (a software implementation)';
  return null;
}

export function matchGpu(env: Pick<Environment, 'gpu'>, deviceClass: ProfileClass, data: PowerProfiles): GpuMatch {
  if (!env.gpu.available) {
    return { gpu: { kind: 'none', reason: `no GPU adapter: ${env.gpu.reason}` }, impliedClass: null, specific: false, reasons: [`no GPU adapter (${env.gpu.reason})`] };
  }
  const a = env.gpu.adapter;
  const emulated = emulatedAdapterReason(a);
  const name = [a.vendor, a.architecture, a.description || a.device].filter(Boolean).join(' / ') || 'unnamed adapter';
  if (emulated) {
    return {
      gpu: { kind: 'emulated', name, reason: `${emulated}; GPU-backend cells are modelled as CPU work` },
      impliedClass: null,
      specific: true,
      reasons: [`GPU adapter ${name} is CPU-emulated: ${emulated}`],
    };
  }
  const vendor = a.vendor.toLowerCase();
  const arch = a.architecture.toLowerCase();
  const text = `${a.description} ${a.device}`;

  if (deviceClass === 'phone' || deviceClass === 'tablet') {
    // a phone's GPU is a mobile GPU whatever the vendor string (Apple's is "apple" on iPhone and Mac alike)
    const mobile = data.gpuClasses.find((g) => g.kind === 'mobile');
    const cls = data.deviceClasses[deviceClass];
    return {
      gpu: { kind: 'hardware', classId: mobile?.id ?? `${deviceClass}-gpu`, name: `${name} (mobile GPU)`, gpuKind: 'mobile', activeW: cls.gpuActiveW },
      impliedClass: null,
      specific: false,
      reasons: [`GPU ${name} on a ${deviceClass}: ${deviceClass} GPU power range`],
    };
  }

  const candidates = data.gpuClasses.filter(
    (g) => g.match.vendors.includes(vendor) && (g.match.architectures.length === 0 || g.match.architectures.includes(arch)),
  );
  const byDescription = candidates.find((g) => g.match.description && new RegExp(g.match.description, 'i').test(text));
  const byVendor = candidates.find((g) => !g.match.description);
  const hit = byDescription ?? byVendor;
  if (!hit) {
    return {
      gpu: { kind: 'hardware', classId: 'unknown', name, gpuKind: null, activeW: classGpuRange(deviceClass, data) },
      impliedClass: null,
      specific: false,
      reasons: [`GPU ${name} is not in the power table: the device class's GPU range is used`],
    };
  }
  const impliedClass =
    hit.kind === 'discrete-laptop' ? 'laptop' : hit.kind === 'discrete-desktop' && byDescription ? 'desktop' : null;
  const how = byDescription ? `adapter description matches ${hit.name}` : `vendor "${vendor}" without a model name: ${hit.name} range`;
  return {
    gpu: { kind: 'hardware', classId: hit.id, name: hit.name, gpuKind: hit.kind, activeW: hit.activeW },
    impliedClass,
    specific: true,
    reasons: [`GPU: ${how}`],
  };
}

function classGpuRange(deviceClass: ProfileClass, data: PowerProfiles) {
  switch (deviceClass) {
    case 'phone':
    case 'tablet':
    case 'laptop':
    case 'desktop':
      return data.deviceClasses[deviceClass].gpuActiveW;
    default: {
      const l = data.deviceClasses.laptop.gpuActiveW;
      const d = data.deviceClasses.desktop.gpuActiveW;
      const p = data.deviceClasses.phone.gpuActiveW;
      return {
        value: l.value,
        low: Math.min(l.low, d.low, p.low),
        high: Math.max(l.high, d.high, p.high),
        unit: 'W',
        src: [...new Set([...l.src, ...d.src, ...p.src])],
        method: 'summary',
        note: 'device class unknown: span of phone, laptop and desktop GPUs',
      };
    }
  }
}
