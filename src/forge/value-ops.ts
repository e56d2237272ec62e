/**
 * Values of small constant tensors through data movement, so shape arithmetic that exporters
 * build from constants (Silero's STFT padding: ConstantOfShape → Concat → Reshape → Slice with a
 * negative step → Transpose → Reshape) resolves to numbers. Row-major, tiny tensors only.
 */
export function remapValues(values: readonly number[], inShape: readonly number[], outShape: readonly number[], source: (outIndex: number[]) => number[]): number[] | undefined {
  const n = outShape.reduce((a, d) => a * d, 1);
  if (values.length !== inShape.reduce((a, d) => a * d, 1) || n > values.length * 4) return undefined;
  const out: number[] = [];
  const idx = outShape.map(() => 0);
  for (let k = 0; k < n; k++) {
    let flat = 0;
    const src = source(idx);
    for (let ax = 0; ax < inShape.length; ax++) flat = flat * inShape[ax]! + src[ax]!;
    out.push(values[flat]!);
    for (let ax = outShape.length - 1; ax >= 0; ax--) {
      if (++idx[ax]! < outShape[ax]!) break;
      idx[ax] = 0;
    }
  }
  return out;
}

/** Values of a Slice: ranges[axis] = [start, end, step] for the sliced axes. */
export function sliceValues(values: readonly number[], inShape: readonly number[], outShape: readonly number[], ranges: readonly ([number, number, number] | undefined)[]): number[] | undefined {
  return remapValues(values, inShape, outShape, (idx) => idx.map((i, ax) => (ranges[ax] ? ranges[ax]![0] + i * ranges[ax]![2] : i)));
}

/** Values of a Transpose with permutation `perm`. */
export function transposeValues(values: readonly number[], inShape: readonly number[], perm: readonly number[]): number[] | undefined {
  return remapValues(
    values,
    inShape,
    perm.map((p) => inShape[p]!),
    (idx) => {
      const src = inShape.map(() => 0);
      perm.forEach((p, k) => (src[p] = idx[k]!));
      return src;
    },
  );
}
