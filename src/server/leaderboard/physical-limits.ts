import type { DeviceClass } from '../../core/submission-schema.js';

/**
 * Bounds the server uses to quarantine implausible results. They are deliberately loose: a result
 * outside them cannot be a real measurement on that class of device, while anything inside still
 * ranks. Source ids are those listed under `sources` in src/data/power-profiles.json (carried over from the sourced device reference it is built from).
 */
export interface PowerLimit {
  /** average attributable power during an inference cannot be below this */
  minW: number;
  maxW: number;
  method: 'modelled' | 'assumed';
  derivation: string;
  sources: string[];
}

const MIN_ACTIVE_W = 0.001;
const MIN_NOTE = 'minimum 1 mW: assumed, below the active power of any CPU core or GPU';

export const DEVICE_POWER_LIMITS: Readonly<Record<DeviceClass, PowerLimit>> = {
  phone: {
    minW: MIN_ACTIVE_W,
    maxW: 45,
    method: 'modelled',
    derivation: `CPU all cores 14 W (A17 Pro) + GPU 12.7 W (Dimensity 9300) + in-use baseline 3 W = 29.7 W, ×1.5 margin; ${MIN_NOTE}`,
    sources: ['nbc-a17pro-2023', 'jagat-d9300-gpu-2023', 'boavizta-api'],
  },
  tablet: {
    minW: MIN_ACTIVE_W,
    maxW: 80,
    method: 'assumed',
    derivation: `no tablet CPU/GPU figures; Apple M-series SoC package up to 35 W (M2) + baseline 10 W, ×1.5 margin, rounded up; ${MIN_NOTE}`,
    sources: ['nbc-m2-2022', 'boavizta-api'],
  },
  laptop: {
    minW: MIN_ACTIVE_W,
    maxW: 450,
    method: 'modelled',
    derivation: `CPU max turbo 115 W + laptop GPU 150 W TGP + 25 W Dynamic Boost + baseline 100 W = 390 W, ×1.15 margin; ${MIN_NOTE}`,
    sources: ['nbc-meteorlake-2023', 'nbc-rtx40m-2023', 'techspot-rtx40m-2023', 'boavizta-api'],
  },
  desktop: {
    minW: MIN_ACTIVE_W,
    maxW: 1500,
    method: 'modelled',
    derivation: `CPU 253 W (i9-13900K max turbo) + GPU 450 W (RTX 4090) + baseline up to 450 W = 1153 W, ×1.3 margin; ${MIN_NOTE}`,
    sources: ['news9-13900k-2022', 'hf-gpu-spec', 'boavizta-api'],
  },
  unknown: {
    minW: MIN_ACTIVE_W,
    maxW: 1500,
    method: 'assumed',
    derivation: `an unknown device gets the widest class (desktop); ${MIN_NOTE}`,
    sources: [],
  },
};

/**
 * Peak arithmetic a device could do, for the compute bound on latency (only when the bundle says
 * how many FLOPs the variant needs). Assumed upper bounds, not specs: generous on purpose.
 */
export const PEAK_FLOPS = {
  /** per logical core: 2 FMA units × 16 fp32 lanes (AVX-512) × 2 FLOP × 4 GHz */
  cpuPerCoreFlops: 256e9,
  gpuFlopsByClass: {
    phone: 10e12,
    tablet: 10e12,
    laptop: 60e12,
    desktop: 200e12,
    unknown: 200e12,
  } satisfies Record<DeviceClass, number>,
  derivation:
    'assumed: CPU 256 GFLOP/s per logical core; GPU above the fp32 peak of the class’s fastest parts ' +
    '(desktop ≈ 2.4× an RTX 4090’s 82.6 TFLOP/s, leaving room for fp16)',
} as const;

/** No browser runtime dispatches an inference in under a microsecond (assumed). */
export const MIN_LATENCY_MS = 0.001;

/** Above the most carbon-intensive national grids (~1 kgCO2e/kWh), with margin (assumed). */
export const MAX_GRID_INTENSITY_G_PER_KWH = 2000;
