/**
 * ORT reports node placement and kernel fallbacks only through console output. While a
 * session is created we keep a copy of those lines so a partial CPU placement becomes a
 * visible warning on the result instead of a silent slowdown.
 */
export async function withConsoleCapture<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const methods = ['log', 'warn', 'error', 'info'] as const;
  const originals = methods.map((m) => console[m]);
  methods.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
      originals[i]!.apply(console, args);
    };
  });
  try {
    return { value: await fn(), lines };
  } finally {
    methods.forEach((m, i) => (console[m] = originals[i]!));
  }
}
