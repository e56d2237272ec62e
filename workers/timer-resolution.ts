/** Smallest non-zero step of performance.now(): 0.1 ms without cross-origin isolation, ~5 µs with it. */
export function timerResolutionMs(): number | null {
  let smallest = Infinity;
  for (let i = 0; i < 50; i++) {
    const a = performance.now();
    let b = performance.now();
    const guard = a + 5;
    while (b === a && b < guard) b = performance.now();
    if (b > a) smallest = Math.min(smallest, b - a);
  }
  return Number.isFinite(smallest) ? smallest : null;
}
