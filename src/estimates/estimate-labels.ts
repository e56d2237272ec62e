import type { EstimateKey } from './estimate-cell.js';

/** What a reader calls each estimate: column headers of tables and summaries. */
export const ESTIMATE_LABELS: Readonly<Record<EstimateKey, string>> = {
  powerAttributableW: 'Power (above idle)',
  energyAttributableJ: 'Energy / inference',
  energyBusyJ: 'Energy / inference (whole device)',
  gridIntensityGPerKWh: 'Grid intensity',
  carbonOperationalG: 'Carbon / inference',
  carbonOperationalBusyG: 'Carbon / inference (whole device)',
  embodiedWallClockG: 'Embodied / inference (wall-clock life)',
  embodiedActiveUseG: 'Embodied / inference (active use)',
  sciWallClockG: 'SCI / inference',
  sciActiveUseG: 'SCI / inference (active-use embodied)',
};

/** The label of an estimate key; a key this version does not know is shown as is. */
export function estimateLabel(key: string): string {
  return (ESTIMATE_LABELS as Record<string, string>)[key] ?? key;
}
