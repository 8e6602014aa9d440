/**
 * Simpul as it runs in production (api/main.ts minus the demo seed and the banner), started by
 * bench/http.ts as a child process. Reads the usual environment (DATABASE_URL, SESSION_SECRET,
 * DB_POOL_SIZE, LOG_LEVEL, NODE_ENV=production) and prints `listening <port>` once it accepts
 * connections. SIGTERM closes the app and the pool.
 */
import { buildApp } from '../api/app';
import { loadConfig } from '../api/config';
import { openDatabase } from '../api/core/db/client';

// The one deviation from production defaults: RATE_LIMIT_PER_MINUTE is set high by bench/http.ts,
// because 600 requests/min per IP would answer a single load generator with 429 at once. The
// limiter's hook still runs on every request.
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: config.dbPoolSize });
// BENCH_BACKGROUND=0 (diagnostics only): no outbox sweep, task scheduler or notification delivery.
const app = await buildApp({ config, database, background: process.env.BENCH_BACKGROUND !== '0' });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');
process.stdout.write(`listening ${address.port}\n`);

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
// Started by bench/http.ts: go when it goes, even if it was killed.
if (process.send) process.on('disconnect', () => void shutdown());
