/** Trade-off analyses (DESIGN §6): pure functions over measured cells and estimates. */
export * from './spearman.js';
export * from './discrepancies.js';
export * from './rebound.js';
export * from './life-cycle.js';
export * from './edge-vs-cloud.js';
export * from './device-upgrade.js';
export * from './causal-loop.js';
export { defaultCloudReference, type CloudFigureKey } from './cloud-defaults.js';
export { sampleDeviceDistribution, type DeviceSample } from './device-sample.js';
export { embodiedPerInferenceG, type EmbodiedAllocation } from './embodied-allocation.js';
export { compareEstimates, compareLatency, type LatencyCI, type Order } from './latency-compare.js';
export type { InvalidInput } from './input-checks.js';

