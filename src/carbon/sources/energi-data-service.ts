import { z } from 'zod';
import { intensitySourceRefs } from '../../data/grid-intensity.js';
import { estimate } from '../../estimates/estimate-math.js';
import { fetchJson } from '../fetch-json.js';
import { G_PER_KWH, type GridLocation, type IntensityPoint, type IntensityResult, type IntensitySource } from '../intensity-source.js';
import { DEFAULT_LIVE_TIMEOUT_MS, type LiveSourceOptions, fallbackResult } from './live-fallback.js';

export const ENERGI_DATA_SERVICE_API = 'https://api.energidataservice.dk';

// documented shape of GET /dataset/CO2Emis: { total, limit, dataset, records: [{ Minutes5UTC,
// Minutes5DK, PriceArea, CO2Emission }] }; times are UTC without a zone suffix
const record = z.object({ Minutes5UTC: z.string(), PriceArea: z.string(), CO2Emission: z.number().nonnegative() });
const response = z.object({ records: z.array(record) });

const FIVE_MIN = 300_000;
/** records newer than this before the moment asked for count as "now"; older means the feed is stale */
const STALE_MS = 2 * 3_600_000;
const AREAS = ['DK1', 'DK2'] as const;

const utc = (s: string) => Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);

export function energiDataServiceSource(opts: LiveSourceOptions = {}): IntensitySource {
  const label = 'Energi Data Service CO2Emis (live)';
  const base = (opts.baseUrl ?? ENERGI_DATA_SERVICE_API).replace(/\/$/, '');
  const covers = (l: GridLocation) => l.country === 'DNK' && (l.zone === undefined || (AREAS as readonly string[]).includes(l.zone));

  return {
    id: 'energi-data-service',
    label,
    live: true,
    covers,
    async current({ location, at = new Date() }): Promise<IntensityResult> {
      if (!covers(location)) return { sourceId: 'energi-data-service', label, state: 'unsupported', reason: `covers Denmark (DNK, price areas DK1/DK2) only, not ${location.country}${location.zone ? `/${location.zone}` : ''}` };
      const fail = (reason: string) => fallbackResult('energi-data-service', label, location, reason, opts.fallback);
      // the time zone cannot tell west (DK1) from east (DK2) Denmark: without a zone, both areas
      const areas = location.zone ? [location.zone] : [...AREAS];
      const query = new URLSearchParams({
        filter: JSON.stringify({ PriceArea: areas }),
        sort: 'Minutes5UTC DESC',
        limit: String(12 * areas.length),
      });
      const res = await fetchJson(`${base}/dataset/CO2Emis?${query}`, { fetch: opts.fetch, timeoutMs: opts.timeoutMs ?? DEFAULT_LIVE_TIMEOUT_MS });
      if (res.state !== 'ok') return fail(res.reason);
      const parsed = response.safeParse(res.json);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        return fail(`malformed response: ${i ? `${i.path.join('.') || '(root)'}: ${i.message}` : 'unexpected shape'}`);
      }
      const recs = parsed.data.records.map((r) => ({ ...r, t: utc(r.Minutes5UTC) })).filter((r) => areas.includes(r.PriceArea));
      if (recs.some((r) => !Number.isFinite(r.t))) return fail('malformed response: a record has an unreadable Minutes5UTC');
      const t = at.getTime();
      const usable = recs.filter((r) => r.t <= t + FIVE_MIN && r.t > t - STALE_MS);
      const latest = areas.map((a) => usable.filter((r) => r.PriceArea === a).sort((x, y) => y.t - x.t)[0]);
      if (latest.some((r) => r === undefined)) return fail(`no CO2Emis record for ${areas.join('/')} within 2 h before ${at.toISOString()}`);
      const last = latest as (typeof recs)[number][];
      const newest = Math.max(...last.map((r) => r.t));
      // the spread of the last hour of 5-minute records bounds "now"
      const hour = usable.filter((r) => r.t > newest - 3_600_000);
      const value = last.reduce((s, r) => s + r.CO2Emission, 0) / last.length;
      const intensity = estimate({
        value,
        low: Math.min(value, ...hour.map((r) => r.CO2Emission)),
        high: Math.max(value, ...hour.map((r) => r.CO2Emission)),
        unit: G_PER_KWH,
        method: 'measured',
        reasons: [
          `${last.map((r) => `${r.PriceArea} ${r.CO2Emission} g/kWh at ${r.Minutes5UTC} UTC`).join(', ')}${last.length > 1 ? ' (mean of the price areas: west or east Denmark unknown)' : ''}`,
          'interval: the 5-minute records of the last hour',
        ],
        sources: intensitySourceRefs(['energi-data-service-co2emis']),
      });
      const series: IntensityPoint[] = [...recs]
        .sort((x, y) => x.t - y.t)
        .map((r) => ({ from: new Date(r.t).toISOString(), to: new Date(r.t + FIVE_MIN).toISOString(), gPerKWh: r.CO2Emission, kind: 'actual', zone: r.PriceArea }));
      return { sourceId: 'energi-data-service', label, state: 'ok', location, intensity, series };
    },
  };
}
