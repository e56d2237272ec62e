import { z } from 'zod';
import { gridIntensityData, intensitySourceRefs } from '../../data/grid-intensity.js';
import { estimate } from '../../estimates/estimate-math.js';
import { fetchJson } from '../fetch-json.js';
import { G_PER_KWH, type GridLocation, type IntensityPoint, type IntensityResult, type IntensitySource } from '../intensity-source.js';
import { DEFAULT_LIVE_TIMEOUT_MS, type LiveSourceOptions, fallbackResult } from './live-fallback.js';

export const UK_CARBON_INTENSITY_API = 'https://api.carbonintensity.org.uk';

// documented response shapes (api.carbonintensity.org.uk): national periods carry `actual`
// (null for the future), regional periods only `forecast`
const period = z.object({
  from: z.string(),
  to: z.string(),
  intensity: z.object({ forecast: z.number().nonnegative(), actual: z.number().nonnegative().nullable().optional(), index: z.string() }),
});
const national = z.object({ data: z.array(period).min(1) });
const region = z.object({ regionid: z.number(), shortname: z.string(), data: z.array(period).min(1) });
// /regional/intensity/{from}/fw48h/regionid/{id} answers `data: {…}`; older docs show `data: [{…}]`
const regional = z.object({ data: z.union([region, z.array(region).length(1)]) });

type Period = z.infer<typeof period>;

function issue(e: z.ZodError): string {
  const i = e.issues[0];
  return `malformed response: ${i ? `${i.path.join('.') || '(root)'}: ${i.message}` : 'unexpected shape'}`;
}

function parseNational(json: unknown): Period[] | string {
  const r = national.safeParse(json);
  return r.success ? r.data.data : issue(r.error);
}

function parseRegional(json: unknown): Period[] | string {
  const r = regional.safeParse(json);
  if (!r.success) return issue(r.error);
  const d = r.data.data;
  return (Array.isArray(d) ? (d[0] as z.infer<typeof region>) : d).data;
}

/** `GB-<regionid>` → regionid (1-17 regions and nations, 18 = GB); undefined for national. */
function regionId(location: GridLocation): number | undefined {
  const m = location.zone?.match(/^GB-(\d+)$/);
  return m ? Number(m[1]) : undefined;
}

/** The API takes ISO 8601 minutes in UTC: 2026-01-20T12:00Z. */
function halfHourFloor(at: Date): string {
  const t = new Date(Math.floor(at.getTime() / 1_800_000) * 1_800_000);
  return `${t.toISOString().slice(0, 16)}Z`;
}

export function ukCarbonIntensitySource(opts: LiveSourceOptions = {}): IntensitySource {
  const label = 'UK Carbon Intensity (live)';
  const base = (opts.baseUrl ?? UK_CARBON_INTENSITY_API).replace(/\/$/, '');
  const regions = gridIntensityData().ukRegions;
  const covers = (l: GridLocation) => l.country === 'GBR' && (l.zone === undefined || regions.some((r) => `GB-${r.id}` === l.zone));

  return {
    id: 'uk-carbon-intensity',
    label,
    live: true,
    covers,
    async current({ location, at = new Date() }): Promise<IntensityResult> {
      if (!covers(location)) return { sourceId: 'uk-carbon-intensity', label, state: 'unsupported', reason: `covers Great Britain (GBR, zones GB-1…GB-18) only, not ${location.country}${location.zone ? `/${location.zone}` : ''}` };
      const fail = (reason: string) => fallbackResult('uk-carbon-intensity', label, location, reason, opts.fallback);
      const id = regionId(location);
      const from = halfHourFloor(at);
      const url = id === undefined ? `${base}/intensity/${from}/fw48h` : `${base}/regional/intensity/${from}/fw48h/regionid/${id}`;
      const res = await fetchJson(url, { fetch: opts.fetch, timeoutMs: opts.timeoutMs ?? DEFAULT_LIVE_TIMEOUT_MS });
      if (res.state !== 'ok') return fail(res.reason);
      const periods = id === undefined ? parseNational(res.json) : parseRegional(res.json);
      if (typeof periods === 'string') return fail(periods);
      const times = periods.map((p) => ({ ...p, fromMs: Date.parse(p.from), toMs: Date.parse(p.to) }));
      if (times.some((p) => !Number.isFinite(p.fromMs) || !Number.isFinite(p.toMs))) return fail('malformed response: a period has an unreadable time');
      const t = at.getTime();
      const now = times.find((p) => p.fromMs <= t && t < p.toMs);
      if (!now) return fail(`no half-hour in the response covers ${at.toISOString()}`);
      // the spread of the half-hours around the moment (±30 min), forecast and actual
      const near = times.filter((p) => p.toMs > t - 1_800_000 && p.fromMs < t + 1_800_000);
      const figures = near.flatMap((p) => [p.intensity.forecast, ...(typeof p.intensity.actual === 'number' ? [p.intensity.actual] : [])]);
      const actual = typeof now.intensity.actual === 'number' ? now.intensity.actual : null;
      const value = actual ?? now.intensity.forecast;
      const place = id === undefined ? 'Great Britain' : (regions.find((r) => r.id === id)?.shortname ?? `region ${id}`);
      const intensity = estimate({
        value,
        low: Math.min(value, ...figures),
        high: Math.max(value, ...figures),
        unit: G_PER_KWH,
        method: actual === null ? 'modelled' : 'measured',
        reasons: [
          `${place}, half-hour ${now.from}–${now.to}: ${actual === null ? `forecast ${now.intensity.forecast}` : `actual ${actual} (forecast ${now.intensity.forecast})`} g/kWh, index "${now.intensity.index}"`,
          'interval: half-hours within ±30 min, forecast and actual',
        ],
        sources: intensitySourceRefs(['uk-carbon-intensity-api']),
      });
      const series: IntensityPoint[] = times.map((p) => ({
        from: p.from,
        to: p.to,
        gPerKWh: typeof p.intensity.actual === 'number' ? p.intensity.actual : p.intensity.forecast,
        kind: typeof p.intensity.actual === 'number' ? 'actual' : 'forecast',
      }));
      return { sourceId: 'uk-carbon-intensity', label, state: 'ok', location, intensity, series };
    },
  };
}
