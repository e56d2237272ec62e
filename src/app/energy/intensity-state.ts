import type { IntensityResult } from '../../carbon/intensity-source.js';
import { type EstimationSettings, resolveIntensity } from '../../client/estimation-stage.js';

/** A live answer is reused this long, so opening a detail view does not fetch again and again. */
const FRESH_MS = 10 * 60_000;

interface Entry {
  key: string;
  at: number;
  result: Promise<IntensityResult>;
}

let last: Entry | null = null;

function keyOf(s: EstimationSettings): string {
  return JSON.stringify([s.location?.country, s.location?.zone, s.allowLive === true, s.userIntensity, s.liveBaseUrls]);
}

/**
 * The grid intensity for the current settings, shared by the Energy & carbon view and the cell
 * detail (same call as a run makes). `refresh` asks the sources again.
 */
export function currentIntensity(settings: EstimationSettings, opts: { refresh?: boolean; now?: () => number } = {}): Promise<IntensityResult> {
  const now = (opts.now ?? Date.now)();
  const key = keyOf(settings);
  if (!opts.refresh && last && last.key === key && now - last.at < FRESH_MS) return last.result;
  const result = resolveIntensity(settings);
  last = { key, at: now, result };
  return result;
}
