/**
 * The stack's own ceiling: a bare Fastify 5 route that runs the same SELECT as Simpul's
 * GET /api/admin/opd with the plain `pg` driver (one Pool of Simpul's size), no session, no
 * row-level security, no transaction: the region filter is a WHERE clause. Started by
 * bench/http.ts as a child process; prints `listening <port>`. Environment: DATABASE_URL,
 * DB_POOL_SIZE, BENCH_SQL (text with $1), BENCH_REGION_ID.
 */
import Fastify from 'fastify';
import pg from 'pg';

const need = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const pool = new pg.Pool({ connectionString: need('DATABASE_URL'), max: Number(need('DB_POOL_SIZE')) });
pool.on('error', () => {});
const text = need('BENCH_SQL');
const regionId = need('BENCH_REGION_ID');

type OpdRow = { id: string; code: string; name: string; short_name: string; active: boolean };

const app = Fastify({ logger: false });
app.get('/opd', async () => {
  const { rows } = await pool.query<OpdRow>(text, [regionId]);
  return rows.map((o) => ({
    id: o.id,
    code: o.code,
    name: o.name,
    shortName: o.short_name,
    active: o.active,
  }));
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');
process.stdout.write(`listening ${address.port}\n`);

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
// Started by bench/http.ts: go when it goes, even if it was killed.
if (process.send) process.on('disconnect', () => void shutdown());
