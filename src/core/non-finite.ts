import { z } from 'zod';

/**
 * How many output values were NaN, +Infinity or −Infinity, out of how many: named apart because
 * they mean different things (NaN: 0/0 or Inf − Inf, usually an fp16 overflow further up;
 * ±Inf: an overflow itself) and because one NaN makes every figure computed over it meaningless.
 */
export const nonFiniteCountsSchema = z.object({
  nan: z.number().int().nonnegative(),
  posInf: z.number().int().nonnegative(),
  negInf: z.number().int().nonnegative(),
  /** all output values counted, finite or not */
  values: z.number().int().nonnegative(),
});
export type NonFiniteCounts = z.infer<typeof nonFiniteCountsSchema>;

/** Counts over outputs indexed [input][output tensor] (or any nesting of Float32Arrays). */
export function countNonFinite(outputs: readonly (readonly Float32Array[])[]): NonFiniteCounts {
  const c: NonFiniteCounts = { nan: 0, posInf: 0, negInf: 0, values: 0 };
  for (const outs of outputs) {
    for (const o of outs) {
      c.values += o.length;
      for (let k = 0; k < o.length; k++) {
        const v = o[k] as number;
        if (Number.isFinite(v)) continue;
        if (Number.isNaN(v)) c.nan++;
        else if (v > 0) c.posInf++;
        else c.negInf++;
      }
    }
  }
  return c;
}

export function nonFiniteTotal(c: NonFiniteCounts): number {
  return c.nan + c.posInf + c.negInf;
}

/**
 * "NaN in 100 % of output values, +Inf in 2 (0.1 %)" style text, or '' when every value is
 * finite. Shares round so that a single bad value never reads as 0 %.
 */
export function describeNonFinite(c: NonFiniteCounts): string {
  const parts: string[] = [];
  const share = (n: number) => {
    const pct = c.values > 0 ? (n / c.values) * 100 : 0;
    if (pct >= 99.95) return '100 %';
    return pct >= 1 ? `${pct.toFixed(0)} %` : `${pct < 0.1 ? '< 0.1' : pct.toFixed(1)} %`;
  };
  for (const [label, n] of [['NaN', c.nan], ['+Inf', c.posInf], ['−Inf', c.negInf]] as const) {
    if (n > 0) parts.push(`${label} in ${share(n)} of output values (${n} of ${c.values})`);
  }
  return parts.join(', ');
}
