import type { Environment } from '../core/environment.js';
import type { CompletedResult, ResultRecord } from '../core/result-schema.js';
import { completedResultSchema } from '../core/result-schema.js';
import type { GridLocation, IntensityResult } from '../carbon/intensity-source.js';
import { defaultIntensityRegistry } from '../carbon/intensity-registry.js';
import { guessLocationFromTimeZone } from '../carbon/location.js';
import type { UserIntensity } from '../carbon/sources/user-value.js';
import type { DeviceProfile } from '../energy/device-profile.js';
import { matchDevice } from '../energy/match-device.js';
import { type ProfileChoice, profileFromChoice } from '../energy/pick-profile.js';
import type { RaplMeasurement } from '../energy/rapl/measure-phase.js';
import type { DeviceCalibration } from '../estimates/estimate-cell.js';
import { estimateCell } from '../estimates/estimate-cell.js';

/** What the person chose (or left at its default) about where and how to estimate. */
export interface EstimationSettings {
  location?: GridLocation;
  /** fetch live grid intensity (UK, DK) from the browser; off unless the person opts in */
  allowLive?: boolean;
  userIntensity?: UserIntensity;
  /** a profile the person edited; wins over `profileChoice` */
  profile?: DeviceProfile;
  /** a profile the person picked from the table, resolved against this device's environment at run time */
  profileChoice?: Pick<ProfileChoice, 'kind' | 'id'>;
  /** one calibration used for every cell (tests); the app keeps `calibrations` instead */
  calibration?: DeviceCalibration;
  /** this device's battery calibrations, one per profile × backend × threads; each cell takes its own */
  calibrations?: DeviceCalibration[];
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
  const intensity = await resolveIntensity(settings);
  let picked: ReturnType<typeof effectiveProfile> | undefined;
  const estimator: Estimator = (record, extra) => {
    if (record.state !== 'completed') return record;
    try {
      picked ??= effectiveProfile(env, settings);
      const { profile, note } = picked;
      const calibration = settings.calibration ?? pickCalibration(settings.calibrations ?? [], profile.id, record);
      const out = estimateCell(record, env, { intensity, profile, calibration, rapl: extra?.rapl });
      if (note) out.notes.unshift(note);
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

/** The grid intensity the settings ask for: the same call a run makes, so a view can show what runs will use. */
export async function resolveIntensity(settings: EstimationSettings, at?: Date): Promise<IntensityResult> {
  const registry = defaultIntensityRegistry({ user: settings.userIntensity, ukBaseUrl: settings.liveBaseUrls?.uk, dkBaseUrl: settings.liveBaseUrls?.dk });
  const location = settings.location ?? guessLocationFromTimeZone();
  return registry.resolve(location, { allowLive: settings.allowLive === true, at });
}

/**
 * The profile runs use: the person's edit, else their pick (resolved against this device), else
 * the match from the environment. A pick that no longer resolves falls back to the match, and says so.
 */
export function effectiveProfile(env: Environment, settings: Pick<EstimationSettings, 'profile' | 'profileChoice'>): { profile: DeviceProfile; note?: string } {
  if (settings.profile) return { profile: settings.profile };
  if (settings.profileChoice) {
    const picked = profileFromChoice(settings.profileChoice, env);
    if (picked.state === 'ok') return { profile: picked.profile };
    const profile = matchDevice(env);
    return { profile, note: `your profile choice was not used (${picked.reason}): the matched profile ${profile.id} instead` };
  }
  return { profile: matchDevice(env) };
}

/**
 * The calibration made for this profile, effective backend and thread count; failing that the
 * newest one for the profile, so the record says why it was not used; else none.
 */
export function pickCalibration(calibrations: readonly DeviceCalibration[], profileId: string, record: Pick<CompletedResult, 'effectiveBackend' | 'threads'>): DeviceCalibration | undefined {
  const mine = calibrations.filter((c) => c.profileId === profileId).sort((a, b) => b.measuredAt.localeCompare(a.measuredAt));
  return mine.find((c) => c.backend === record.effectiveBackend && c.threads === record.threads) ?? mine[0];
}
