/**
 * Values of constant tensors through data movement, so shape arithmetic that exporters build
 * from constants (Silero's STFT padding: ConstantOfShape → Concat → Reshape → Slice with a
 * negative step → Transpose → Reshape) resolves to numbers, and weights assembled at run time
 * (fold-recurrent-weights.ts) become initializers. Row-major; strided copies, no per-element allocation.
 */
function strides(shape: readonly number[]): number[] {
  const s = shape.map(() => 1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

/** out[k] = values[Σ (base[ax] + idx[ax]·step[ax]) · stride[ax]] over the output's multi-index idx. */
function gatherStrided(values: ArrayLike<number>, outShape: readonly number[], base: readonly number[], step: readonly number[]): number[] {
  const n = outShape.reduce((a, d) => a * d, 1);
  const out = new Array<number>(n);
  const rank = outShape.length;
  const idx = new Array<number>(rank).fill(0);
  let flat = base.reduce((a, b) => a + b, 0);
  for (let k = 0; k < n; k++) {
    out[k] = values[flat]!;
    for (let ax = rank - 1; ax >= 0; ax--) {
      flat += step[ax]!;
      if (++idx[ax]! < outShape[ax]!) break;
      flat -= step[ax]! * outShape[ax]!;
      idx[ax] = 0;
    }
  }
  return out;
}

/** Values of a Slice: ranges[axis] = [start, end, step] for the sliced axes. */
export function sliceValues(values: ArrayLike<number>, inShape: readonly number[], outShape: readonly number[], ranges: readonly ([number, number, number] | undefined)[]): number[] | undefined {
  if (values.length !== inShape.reduce((a, d) => a * d, 1)) return undefined;
  const st = strides(inShape);
  return gatherStrided(
    values,
    outShape,
    inShape.map((_, ax) => (ranges[ax]?.[0] ?? 0) * st[ax]!),
    inShape.map((_, ax) => (ranges[ax]?.[2] ?? 1) * st[ax]!),
  );
}

/** Values of a Transpose with permutation `perm`. */
export function transposeValues(values: ArrayLike<number>, inShape: readonly number[], perm: readonly number[]): number[] | undefined {
  if (values.length !== inShape.reduce((a, d) => a * d, 1)) return undefined;
  const st = strides(inShape);
  return gatherStrided(values, perm.map((p) => inShape[p]!), perm.map(() => 0), perm.map((p) => st[p]!));
}

const COMPARE: Readonly<Record<string, (x: number, y: number) => boolean>> = {
  Equal: (x, y) => x === y, Less: (x, y) => x < y, Greater: (x, y) => x > y, LessOrEqual: (x, y) => x <= y, GreaterOrEqual: (x, y) => x >= y,
  And: (x, y) => !!x && !!y, Or: (x, y) => !!x || !!y, Xor: (x, y) => !!x !== !!y,
};

/** Elementwise comparison (with scalar broadcast) of known values: 1 for true, 0 for false. */
export function compareValues(op: string, a: readonly number[], b: readonly number[]): number[] | undefined {
  const fn = COMPARE[op];
  if (!fn || (a.length !== b.length && a.length !== 1 && b.length !== 1)) return undefined;
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (fn(a[a.length === 1 ? 0 : i]!, b[b.length === 1 ? 0 : i]!) ? 1 : 0));
}
