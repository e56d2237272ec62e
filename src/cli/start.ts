import { parseArgs } from 'node:util';
import { ensureModels } from '../modelgen/ensure-models.js';
import { createApp } from '../server/create-app.js';
import { leaderboardSettingsFromEnv, mountLeaderboard } from '../server/leaderboard/mount-leaderboard.js';
import { openStoreFromEnv } from '../server/store/store-registry.js';
import { ensureBuild } from './ensure-build.js';
import { listen } from './serve.js';

/**
 * `npm start`: models and app built when missing, then one process serving the PWA, the
 * models and the leaderboard (SQLite by default, PostgreSQL when DATABASE_URL is set).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } }, allowPositionals: false });
  const port = Number(values.port ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got '${values.port ?? process.env.PORT}'`);
  await ensureModels({ log: (l: string) => console.log(l) });
  await ensureBuild();
  const { store, description } = await openStoreFromEnv();
  console.log(`leaderboard store: ${description}`);
  const app = createApp({ mount: (a) => mountLeaderboard(a, { store, ...leaderboardSettingsFromEnv() }) });
  const server = await listen(app, port, values.host ?? process.env.HOST ?? '127.0.0.1');
  console.log(`edgewatt is running at ${server.url}  (leaderboard: ${server.url}leaderboard; Ctrl-C to stop)`);
  const stop = () =>
    void server
      .close()
      .then(() => store.close())
      .then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`edgewatt: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
