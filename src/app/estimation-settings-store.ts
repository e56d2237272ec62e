import { z } from 'zod';
import { backendSchema } from '../core/cell.js';
import { estimateSchema } from '../core/estimate.js';
import type { EstimationSettings } from '../client/estimation-stage.js';
import { deviceProfileSchema } from '../energy/device-profile.js';
import type { DeviceCalibration } from '../estimates/estimate-cell.js';

const KEY = 'edgewatt.estimation-settings.v1';

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

const liveUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) address, e.g. https://api.carbonintensity.org.uk' });

export const storedCalibrationSchema = z.object({
  profileId: z.string().min(1),
  backend: backendSchema,
  threads: z.number().int().nonnegative(),
  attributableW: estimateSchema,
  idleW: estimateSchema,
  /** kept for the person to see; estimates use attributable and idle power */
  loadW: estimateSchema.optional(),
  measuredAt: z.string(),
  capacityWh: estimateSchema.optional(),
});
export type StoredCalibration = z.infer<typeof storedCalibrationSchema>;

/** Only the person's choices are stored (locally, never sent); profiles and data come from the app. */
const storedSchema = z.object({
  location: z.object({ country: z.string(), zone: z.string().optional() }).optional(),
  allowLive: z.boolean().optional(),
  userIntensity: z.object({ gPerKWh: z.number().nonnegative(), low: z.number().optional(), high: z.number().optional(), note: z.string().optional() }).optional(),
  /** a pick from the power table (resolved at run time), or a whole profile the person edited */
  profile: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('choice'), choice: z.object({ kind: z.enum(['device', 'class', 'cpu-tdp']), id: z.string() }) }),
      z.object({ kind: z.literal('edited'), profile: deviceProfileSchema }),
    ])
    .optional(),
  calibrations: z.array(storedCalibrationSchema).optional(),
  /** where the live sources are: the public APIs unless set (a proxy, or a test's fixture server) */
  liveBaseUrls: z.object({ uk: liveUrl.optional(), dk: liveUrl.optional() }).optional(),
});
export type StoredEstimationSettings = z.infer<typeof storedSchema>;

function defaultStorage(): StorageLike | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function loadStoredSettings(storage: StorageLike | undefined = defaultStorage()): StoredEstimationSettings {
  try {
    const raw = JSON.parse(storage?.getItem(KEY) ?? '{}') as Record<string, unknown>;
    const parsed = storedSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    // one bad field (an older format, a hand edit) must not cost the others
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      const field = storedSchema.shape[k as keyof typeof storedSchema.shape];
      if (field?.safeParse(v).success) kept[k] = v;
    }
    return storedSchema.parse(kept);
  } catch {
    return {};
  }
}

/** Throws a zod error naming the bad field; callers validate user input before saving. */
export function saveStoredSettings(s: StoredEstimationSettings, storage: StorageLike | undefined = defaultStorage()): void {
  storage?.setItem(KEY, JSON.stringify(storedSchema.parse(s)));
}

/** Reads, changes one part, writes back. */
export function updateStoredSettings(
  change: (s: StoredEstimationSettings) => StoredEstimationSettings,
  storage: StorageLike | undefined = defaultStorage(),
): StoredEstimationSettings {
  const next = change(loadStoredSettings(storage));
  saveStoredSettings(next, storage);
  return next;
}

const sameSlot = (a: Pick<DeviceCalibration, 'profileId' | 'backend' | 'threads'>, b: Pick<DeviceCalibration, 'profileId' | 'backend' | 'threads'>) =>
  a.profileId === b.profileId && a.backend === b.backend && a.threads === b.threads;

/** One calibration per device profile × backend × threads: a new one replaces the old. */
export function withCalibration(s: StoredEstimationSettings, c: StoredCalibration): StoredEstimationSettings {
  return { ...s, calibrations: [...(s.calibrations ?? []).filter((x) => !sameSlot(x, c)), c] };
}

export function withoutCalibration(s: StoredEstimationSettings, c: Pick<DeviceCalibration, 'profileId' | 'backend' | 'threads'>): StoredEstimationSettings {
  return { ...s, calibrations: (s.calibrations ?? []).filter((x) => !sameSlot(x, c)) };
}

export function toEstimationSettings(s: StoredEstimationSettings): EstimationSettings {
  return {
    ...(s.location ? { location: { country: s.location.country, ...(s.location.zone ? { zone: s.location.zone } : {}), origin: 'user' as const, reasons: ['chosen by the user'] } } : {}),
    allowLive: s.allowLive,
    userIntensity: s.userIntensity,
    ...(s.profile?.kind === 'edited' ? { profile: s.profile.profile } : {}),
    ...(s.profile?.kind === 'choice' ? { profileChoice: s.profile.choice } : {}),
    ...(s.calibrations?.length ? { calibrations: s.calibrations.map(({ profileId, backend, threads, attributableW, idleW, measuredAt }) => ({ profileId, backend, threads, attributableW, idleW, measuredAt })) } : {}),
    ...(s.liveBaseUrls ? { liveBaseUrls: s.liveBaseUrls } : {}),
  };
}

export function loadEstimationSettings(storage: StorageLike | undefined = defaultStorage()): EstimationSettings {
  return toEstimationSettings(loadStoredSettings(storage));
}
