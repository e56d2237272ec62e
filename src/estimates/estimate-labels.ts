import type { EstimateKey } from './estimate-cell.js';

/** What a reader calls each estimate: the app's results table and the CLI summary use the same words. */
export const ESTIMATE_LABELS: Readonly<Record<EstimateKey, string>> = {
  powerAttributableW: 'Power (above idle)',
  energyAttributableJ: 'Energy / inference (attributable)',
  energyBusyJ: 'Energy / inference (total while busy)',
  gridIntensityGPerKWh: 'Grid intensity',
  carbonOperationalG: 'Operational carbon / inference',
  carbonOperationalBusyG: 'Operational carbon / inference (total while busy)',
  embodiedWallClockG: 'Embodied / inference (wall-clock life)',
  embodiedActiveUseG: 'Embodied / inference (active use)',
  sciWallClockG: 'SCI / inference (wall-clock embodied)',
  sciActiveUseG: 'SCI / inference (active-use embodied)',
};

/** The label of an estimate key; a key this version does not know is shown as is. */
export function estimateLabel(key: string): string {
  return (ESTIMATE_LABELS as Record<string, string>)[key] ?? key;
}
