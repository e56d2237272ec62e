import type { BackendProbe } from '../../src/core/runtime-adapter.js';
import type { GpuInfo } from '../../src/core/environment.js';

const NO_WEBGPU_HINT =
  'Use a browser with WebGPU (Chrome/Edge 113+, Safari 26+); in headless Chromium start it with --enable-unsafe-webgpu.';

/** Asks for an adapter without creating a device, so the runtime's own request is unaffected. */
export async function probeWebGpu(): Promise<BackendProbe & { adapter?: GpuInfo }> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { available: false, reason: 'This browser has no WebGPU (navigator.gpu is undefined).', hint: NO_WEBGPU_HINT };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (err) {
    return { available: false, reason: `WebGPU adapter request failed: ${String(err)}`, hint: NO_WEBGPU_HINT };
  }
  if (!adapter) {
    return {
      available: false,
      reason: 'WebGPU is exposed but no adapter was granted (requestAdapter() returned null): no usable GPU or WebGPU is disabled.',
      hint: NO_WEBGPU_HINT,
    };
  }
  const info = adapter.info;
  const gpuInfo: GpuInfo = {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    isFallbackAdapter: typeof (info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter === 'boolean'
      ? (info as unknown as { isFallbackAdapter: boolean }).isFallbackAdapter
      : null,
    features: [...adapter.features].sort(),
  };
  const detail = `${gpuInfo.vendor || 'unknown vendor'} ${gpuInfo.architecture}${gpuInfo.isFallbackAdapter ? ' (software fallback adapter)' : ''}`;
  return { available: true, detail, adapter: gpuInfo };
}
