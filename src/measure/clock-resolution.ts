/** clock reads per attempt before a clock that does not move is declared unmeasurable */
const MAX_READS = 100_000;
const ATTEMPTS = 5;

/**
 * Smallest step the clock shows, in ms (performance.now: ~5 µs cross-origin isolated, 100 µs
 * otherwise in Chromium), or null when the clock did not move within MAX_READS reads — a
 * test clock that only advances with the work it times. Bounded by reads, not by time, so a
 * frozen clock cannot hang it.
 */
export function estimateClockResolutionMs(now: () => number): number | null {
  let smallest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const a = now();
    let b = a;
    for (let i = 0; i < MAX_READS && b === a; i++) b = now();
    if (b === a) return null;
    smallest = Math.min(smallest, b - a);
  }
  return smallest > 0 && Number.isFinite(smallest) ? smallest : null;
}
