import { parseArgs } from 'node:util';
import { ensureModels } from '../modelgen/ensure-models.js';
import { createApp } from '../server/create-app.js';
import { ensureBuild } from './ensure-build.js';
import { listen } from './serve.js';

/** `npm start`: models and app built when missing, then the app (and API) on localhost. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } }, allowPositionals: false });
  const port = Number(values.port ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got '${values.port ?? process.env.PORT}'`);
  await ensureModels({ log: (l: string) => console.log(l) });
  await ensureBuild();
  const app = createApp();
  const server = await listen(app, port, values.host ?? process.env.HOST ?? '127.0.0.1');
  console.log(`edgewatt is running at ${server.url}  (Ctrl-C to stop)`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`edgewatt: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
