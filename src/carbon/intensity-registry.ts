import type { FetchLike } from './fetch-json.js';
import type { GridLocation, IntensityResult, IntensitySource, IntensitySourceId } from './intensity-source.js';
import { energiDataServiceSource } from './sources/energi-data-service.js';
import { type YearlySignal, staticYearlySource } from './sources/static-yearly.js';
import { ukCarbonIntensitySource } from './sources/uk-carbon-intensity.js';
import { type UserIntensity, userValueSource } from './sources/user-value.js';

export interface IntensityRegistry {
  register(source: IntensitySource): void;
  get(id: IntensitySourceId): IntensitySource | undefined;
  list(): IntensitySource[];
  /**
   * The intensity for a location: the user's value if one is registered, else a live source that
   * covers the location when live use is allowed (the user opted in), else the embedded default.
   */
  resolve(location: GridLocation, opts?: { allowLive?: boolean; at?: Date }): Promise<IntensityResult>;
}

const PRIORITY: Record<IntensitySourceId, number> = { 'user-value': 0, 'uk-carbon-intensity': 1, 'energi-data-service': 1, 'static-yearly': 2 };

export function createIntensityRegistry(sources: IntensitySource[] = []): IntensityRegistry {
  const byId = new Map<IntensitySourceId, IntensitySource>();
  const registry: IntensityRegistry = {
    register(s) {
      byId.set(s.id, s);
    },
    get: (id) => byId.get(id),
    list: () => [...byId.values()].sort((a, b) => PRIORITY[a.id] - PRIORITY[b.id]),
    async resolve(location, opts = {}) {
      const candidates = registry.list().filter((s) => (opts.allowLive || !s.live) && s.covers(location));
      const unsupported: string[] = [];
      for (const s of candidates) {
        const r = await s.current({ location, at: opts.at });
        if (r.state !== 'unsupported') return r;
        unsupported.push(r.reason);
      }
      return {
        sourceId: 'static-yearly',
        label: 'no source',
        state: 'unsupported',
        reason: `no intensity source covers ${location.country}${location.zone ? `/${location.zone}` : ''}${unsupported.length ? `: ${unsupported.join('; ')}` : ''}; enter a value`,
      };
    },
  };
  for (const s of sources) registry.register(s);
  return registry;
}

export interface DefaultSourcesOptions {
  signal?: YearlySignal;
  user?: UserIntensity;
  ukBaseUrl?: string;
  dkBaseUrl?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

/** The four sources of DESIGN §5: embedded yearly default, UK and DK live, and the user's value when given. */
export function defaultIntensityRegistry(opts: DefaultSourcesOptions = {}): IntensityRegistry {
  const fallback = staticYearlySource(opts.signal);
  const live = { fetch: opts.fetch, timeoutMs: opts.timeoutMs, fallback };
  return createIntensityRegistry([
    fallback,
    ukCarbonIntensitySource({ ...live, baseUrl: opts.ukBaseUrl }),
    energiDataServiceSource({ ...live, baseUrl: opts.dkBaseUrl }),
    ...(opts.user ? [userValueSource(opts.user)] : []),
  ]);
}
