import { parseArgs } from 'node:util';
import { createApp } from '../server/create-app.js';
import { leaderboardSettingsFromEnv, mountLeaderboard } from '../server/leaderboard/mount-leaderboard.js';
import { openStoreFromEnv } from '../server/store/store-registry.js';
import { ensureRunFiles } from './ensure-run-files.js';
import { listen } from './serve.js';
import { lanAddresses } from './lan-addresses.js';
import { tlsFiles } from './tls-options.js';

/**
 * `npm start`: models and app built when missing, then one process serving the PWA, the
 * models and the leaderboard (SQLite by default, PostgreSQL when DATABASE_URL is set).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, host: { type: 'string' }, https: { type: 'boolean' }, cert: { type: 'string' }, key: { type: 'string' } },
    allowPositionals: false,
  });
  const port = Number(values.port ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got '${values.port ?? process.env.PORT}'`);
  await ensureRunFiles({ zoo: true });
  const { store, description } = await openStoreFromEnv();
  console.log(`leaderboard store: ${description}`);
  const app = createApp({ mount: (a) => mountLeaderboard(a, { store, ...leaderboardSettingsFromEnv() }) });
  const host = values.host ?? process.env.HOST ?? (values.https ? '0.0.0.0' : '127.0.0.1');
  const tls = values.https ? tlsFiles({ cert: values.cert, key: values.key, hostnames: ['localhost', ...lanAddresses()], log: console.log }) : undefined;
  const server = await listen(app, port, host, tls);
  if (tls) console.log(`HTTPS on all interfaces (${tls.note}); on the LAN: ${lanAddresses().map((a) => `https://${a}:${server.port}/`).join(' ') || 'no LAN address found'}`);
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
