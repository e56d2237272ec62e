import type { FetchLike } from '../fetch-json.js';
import type { GridLocation, IntensityResult, IntensitySource, IntensitySourceId } from '../intensity-source.js';
import { staticYearlySource } from './static-yearly.js';

export interface LiveSourceOptions {
  /** API root; tests point it at the local fixture server */
  baseUrl?: string;
  fetch?: FetchLike;
  /** default 8000 ms */
  timeoutMs?: number;
  /** the embedded default that answers when the live call fails (default: static yearly average) */
  fallback?: IntensitySource;
}

export const DEFAULT_LIVE_TIMEOUT_MS = 8000;

/** A live source failed: answer with the embedded default, and say why in the result. */
export async function fallbackResult(
  sourceId: IntensitySourceId,
  label: string,
  location: GridLocation,
  reason: string,
  fallback: IntensitySource = staticYearlySource(),
): Promise<IntensityResult> {
  const r = await fallback.current({ location });
  if (r.state === 'unsupported') return { sourceId, label, state: 'unsupported', reason: `${label}: ${reason}; and no embedded default: ${r.reason}` };
  const why = `${label} not used (${reason}): ${r.label} instead`;
  return {
    sourceId,
    label,
    state: 'fallback',
    location,
    intensity: { ...r.intensity, reasons: [why, ...r.intensity.reasons] },
    series: r.series,
    reason: why,
    fallbackSourceId: r.sourceId,
  };
}
