import type { SourceRef } from '../core/estimate.js';
import raw from './power-profiles.json';
import { type DataSource, type PowerProfiles, powerProfilesSchema } from './power-profiles-schema.js';

let cached: PowerProfiles | undefined;

/** The product's power/carbon table, checked against its schema once. */
export function powerProfiles(): PowerProfiles {
  cached ??= powerProfilesSchema.parse(raw);
  return cached;
}

/** What a result records as "which table produced this figure". */
export function powerProfilesVersion(): string {
  return `power-profiles@${powerProfiles().version}`;
}

function sourceUrl(s: DataSource): string | undefined {
  if (s.url) return s.url;
  // repository files are cited by repo/path/commit; a URL form makes them clickable in the app
  if (s.repo && s.commit) return `https://github.com/${s.repo}/tree/${s.commit}`;
  return undefined;
}

/** Source ids of a figure → `SourceRef`s for an Estimate (title and link from the sources table). */
export function sourceRefs(ids: readonly string[], table: PowerProfiles = powerProfiles()): SourceRef[] {
  return ids.map((id) => {
    const s = table.sources.find((x) => x.id === id);
    if (!s) return { id };
    const url = sourceUrl(s);
    return { id, title: s.title, ...(url ? { url } : {}) };
  });
}
