const PREFIXES: Array<[number, string]> = [
  [1, ''],
  [1e-3, 'm'],
  [1e-6, 'µ'],
  [1e-9, 'n'],
];

/** 3 significant digits with an SI prefix small enough to keep the digits readable (J, g). */
export function formatSi(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `— ${unit}`;
  const abs = Math.abs(value);
  const [factor, prefix] = PREFIXES.find(([f]) => abs >= f) ?? PREFIXES[PREFIXES.length - 1]!;
  return `${Number((value / factor).toPrecision(3))} ${prefix}${unit}`;
}

/** `gCO2e` → prefixed on the gram: mgCO2e, µgCO2e. */
export function formatGrams(value: number): string {
  return formatSi(value, 'gCO2e');
}

export function formatMs(value: number): string {
  return `${Number(value.toPrecision(3))} ms`;
}
