/**
 * `edgewatt <command>`: the dispatcher. It imports nothing at the top so that `--help` and an
 * unknown command answer at once; each command's code (zod, playwright-core, onnxruntime…) is
 * loaded with a dynamic import() only when that command runs.
 */
import type { HelpCommand } from './help-texts.js';

/** Exit codes shared with src/bench/exit-codes.ts, repeated here so the dispatcher loads nothing. */
const EXIT_OK = 0;
const EXIT_USAGE = 2;

const USAGE = `Usage: edgewatt <command> [options]

Commands:
  bench   run a benchmark suite headless in Chromium (edgewatt bench --help)
  forge   make fp16 / int8 / pruned variants of an ONNX model (edgewatt forge --help)
`;

const COMMANDS: Record<HelpCommand, (argv: string[]) => Promise<number>> = {
  bench: async (argv) => (await import('./bench-main.js')).bench(argv),
  forge: async (argv) => (await import('../forge/forge-command.node.js')).runForgeCommand(argv),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command as HelpCommand] : undefined;
  if (!run) {
    console.error(`edgewatt: unknown command '${command}'\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  // answered here, as the commands' own parsers would, but without loading the command
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(await (await import('./help-texts.js')).helpText(command as HelpCommand));
    return EXIT_OK;
  }
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // every failure that reaches here is a usage or setup error (exit 2); failed cells are reported by the command itself
    const hint = (err as { hint?: string }).hint;
    console.error(`edgewatt: ${err instanceof Error ? err.message : String(err)}${hint ? `\n  ${hint}` : ''}`);
    process.exit(EXIT_USAGE);
  },
);
