import type { Environment } from '../core/environment.js';
import type { CompletedResult, ResultRecord } from '../core/result-schema.js';
import { completedResultSchema } from '../core/result-schema.js';
import type { GridLocation, IntensityResult } from '../carbon/intensity-source.js';
import { defaultIntensityRegistry } from '../carbon/intensity-registry.js';
import { guessLocationFromTimeZone } from '../carbon/location.js';
import type { UserIntensity } from '../carbon/sources/user-value.js';
import type { DeviceProfile } from '../energy/device-profile.js';
import type { RaplMeasurement } from '../energy/rapl/measure-phase.js';
import type { DeviceCalibration } from '../estimates/estimate-cell.js';
import { estimateCell } from '../estimates/estimate-cell.js';

/** What the person chose (or left at its default) about where and how to estimate. */
export interface EstimationSettings {
  location?: GridLocation;
  /** fetch live grid intensity (UK, DK) from the browser; off unless the person opts in */
  allowLive?: boolean;
  userIntensity?: UserIntensity;
  profile?: DeviceProfile;
  calibration?: DeviceCalibration;
  /** for tests: where the live sources are */
  liveBaseUrls?: { uk?: string; dk?: string };
}

export type Estimator = (record: ResultRecord, extra?: { rapl?: RaplMeasurement }) => ResultRecord;

/**
 * Resolves the grid intensity once per run, then turns each completed record's latency into
 * energy, carbon, embodied and SCI estimates. An estimate that cannot be made never costs the
 * measurement: the record keeps its latency and gains a warning saying why.
 */
export async function createEstimator(env: Environment, settings: EstimationSettings = {}): Promise<{ estimator: Estimator; intensity: IntensityResult }> {
  const registry = defaultIntensityRegistry({ user: settings.userIntensity, ukBaseUrl: settings.liveBaseUrls?.uk, dkBaseUrl: settings.liveBaseUrls?.dk });
  const location = settings.location ?? guessLocationFromTimeZone();
  const intensity = await registry.resolve(location, { allowLive: settings.allowLive === true });
  const estimator: Estimator = (record, extra) => {
    if (record.state !== 'completed') return record;
    try {
      const out = estimateCell(record, env, { intensity, profile: settings.profile, calibration: settings.calibration, rapl: extra?.rapl });
      const next: CompletedResult = {
        ...record,
        estimates: out.estimates as Record<string, NonNullable<(typeof out.estimates)[keyof typeof out.estimates]>>,
        estimation: {
          dataVersions: out.dataVersions,
          profile: { id: out.profile.id, label: out.profile.label, confidence: String(out.profile.confidence), deviceClass: String(out.profile.deviceClass), reasons: out.profile.reasons },
          intensity: out.intensity,
          notes: out.notes,
        },
      };
      return completedResultSchema.parse(next);
    } catch (err) {
      return { ...record, warnings: [...record.warnings, `No energy/carbon estimate for this cell: ${err instanceof Error ? err.message : String(err)}`] };
    }
  };
  return { estimator, intensity };
}
