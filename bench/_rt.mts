import { readFileSync } from 'node:fs';
import { asc, sql } from 'drizzle-orm';
import { drizzle, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { opd } from '../api/core/db/schema';
const fx = JSON.parse(readFileSync('/tmp/sb/fixture.json', 'utf8'));
const pool = new pg.Pool({ connectionString: fx.databaseUrl, max: 10 });
const db = drizzle(pool, { casing: 'snake_case' });
const N = 12000;
async function run(label: string, fn: () => Promise<unknown>) {
  await Promise.all(Array.from({ length: 16 }, async () => { for (let i = 0; i < 100; i++) await fn(); }));
  const out: string[] = [];
  for (let k = 0; k < 2; k++) {
    const u0 = process.cpuUsage(); const t0 = performance.now();
    await Promise.all(Array.from({ length: 16 }, async () => { for (let i = 0; i < N / 16; i++) await fn(); }));
    const u = process.cpuUsage(u0); const t = performance.now() - t0;
    out.push(`${((N / t) * 1000).toFixed(0)}/s ${((u.user + u.system) / N).toFixed(0)}us`);
  }
  console.log(`${label.padEnd(52)} ${out.join('   ')}`);
}
const view = (o: typeof opd.$inferSelect) => ({ id: o.id, code: o.code, name: o.name, shortName: o.shortName, active: o.active });
const selectText = 'select "region_id", "id", "code", "name", "short_name", "active", "created_at" from "opd" order by "opd"."name" asc';
const setText = `select set_config('role', 'simpul_app', true), set_config('app.region_id', '${fx.region.id}', true), set_config('app.user_id', '', true)`;
const dz = db as any;
const viaDrizzleTx = () => db.transaction(async (tx) => { await tx.execute(sql`select set_config('role', ${'simpul_app'}, true), set_config('app.region_id', ${fx.region.id}, true), set_config('app.user_id', ${''}, true)`); return (await tx.select().from(opd).orderBy(asc(opd.name))).map(view); });
async function rawTx<T>(work: (tx: any) => Promise<T>): Promise<T> { const c = await pool.connect(); try { await c.query(`begin; ${setText}`); const s = new NodePgSession(c, dz.dialect, dz.session.schema, dz.session.options); const r = await work(new NodePgTransaction(dz.dialect, s, dz.session.schema)); await c.query('commit'); return r; } finally { c.release(); } }
const prepared = db.select().from(opd).orderBy(asc(opd.name));
for (let r = 0; r < 2; r++) {
  await run('raw pg: plain SELECT with WHERE ($1)  [= baseline]', async () => (await pool.query(fx.plainSql, [fx.region.id])).rows);
  await run('drizzle tx, 4 RT  [= Simpul today]', viaDrizzleTx);
  await run('raw pg text, 4 RT', async () => { const c = await pool.connect(); try { await c.query('begin'); await c.query("select set_config('role', $1, true), set_config('app.region_id', $2, true), set_config('app.user_id', $3, true)", ['simpul_app', fx.region.id, '']); const x = await c.query(selectText); await c.query('commit'); return x.rows; } finally { c.release(); } });
  await run('3 RT (begin+set_config merged) + drizzle select', () => rawTx(async (tx) => (await tx.select().from(opd).orderBy(asc(opd.name))).map(view)));
  await run('3 RT + drizzle select of 5 columns', () => rawTx((tx) => tx.select({ id: opd.id, code: opd.code, name: opd.name, shortName: opd.shortName, active: opd.active }).from(opd).orderBy(asc(opd.name))));
  await run('1 RT: set_config; SELECT as one simple query', async () => (await pool.query(`${setText}; ${selectText}`) as any)[1].rows);
}
await pool.end();
