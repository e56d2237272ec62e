/**
 * `npm run build:cli`: bundles the CLI (src/cli/edgewatt.ts) into lib/ as ESM for the npm package,
 * so an installed edgewatt runs plain JavaScript (no tsx, no Vite at run time).
 *
 * Why esbuild and not `tsc` emit: the project's tsconfig is one noEmit config for page, worker
 * and Node code written for a bundler (extension-less and `.js`-to-`.ts` imports, `vite/client`
 * types); emitting would need a second config and ship ~150 modules, each a file the CLI opens at
 * start-up. esbuild (already installed with tsx, pinned as a devDependency) bundles in about a
 * second, and its code splitting keeps the entry tiny: each command's code is a chunk loaded by
 * the dispatcher's dynamic import(). npm packages stay external (they are the runtime
 * dependencies); the build fails if the bundle imports a package that is not one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'lib');
/** Loaded with a dynamic import() that reports a missing package with a hint; not a dependency because it is large and optional. */
const OPTIONAL_PACKAGES = new Set(['onnxruntime-node', '@tensorflow/tfjs']);

/**
 * Checkout-only modules, replaced by a stub: building the app and the zoo needs the sources, Vite
 * and the zoo's source packages, none of which ship. The installed CLI never calls the stub
 * (IS_CHECKOUT is false there); it answers anyone who runs lib/ inside a checkout.
 */
const checkoutOnly: Plugin = {
  name: 'edgewatt-checkout-only',
  setup(b) {
    b.onResolve({ filter: /\/checkout-build\.js$/ }, (args) => ({ path: args.path, namespace: 'checkout-only' }));
    b.onLoad({ filter: /.*/, namespace: 'checkout-only' }, () => ({
      loader: 'js',
      contents: `export async function buildStaleFiles() {
        throw new Error('lib/ is the packaged CLI and cannot build the app or the model zoo; in a checkout run bin/edgewatt.mjs (npx edgewatt), which builds what is stale');
      }`,
    }));
  },
};

/**
 * The commands' --help texts as literals (read here, at build time, from where they are defined),
 * so the packaged `edgewatt bench --help` answers without loading zod or the command.
 */
async function helpTexts(): Promise<Plugin> {
  const { helpText } = await import('../src/cli/help-texts.js');
  const texts = { bench: await helpText('bench'), forge: await helpText('forge') };
  return {
    name: 'edgewatt-help-texts',
    setup(b) {
      b.onResolve({ filter: /\/help-texts\.js$/ }, (args) => ({ path: args.path, namespace: 'help-texts' }));
      b.onLoad({ filter: /.*/, namespace: 'help-texts' }, () => ({
        loader: 'js',
        contents: `const TEXTS = ${JSON.stringify(texts)};\nexport async function helpText(command) { return TEXTS[command]; }`,
      }));
    },
  };
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export interface CliBundle {
  /** output files (absolute) → the packages and chunks each imports, statically or dynamically */
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; bytes: number }>;
  entry: string;
}

/** Bundles src/cli/edgewatt.ts into `outDir` (emptied first); throws if it imports a package that is not a runtime dependency. */
export async function bundleCli(outDir: string = OUT_DIR): Promise<CliBundle> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { edgewatt: 'src/cli/edgewatt.ts' },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    plugins: [checkoutOnly, await helpTexts()],
    chunkNames: 'chunks/[name]-[hash]',
    // no source maps: they would double the package, and the CLI reports errors as messages, not stacks
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const allowed = new Set([...Object.keys(pkg.dependencies ?? {}), ...OPTIONAL_PACKAGES]);
  const builtins = new Set(builtinModules);
  const missing = new Map<string, string>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    for (const imp of input.imports) {
      if (!imp.external || imp.path.startsWith('node:') || builtins.has(imp.path)) continue;
      const name = packageName(imp.path);
      if (!allowed.has(name)) missing.set(name, file);
    }
  }
  if (missing.size > 0) {
    const lines = [...missing].map(([name, file]) => `  ${name} (imported by ${file})`);
    throw new Error(
      `the CLI imports packages that are not runtime dependencies, so the installed CLI would fail:\n${lines.join('\n')}\n` +
        '  hint: move them from devDependencies to dependencies in package.json, or load them only in checkout-only code',
    );
  }
  const outputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([f, o]) => [path.resolve(ROOT, f), { imports: o.imports, bytes: o.bytes }]));
  return { outputs, entry: path.join(outDir, 'edgewatt.js') };
}

async function main(): Promise<void> {
  const started = performance.now();
  const { outputs } = await bundleCli();
  const bytes = Object.values(outputs).reduce((n, o) => n + o.bytes, 0);
  console.log(`build:cli: ${Object.keys(outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB → lib/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// run as `tsx scripts/build-cli.ts`; imported (by its test) it only defines bundleCli
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`build:cli: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
