import type { Environment } from '../core/environment.js';
import type { WorkerDescription } from '../core/worker-protocol.js';

type UaData = {
  platform?: string;
  mobile?: boolean;
  brands?: { brand: string; version: string }[];
  getHighEntropyValues?: (hints: string[]) => Promise<Record<string, unknown>>;
};

async function uaClientHints(): Promise<Environment['uaData']> {
  const ua = (navigator as Navigator & { userAgentData?: UaData }).userAgentData;
  if (!ua) return null;
  let high: Record<string, unknown> = {};
  try {
    high = (await ua.getHighEntropyValues?.(['platformVersion', 'model', 'architecture'])) ?? {};
  } catch {
    /* high-entropy hints may be refused; the low-entropy ones still help */
  }
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    platform: ua.platform,
    mobile: ua.mobile,
    brands: ua.brands?.map((b) => ({ brand: b.brand, version: b.version })),
    platformVersion: str(high.platformVersion),
    model: str(high.model),
    architecture: str(high.architecture),
  };
}

/** Compute Pressure reports coarse states (~1 Hz); the first one seen is enough context. */
async function computePressureState(): Promise<string | null> {
  const PO = (globalThis as { PressureObserver?: new (cb: (records: { state: string }[]) => void) => { observe(src: string): Promise<void>; disconnect(): void } }).PressureObserver;
  if (!PO) return null;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, 1500);
    const observer = new PO((records) => {
      clearTimeout(timer);
      observer.disconnect();
      resolve(records.at(-1)?.state ?? null);
    });
    observer.observe('cpu').catch(() => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}

export async function collectEnvironment(worker: WorkerDescription, runtimeVersions: Record<string, string>): Promise<Environment> {
  return {
    userAgent: navigator.userAgent,
    uaData: await uaClientHints(),
    hardwareConcurrency: navigator.hardwareConcurrency ?? 0,
    deviceMemoryGiB: (navigator as Navigator & { deviceMemory?: number }).deviceMemory ?? null,
    crossOriginIsolated: globalThis.crossOriginIsolated === true && worker.crossOriginIsolated,
    timerResolutionMs: worker.timerResolutionMs,
    gpu: worker.gpu,
    visibility: document.visibilityState,
    computePressure: await computePressureState(),
    runtimeVersions,
  };
}
