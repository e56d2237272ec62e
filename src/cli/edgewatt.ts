/**
 * `edgewatt <command>`: the dispatcher. It imports nothing at the top so that `--help` and an
 * unknown command answer at once; each command's code (zod, playwright-core, onnxruntime…) is
 * loaded with a dynamic import() only when that command runs.
 */
import type { HelpCommand } from './help-texts.js';

/** Exit codes shared with src/bench/exit-codes.ts, repeated here so the dispatcher loads nothing. */
const EXIT_OK = 0;
const EXIT_USAGE = 2;
const EXIT_INTERNAL = 4;

const USAGE = `Usage: edgewatt <command> [options]

Commands:
  bench   measure model files (.onnx, TF.js folders) or a suite headless in Chromium (edgewatt bench --help)
  forge   make fp16 / int8 / pruned variants of an ONNX model (edgewatt forge --help)
`;

const COMMANDS: Record<HelpCommand, (argv: string[]) => Promise<number>> = {
  bench: async (argv) => (await import('./bench-main.js')).benchMain(argv),
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
    // a usage or setup error carries its exit code (2); anything else is a crash of edgewatt itself (4)
    const { hint, exitCode } = err as { hint?: string; exitCode?: number };
    const internal = exitCode !== EXIT_USAGE;
    console.error(`edgewatt: ${err instanceof Error ? err.message : String(err)}${hint ? `\n  ${hint}` : ''}`);
    if (internal) console.error(`  this is a bug in edgewatt; please report it with this output${err instanceof Error && err.stack ? `\n${err.stack}` : ''}`);
    process.exit(internal ? EXIT_INTERNAL : EXIT_USAGE);
  },
);
