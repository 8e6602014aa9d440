/**
 * `npm run bench:live`: the LIVE Room on PostgreSQL, one run:
 *   - the wall's initial KPIs (GET /api/m/laksa/live/wall: headline, OPD league today/7/30 days,
 *     30-day trends) with 1,000,000 reports in the ONE region whose wall is loaded, p50/p99 over
 *     repeated loads, next to the same figures computed directly from the raw laksa_report rows
 *     (no rollup) in the same run;
 *   - the delivery latency (p50/p99/max) of one event to 1,000 and to 10,000 connected SSE clients
 *     (in a second process, on loopback), from the moment the citizen's report is sent until each
 *     client has the event, with the server's memory at each level; next to a bare Node http server
 *     fanning the same-sized frame out to the same clients; and the top level again with the walls
 *     spread over two API processes (LISTEN/NOTIFY between them: the scale-out path).
 * Targets: KPIs p99 ≤ 300 ms; delivery p99 ≤ 250 ms at 10,000 clients. Exits 0 whether or not the
 * targets are met; 1 on errors. Flags: --fresh (rebuild the database).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  int,
  log,
  ms,
  percentile,
  printTable,
  repoDir,
  startServer,
  stop,
  stopAll,
  withClient,
} from '../laksa/util';
import { type LiveFixture, prepareLiveFixture } from './fixture';

const env = process.env;
const flags = new Set(process.argv.slice(2));
for (const f of flags) if (f !== '--fresh') throw new Error(`unknown flag ${f} (known: --fresh)`);
const ADMIN_URL = env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = env.BENCH_LIVE_DB ?? 'simpul_bench_live';
const REPORTS = Number(env.BENCH_LIVE_REPORTS ?? 1_000_000);
const LEVELS = (env.BENCH_LIVE_CLIENTS ?? '1000,10000').split(',').filter(Boolean).map(Number);
const KPI_LOADS = Number(env.BENCH_KPI_LOADS ?? 40);
const RAW_LOADS = Number(env.BENCH_RAW_LOADS ?? 5);
const EVENTS_PER_LEVEL = Number(env.BENCH_EVENTS ?? 5);
const here = path.dirname(fileURLToPath(import.meta.url));

type Stats = { p50: number; p99: number; max: number; n: number; lost: number; cold?: number };
const stats = (xs: number[], lost = 0): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    p50: percentile(s, 0.5),
    p99: percentile(s, 0.99),
    max: s.at(-1) ?? Number.NaN,
    n: s.length,
    lost,
  };
};
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

async function main() {
  log(
    `bench:live — ${cpus().length} CPU (shared with other work: load ${loadavg()[0]!.toFixed(1)}), node ${process.version}`,
  );
  log(`preparing ${DB_NAME} (${REPORTS.toLocaleString('en-US')} reports in one region) …`);
  const fx = await prepareLiveFixture({
    adminUrl: ADMIN_URL,
    dbName: DB_NAME,
    reports: REPORTS,
    fresh: flags.has('--fresh'),
    log,
  });
  // The escalation task would scan the million reports once at start-up: mark it as just run.
  await withClient(fx.databaseUrl, (c) =>
    c.query(`insert into task_run (task, region_id, last_started_at) select t, id, now() from region,
      unnest(array['laksa:escalate-overdue', 'laksa:webhook-delivery', 'laksa:email-notifications']) t
      on conflict (task, region_id) do update set last_started_at = excluded.last_started_at`),
  );
  const serverEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: fx.databaseUrl,
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef-0123456789',
    DB_POOL_SIZE: '8',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    // 10,000 walls share one session and one address here; a real deployment keeps the caps.
    STREAMS_PER_SESSION: '1000000',
    STREAMS_PER_ADDRESS: '1000000',
    DATA_DIR: path.join(tmpdir(), 'simpul-bench-live-data'),
  };
  const server = await startServer('simpul', path.join(here, 'server.ts'), serverEnv, ['--expose-gc']);
  const base = `http://127.0.0.1:${server.port}/r/${fx.region.slug}`;
  try {
    const kpi = await measureKpis(fx, base);
    const raw = await measureRawKpis(fx);
    const fan: {
      level: number;
      simpul: Stats;
      bare: Stats;
      memory: { rss: number; heapUsed: number };
      bareRss: number;
    }[] = [];
    const idle = await memoryOf(server.child);
    for (const level of LEVELS) fan.push(await measureFanOut(fx, base, server.child, level));
    // Scale-out: the same walls over two API processes of one deployment (LISTEN/NOTIFY between them).
    const top = Math.max(...LEVELS);
    log(`fan-out to ${top.toLocaleString('en-US')} clients over 2 API processes …`);
    const second = await startServer('simpul-2', path.join(here, 'server.ts'), serverEnv, ['--expose-gc']);
    const base2 = `http://127.0.0.1:${second.port}/r/${fx.region.slug}`;
    const twoProcesses = { level: top, ...(await measureSimpul(fx, [base, base2], base, top, server.child)) };
    await stop(second.child);
    report(fx, kpi, raw, fan, idle, twoProcesses);
  } finally {
    await stop(server.child);
    await stopAll();
  }
}

/** Sequential loads of the wall's initial KPIs as the operator's browser makes them. */
async function measureKpis(fx: LiveFixture, base: string): Promise<Stats> {
  const load = async () => {
    const t = performance.now();
    const res = await fetch(`${base}/api/m/laksa/live/wall`, { headers: fx.operator });
    if (res.status !== 200) throw new Error(`wall KPIs: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { league: unknown[]; trends: { days: string[] } };
    if (body.league.length === 0 || body.trends.days.length !== 30)
      throw new Error('wall KPIs: empty answer');
    return performance.now() - t;
  };
  // The first load after start reads and sorts the 29 past days (kept 10 minutes, see wall-view.ts).
  const cold = await load();
  for (let i = 0; i < 4; i++) await load();
  const xs: number[] = [];
  for (let i = 0; i < KPI_LOADS; i++) xs.push(await load());
  return { ...stats(xs), cold };
}

/** The same league, trends and counters straight from laksa_report (what the rollup saves). */
const RAW_SQL = `
with w as (select (now() at time zone 'Asia/Jakarta')::date as today),
r as (select p.*, (p.created_at at time zone 'Asia/Jakarta')::date as cday,
  (p.resolved_at at time zone 'Asia/Jakarta')::date as rday, (p.responded_at at time zone 'Asia/Jakarta')::date as sday,
  (p.disposed_at at time zone 'Asia/Jakarta')::date as dday
  from laksa_report p where p.region_id = $1),
o as (select r.*, x.opd_id from r join laksa_report_opd x on x.region_id = r.region_id and x.report_id = r.id and x.active),
league as (
  select o.opd_id, win.name,
    count(*) filter (where o.dday >= w.today - win.d) as received,
    count(*) filter (where o.rday >= w.today - win.d) as resolved,
    percentile_cont(0.5) within group (order by extract(epoch from o.responded_at - o.disposed_at) / 60)
      filter (where o.sday >= w.today - win.d) as median_response,
    percentile_cont(0.5) within group (order by extract(epoch from o.resolved_at - o.created_at) / 60)
      filter (where o.rday >= w.today - win.d) as median_resolution,
    avg((o.resolved_at <= o.resolve_due_at)::int) filter (where o.rday >= w.today - win.d) as sla,
    avg(o.rating) filter (where o.rday >= w.today - win.d) as rating
  from o cross join w cross join (values ('today', 0), ('d7', 6), ('d30', 29)) as win(name, d)
  group by o.opd_id, win.name),
trend as (select category_id, cday, count(*) as n from r, w where cday >= w.today - 29 group by 1, 2),
kec as (select kecamatan, count(*) as n from r, w where cday >= w.today - 29 group by 1),
counts as (select count(*) filter (where status not in ('selesai', 'ditolak', 'dialihkan')) as open from r)
select (select json_agg(league) from league) as league, (select json_agg(trend) from trend) as trend,
  (select json_agg(kec) from kec) as kec, (select open from counts) as open`;

async function measureRawKpis(fx: LiveFixture): Promise<Stats> {
  return withClient(fx.databaseUrl, async (c) => {
    await c.query(RAW_SQL, [fx.region.id]);
    const xs: number[] = [];
    for (let i = 0; i < RAW_LOADS; i++) {
      const t = performance.now();
      await c.query(RAW_SQL, [fx.region.id]);
      xs.push(performance.now() - t);
    }
    return stats(xs);
  });
}

function memoryOf(child: ChildProcess): Promise<{ rss: number; heapUsed: number }> {
  return new Promise((resolve) => {
    const on = (m: { op?: string; rss: number; heapUsed: number }) => {
      if (m.op !== 'memory') return;
      child.off('message', on);
      resolve({ rss: m.rss, heapUsed: m.heapUsed });
    };
    child.on('message', on);
    child.send('memory');
  });
}

/** The client process, driven over IPC (bench/live/clients.ts). */
function startClients() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'clients.ts')], {
    cwd: repoDir,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (op: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const on = (m: Record<string, unknown>) => {
        if (m.op === 'error') reject(new Error(String(m.message)));
        if (m.op !== op) return;
        child.off('message', on);
        resolve(m);
      };
      child.on('message', on);
    });
  const ready = next('ready');
  return {
    child,
    ready,
    async connect(urls: string[], headers: Record<string, string>, n: number) {
      const done = next('connected');
      child.send({ op: 'connect', urls, headers, n });
      await done;
    },
    async expect(eventId: string): Promise<number[]> {
      const done = next('received');
      child.send({ op: 'expect', eventId, timeoutMs: 30_000 });
      return (await done).times as number[];
    },
    async close() {
      const done = next('closed');
      child.send({ op: 'close' });
      await done;
    },
  };
}

const sleep = (msDelay: number) => new Promise((r) => setTimeout(r, msDelay));
const collect = (times: number[], t0: number, into: number[]) => {
  let lost = 0;
  for (const t of times)
    if (t < 0) lost++;
    else into.push(t - t0);
  return lost;
};

async function measureFanOut(fx: LiveFixture, base: string, server: ChildProcess, level: number) {
  log(`fan-out to ${level.toLocaleString('en-US')} clients …`);
  const { stats: simpul, memory } = await measureSimpul(fx, [base], base, level, server);

  // Baseline: the bare fan-out server, the same clients, the same frame size.
  const bare = await startServer('bare', path.join(here, 'bare-server.ts'), {});
  const bareClients = startClients();
  await bareClients.ready;
  await bareClients.connect([`http://127.0.0.1:${bare.port}/stream`], {}, level);
  await sleep(1000);
  const bareRss = rssOf(bare.child.pid);
  const baseline: number[] = [];
  let bareLost = 0;
  for (let k = 0; k < EVENTS_PER_LEVEL; k++) {
    const t0 = Date.now();
    const res = await fetch(`http://127.0.0.1:${bare.port}/emit?marker=bench-${k}`, { method: 'POST' });
    const eventId = await res.text();
    bareLost += collect(await bareClients.expect(eventId), t0, baseline);
    await sleep(500);
  }
  await bareClients.close();
  await stop(bare.child);
  await sleep(1000);
  return { level, simpul, bare: stats(baseline, bareLost), memory, bareRss };
}

/**
 * Simpul: the operator's wall streams (spread over `streams`, one per API process), the event a
 * citizen's report filed over HTTP at `postBase`. With two processes, half the walls get the event
 * through PostgreSQL LISTEN/NOTIFY from the other process: the scale-out path.
 */
async function measureSimpul(
  fx: LiveFixture,
  streams: string[],
  postBase: string,
  level: number,
  server: ChildProcess,
) {
  const clients = startClients();
  await clients.ready;
  await clients.connect(
    streams.map((b) => `${b}/api/live/stream`),
    { cookie: fx.operator.cookie },
    level,
  );
  await sleep(1000);
  const memory = await memoryOf(server);
  const simpul: number[] = [];
  let lost = 0;
  for (let k = 0; k < EVENTS_PER_LEVEL; k++) {
    const t0 = Date.now();
    const res = await fetch(`${postBase}/api/m/laksa/reports`, {
      method: 'POST',
      headers: { ...fx.citizen, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        type: 'pengaduan',
        categoryId: fx.categoryId,
        description: `Uji beban LIVE Room ${k}: jalan berlubang di depan pasar.`,
        lat: -6.915,
        lng: 107.61,
      }),
    });
    if (res.status !== 201) throw new Error(`report: HTTP ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    const eventId = await withClient(fx.databaseUrl, async (c) => {
      const { rows } = await c.query<{ id: string }>(
        `select id::text from event where subject = $1 and type = 'laksa.report.created'`,
        [id],
      );
      return rows[0]!.id;
    });
    lost += collect(await clients.expect(eventId), t0, simpul);
    await sleep(500);
  }
  await clients.close();
  await sleep(2000);

  return { stats: stats(simpul, lost), memory };
}

function rssOf(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function report(
  fx: LiveFixture,
  kpi: Stats,
  raw: Stats,
  fan: Awaited<ReturnType<typeof measureFanOut>>[],
  idle: { rss: number; heapUsed: number },
  two: { level: number; stats: Stats },
) {
  log('');
  log(
    `LIVE Room — ${fx.reports.toLocaleString('en-US')} reports in region ${fx.region.code} (${fx.reused ? 'reused' : 'built'} fixture)`,
  );
  log('');
  const ok = (v: number, target: number) => (v <= target ? 'met' : 'MISSED');
  printTable([
    ['figure', 'target', 'Simpul', 'baseline (same run)', 'verdict'],
    [
      `wall initial KPIs, ${kpi.n} loads p50 / p99`,
      'p99 ≤ 300 ms',
      `${ms(kpi.p50)} / ${ms(kpi.p99)} (first, cold: ${ms(kpi.cold ?? Number.NaN)})`,
      `raw rows, no rollup: ${ms(raw.p50)} / ${ms(raw.p99)} (${raw.n} runs)`,
      ok(kpi.p99, 300),
    ],
    ...fan.map((f) => [
      `one event → ${int(f.level)} SSE clients p50 / p99 / max`,
      f.level >= 10_000 ? 'p99 ≤ 250 ms' : '-',
      `${ms(f.simpul.p50)} / ${ms(f.simpul.p99)} / ${ms(f.simpul.max)}${f.simpul.lost ? ` (${f.simpul.lost} lost)` : ''}`,
      `bare Node http: ${ms(f.bare.p50)} / ${ms(f.bare.p99)} / ${ms(f.bare.max)}${f.bare.lost ? ` (${f.bare.lost} lost)` : ''}`,
      f.level >= 10_000 ? ok(f.simpul.p99, 250) : '-',
    ]),
    [
      `one event → ${int(two.level)} SSE clients over 2 API processes p50 / p99 / max`,
      'p99 ≤ 250 ms',
      `${ms(two.stats.p50)} / ${ms(two.stats.p99)} / ${ms(two.stats.max)}${two.stats.lost ? ` (${two.stats.lost} lost)` : ''}`,
      'half the walls get it via LISTEN/NOTIFY',
      ok(two.stats.p99, 250),
    ],
    ['server memory, no clients (RSS / heap)', '-', `${mb(idle.rss)} / ${mb(idle.heapUsed)}`, '-', '-'],
    ...fan.map((f) => [
      `server memory, ${int(f.level)} clients (RSS / heap)`,
      '-',
      `${mb(f.memory.rss)} / ${mb(f.memory.heapUsed)}`,
      `bare Node http RSS: ${mb(f.bareRss)}`,
      '-',
    ]),
  ]);
  log('');
  log(
    `Delivery = from sending the citizen's POST /api/m/laksa/reports (Simpul) or POST /emit (bare) until each client has the event; ${EVENTS_PER_LEVEL} events per level, every client's time counted.`,
  );
  log('Both servers and the client process share this machine’s CPUs (and other work running on it).');
}

main().catch(async (err) => {
  console.error(err);
  await stopAll();
  process.exit(1);
});
