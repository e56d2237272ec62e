import { EXIT_CODES, isUsageError } from '../bench/exit-codes.js';

const USAGE = `Usage: edgewatt <command> [options]

Commands:
  bench   measure model files (.onnx, TF.js folders) or a suite headless in Chromium (edgewatt bench --help)
  forge   make fp16 / int8 / pruned variants of an ONNX model (edgewatt forge --help)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'bench':
      return (await import('./bench-main.js')).benchMain(rest);
    case 'forge':
      return (await import('../forge/forge-command.node.js')).runForgeCommand(rest);
    case undefined:
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
    default:
      console.error(`edgewatt: unknown command '${command}'\n\n${USAGE}`);
      return EXIT_CODES.usage;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const hint = (err as { hint?: string }).hint;
    console.error(`edgewatt: ${err instanceof Error ? err.message : String(err)}${hint ? `\n  ${hint}` : ''}`);
    // a usage error is the user's to fix; anything else is a crash of edgewatt, told apart by its own code
    process.exit(isUsageError(err) ? EXIT_CODES.usage : EXIT_CODES.internal);
  },
);
