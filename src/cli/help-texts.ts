/** The commands whose `--help` the dispatcher answers without loading the command. */
export type HelpCommand = 'bench' | 'forge';

/**
 * A command's `--help` text, from where it is defined (next to each command's parser). The
 * packaged CLI replaces this module with the texts as string literals at bundle time
 * (scripts/build-cli.ts), so `edgewatt bench --help` loads neither zod nor the command's code.
 */
export async function helpText(command: HelpCommand): Promise<string> {
  if (command === 'bench') return (await import('../bench/bench-args.js')).BENCH_USAGE;
  return (await import('../forge/forge-command.js')).FORGE_USAGE;
}
