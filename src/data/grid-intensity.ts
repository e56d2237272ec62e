import type { SourceRef } from '../core/estimate.js';
import raw from './grid-intensity.json';
import { type GridIntensityData, gridIntensitySchema } from './grid-intensity-schema.js';

let cached: GridIntensityData | undefined;

export function gridIntensityData(): GridIntensityData {
  cached ??= gridIntensitySchema.parse(raw);
  return cached;
}

export function gridIntensityVersion(): string {
  return `grid-intensity@${gridIntensityData().version}`;
}

export function intensitySourceRefs(ids: readonly string[]): SourceRef[] {
  const table = gridIntensityData().sources;
  return ids.map((id) => {
    const s = table.find((x) => x.id === id);
    const url = s?.url ?? (s?.repo && s.commit ? `https://github.com/${s.repo}/tree/${s.commit}` : undefined);
    return s ? { id, title: s.title, ...(url ? { url } : {}) } : { id };
  });
}
