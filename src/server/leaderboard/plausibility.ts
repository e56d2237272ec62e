import type { CompletedResult } from '../../core/result-schema.js';
import type { MetricValue, EstimatedMetric } from './metric-keys.js';
import {
  DEVICE_POWER_LIMITS,
  MAX_GRID_INTENSITY_G_PER_KWH,
  MIN_LATENCY_MS,
  PEAK_FLOPS,
} from './physical-limits.js';
import type { DeviceDescriptor } from '../../core/submission-schema.js';

const J_PER_KWH = 3.6e6;

export interface PlausibilityInput {
  result: CompletedResult;
  device: DeviceDescriptor;
  metrics: Partial<Record<EstimatedMetric, MetricValue>>;
  /** FLOPs per inference of this cell's variant, when the bundle said */
  flopsPerInference: number | null;
}

/**
 * Why a well-formed result cannot be ranked. An empty list means it ranks. The reasons are stored
 * for moderation and never sent back: a forger learns nothing about where the bounds are.
 */
export function quarantineReasons({ result, device, metrics, flopsPerInference }: PlausibilityInput): string[] {
  const reasons: string[] = [];
  const latencyMs = result.phases.steady.stats.medianMs;
  if (latencyMs < MIN_LATENCY_MS) reasons.push(`median latency ${latencyMs} ms is below ${MIN_LATENCY_MS} ms`);

  const energy = metrics.energy;
  if (energy) {
    const powerW = energy.value / (latencyMs / 1000);
    const limit = DEVICE_POWER_LIMITS[device.class];
    if (powerW < limit.minW || powerW > limit.maxW) {
      reasons.push(
        `energy ${energy.value} J over ${latencyMs} ms means ${round(powerW)} W, outside ${limit.minW}–${limit.maxW} W for a ${device.class}`,
      );
    }
    if (metrics.carbon) {
      const intensity = metrics.carbon.value / (energy.value / J_PER_KWH);
      if (intensity > MAX_GRID_INTENSITY_G_PER_KWH) {
        reasons.push(`carbon ${metrics.carbon.value} g for ${energy.value} J means ${round(intensity)} gCO2e/kWh`);
      }
    }
  }
  if (metrics.carbon && metrics.sci && metrics.sci.value < metrics.carbon.value * 0.99) {
    reasons.push(`SCI ${metrics.sci.value} g is below the operational carbon ${metrics.carbon.value} g it includes`);
  }

  if (flopsPerInference !== null) {
    const gpu = result.effectiveBackend === 'webgpu' || result.effectiveBackend === 'webgl';
    const peakFlops = gpu ? PEAK_FLOPS.gpuFlopsByClass[device.class] : PEAK_FLOPS.cpuPerCoreFlops * device.cores;
    const boundMs = (flopsPerInference / peakFlops) * 1000;
    if (latencyMs < boundMs) {
      reasons.push(`median latency ${latencyMs} ms is below the compute bound ${round(boundMs)} ms for ${flopsPerInference} FLOPs`);
    }
  }

  if (result.fidelity.state === 'compared' && !result.fidelity.pass) {
    reasons.push('fidelity check failed: outputs differ from the fp32 reference, so the speed is not comparable');
  }
  const agreement = result.backendAgreement;
  if (agreement?.state === 'compared' && !agreement.pass) {
    reasons.push(`backend check failed: outputs differ from the same ${agreement.reference.variant} model on ${agreement.reference.runtime}/${agreement.reference.backend}, so this backend computes wrong numbers`);
  }
  return reasons;
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}
