import { z } from 'zod';
import { estimateMethodSchema, type Estimate, type SourceRef } from '../core/estimate.js';

/** A figure in one of edgewatt's own data files: an interval, how it is known, and its sources. */
export const sourcedFigureSchema = z
  .object({
    value: z.number(),
    low: z.number().optional(),
    high: z.number().optional(),
    unit: z.string().min(1),
    method: estimateMethodSchema,
    /** the source's own kind of figure (spec, reported, survey…), kept for display */
    sourceMethod: z.string().optional(),
    sources: z.array(z.string()).min(1),
    note: z.string(),
  })
  .refine((f) => (f.low ?? f.value) <= f.value && f.value <= (f.high ?? f.value), { message: 'figure must satisfy low <= value <= high' });
export type SourcedFigure = z.infer<typeof sourcedFigureSchema>;

export const sourceEntrySchema = z
  .object({ id: z.string().min(1), title: z.string(), url: z.string().optional(), repo: z.string().optional(), path: z.string().optional(), reliability: z.string() })
  .loose();
export type SourceEntry = z.infer<typeof sourceEntrySchema>;

function sourceUrl(s: SourceEntry): string | undefined {
  if (s.url) return s.url;
  if (s.repo) return `https://github.com/${s.repo}`;
  return undefined;
}

/** Resolves source ids against the file's table; an unknown id is a broken data file, not a user error. */
export function figureToEstimate(fig: SourcedFigure, table: readonly SourceEntry[]): Estimate {
  const sources: SourceRef[] = fig.sources.map((id) => {
    const s = table.find((t) => t.id === id);
    if (!s) throw new Error(`data file cites source "${id}" that is not in its sources table`);
    const url = sourceUrl(s);
    return url ? { id, title: s.title, url } : { id, title: s.title };
  });
  return {
    value: fig.value,
    low: fig.low ?? fig.value,
    high: fig.high ?? fig.value,
    unit: fig.unit,
    method: fig.method,
    reasons: [fig.note],
    sources,
  };
}
