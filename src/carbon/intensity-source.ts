import type { Estimate } from '../core/estimate.js';

/** Where the electricity comes from. Chosen by the user; the default is guessed from the time zone. */
export interface GridLocation {
  /** ISO 3166-1 alpha-3 country code, or WORLD */
  country: string;
  /** a finer grid zone where a source has one: `GB-<regionid>` (UK Carbon Intensity region) or `DK1`/`DK2` */
  zone?: string;
  origin: 'user' | 'timezone' | 'default';
  reasons: string[];
}

export interface IntensityQuery {
  location: GridLocation;
  /** the moment the figure is wanted for; default now */
  at?: Date;
}

/** One period of a live series (UK half-hours, DK 5-minute records), for "by hour" views. */
export interface IntensityPoint {
  from: string;
  to: string;
  gPerKWh: number;
  kind: 'actual' | 'forecast';
  /** the grid zone of the point where a series mixes zones (DK1 and DK2) */
  zone?: string;
}

export type IntensitySourceId = 'static-yearly' | 'uk-carbon-intensity' | 'energi-data-service' | 'user-value';

interface ResultBase {
  sourceId: IntensitySourceId;
  label: string;
}

export type IntensityResult =
  | (ResultBase & { state: 'ok'; location: GridLocation; intensity: Estimate; series: IntensityPoint[] })
  /** a live source failed (timeout, HTTP error, malformed body, no data for the time): the embedded default answers, and says why */
  | (ResultBase & { state: 'fallback'; location: GridLocation; intensity: Estimate; series: IntensityPoint[]; reason: string; fallbackSourceId: IntensitySourceId })
  | (ResultBase & { state: 'unsupported'; reason: string });

/**
 * A grid carbon-intensity source. One interface, a registry, and one shared test suite
 * (`intensity-source.case.ts`) that every implementation passes.
 */
export interface IntensitySource {
  readonly id: IntensitySourceId;
  readonly label: string;
  /** fetched over the network (the browser does it, on the user's opt-in) */
  readonly live: boolean;
  covers(location: GridLocation): boolean;
  /** never rejects: failures come back as `fallback` or `unsupported` results */
  current(query: IntensityQuery): Promise<IntensityResult>;
}

export const G_PER_KWH = 'gCO2e/kWh';
