import { z } from 'zod';
import type { EstimationSettings } from '../client/estimation-stage.js';

const KEY = 'edgewatt.estimation-settings.v1';

/** Only the person's choices are stored (locally, never sent); profiles and data come from the app. */
const storedSchema = z.object({
  location: z.object({ country: z.string(), zone: z.string().optional() }).optional(),
  allowLive: z.boolean().optional(),
  userIntensity: z.object({ gPerKWh: z.number().nonnegative(), low: z.number().optional(), high: z.number().optional(), note: z.string().optional() }).optional(),
});
export type StoredEstimationSettings = z.infer<typeof storedSchema>;

export function loadStoredSettings(): StoredEstimationSettings {
  try {
    const parsed = storedSchema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function saveStoredSettings(s: StoredEstimationSettings): void {
  localStorage.setItem(KEY, JSON.stringify(storedSchema.parse(s)));
}

export function loadEstimationSettings(): EstimationSettings {
  const s = loadStoredSettings();
  return { ...(s.location ? { location: { country: s.location.country, ...(s.location.zone ? { zone: s.location.zone } : {}) } as EstimationSettings['location'] } : {}), allowLive: s.allowLive, userIntensity: s.userIntensity };
}
