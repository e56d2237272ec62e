/** Number formatting shared by the text reporters: three significant digits, never "1e-7" for a latency. */

/** 3 significant digits; exponent form only outside [1e-3, 1e6) where digits would run away. */
export function formatSig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e6) return x.toExponential(digits - 1);
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
  return x.toFixed(decimals);
}

/** Milliseconds with 3 significant digits and the unit. */
export function formatMs(ms: number): string {
  return `${formatSig(ms)} ms`;
}

/** 1.234 → "1.234×" with 3 decimals: ratios near 1 are what matters. */
export function formatRatio(r: number): string {
  return `${r.toFixed(3)}×`;
}

/** Signed change of a ratio in percent: 1.123 → "+12.3 %". */
export function formatChangePct(ratio: number): string {
  const pct = (ratio - 1) * 100;
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)} %`;
}

/** p-values: "< 0.001" below the resolution that matters, else 3 decimals. */
export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
