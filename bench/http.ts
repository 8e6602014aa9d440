/**
 * `npm run bench`: requests/s and latency of one authenticated, region-scoped read endpoint of
 * Simpul on PostgreSQL, next to the ceiling of the stack underneath it:
 *   (a) Simpul, GET /r/<slug>/api/admin/opd: session check + RLS-scoped read + 20 rows as JSON
 *   (b) a bare Fastify route running the same SELECT with plain `pg` (same pool size, no RLS)
 *   (c) the same SELECT driven straight at PostgreSQL by pgbench
 * All three at the same concurrency. Both servers run as child processes; autocannon runs here.
 * (a) and (b) are measured in alternating rounds and the ratio is of their totals; each round's
 * ratio is printed too, since one 10-second pass each swung ±10 points on a shared machine.
 * Target (issue 19): (a) keeps at least 70% of (b). Exits 0 whether or not the target is met.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../api/config';
import { cpuTicks, ProcCpu, percentile } from './laksa/util';
import { type BenchFixture, prepareBenchDatabase } from './setup';

const env = process.env;
const ADMIN_URL = env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = env.BENCH_DB ?? 'simpul_bench';
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 32);
/** Seconds measured per round, for each of (a) and (b); pgbench (c) runs once, this long. */
const DURATION_S = Number(env.BENCH_DURATION ?? 6);
/** (a) and (b) run by turns, ROUNDS times each (order swapped every round), so both see the same machine. */
const ROUNDS = Math.max(1, Number(env.BENCH_ROUNDS ?? 3));
const WARMUP_S = Number(env.BENCH_WARMUP ?? 2);
const REGIONS = 20;
const PAGE_ROWS = 20;
const TARGET = 0.7;
/** Simpul's own default pool size (DB_POOL_SIZE); the baseline gets the same. */
const POOL_SIZE = loadConfig({}).dbPoolSize;
/** Extra node flags for the server children, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
const SERVER_NODE_ARGS = (env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(benchDir);
const children = new Set<ChildProcess>();
const log = (line = '') => process.stdout.write(`${line}\n`);
const loadBefore = loadavg()[0]!;

type Row = {
  name: string;
  concurrency: number;
  rps: number;
  p50: number;
  p99: number;
  /** CPU time (user + system) the server process spent per request, in ms; null for pgbench. */
  cpuMs: number | null;
  /** CPU time of the local PostgreSQL processes per request, in ms; null without /proc. */
  dbCpuMs: number | null;
  note: string;
};

async function main() {
  const pgVersion = await queryOne(ADMIN_URL, 'show server_version');
  const pgbenchVersion = (await run('pgbench', ['--version'])).trim();
  const cpu = cpus();
  log('Simpul HTTP benchmark (one run, PostgreSQL)');
  log(
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, PostgreSQL ${pgVersion}, ${pgbenchVersion}, autocannon ${packageVersion('autocannon')}`,
  );
  log(`Machine load before the run (1-min load average): ${loadBefore.toFixed(1)} on ${cpu.length} cores`);
  log(
    `Load: ${CONNECTIONS} connections for each of (a) (b) (c), ${WARMUP_S} s warm-up; (a) and (b) by turns, ${ROUNDS} rounds of ${DURATION_S} s each; DB pool ${POOL_SIZE} in (a) and (b)`,
  );
  log();
  log(`Preparing database ${DB_NAME} on ${new URL(ADMIN_URL).host} ...`);
  const fx = await prepareBenchDatabase({
    adminUrl: ADMIN_URL,
    dbName: DB_NAME,
    regions: REGIONS,
    rows: PAGE_ROWS,
    log,
  });
  log(
    `  ${fx.regionCount} regions, ${fx.totalOpdRows} OPD rows in all; measured: ${fx.region.name} (${fx.region.code}), ${PAGE_ROWS} OPD rows; staff account with role operator`,
  );

  const simpul = await startSimpul(fx);
  const baseline = await startBaseline(fx);
  const [a, b, rounds] = await measureByTurns(simpul, baseline);
  await Promise.all([stop(simpul.child), stop(baseline.child)]);
  report([a, b, await measurePgbench(fx)], fx, rounds);
}

/** A server under test: where to send requests, and what (a) or (b) is. */
type Target = {
  label: '(a)' | '(b)';
  url: string;
  headers: Record<string, string>;
  child: ChildProcess;
} & Pick<Row, 'name' | 'note'>;
/** One measured stretch of one target. */
type Stretch = {
  ok: number;
  seconds: number;
  p50: number;
  p99: number;
  cpuTicks: number | null;
  dbTicks: number | null;
};

/** Both warmed up, then (a) and (b) by turns, the order swapped every round. */
async function measureByTurns(a: Target, b: Target): Promise<[Row, Row, number[]]> {
  for (const t of [a, b]) {
    log(`${t.label} ${WARMUP_S} s warm-up ...`);
    check(
      t.label,
      await autocannon({ url: t.url, headers: t.headers, connections: CONNECTIONS, duration: WARMUP_S }),
    );
  }
  const got = new Map<Target, Stretch[]>([
    [a, []],
    [b, []],
  ]);
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of round % 2 === 0 ? [a, b] : [b, a]) {
      log(`${t.label} round ${round + 1} of ${ROUNDS}: measuring ${DURATION_S} s ...`);
      got.get(t)!.push(await measure(t));
    }
    const [sa, sb] = [got.get(a)!.at(-1)!, got.get(b)!.at(-1)!];
    ratios.push(sa.ok / sa.seconds / (sb.ok / sb.seconds));
  }
  return [toRow(a, got.get(a)!), toRow(b, got.get(b)!), ratios];
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((x, y) => x - y),
    0.5,
  );

/** Totals over the rounds: requests/s and CPU per request; latencies are the rounds' medians. */
function toRow(t: Target, stretches: Stretch[]): Row {
  const ok = stretches.reduce((n, s) => n + s.ok, 0);
  const ticks = (k: 'cpuTicks' | 'dbTicks') =>
    stretches.some((s) => s[k] === null) ? null : (stretches.reduce((n, s) => n + s[k]!, 0) * 10) / ok;
  return {
    name: t.name,
    note: t.note,
    concurrency: CONNECTIONS,
    rps: ok / stretches.reduce((n, s) => n + s.seconds, 0),
    p50: median(stretches.map((s) => s.p50)),
    p99: median(stretches.map((s) => s.p99)),
    cpuMs: ticks('cpuTicks'),
    dbCpuMs: ticks('dbTicks'),
  };
}

// ---------------------------------------------------------------------------------------------
// (a) Simpul

async function startSimpul(fx: BenchFixture): Promise<Target> {
  const server = await startServer('simpul', 'simpul-server.ts', {
    NODE_ENV: 'production',
    DATABASE_URL: fx.databaseUrl,
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef-0123456789',
    DB_POOL_SIZE: String(POOL_SIZE),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    DATA_DIR: path.join(tmpdir(), 'simpul-bench-data'),
  });
  const url = `http://127.0.0.1:${server.port}/r/${fx.region.slug}/api/admin/opd`;
  const anonymous = await fetch(url);
  if (anonymous.status !== 401)
    throw new Error(`(a) without a session: expected 401, got ${anonymous.status}`);
  await anonymous.arrayBuffer();
  await verifyPage('(a)', url, { cookie: fx.cookie }, ['id', 'code', 'name', 'shortName', 'active']);
  return {
    label: '(a)',
    url,
    headers: { cookie: fx.cookie },
    child: server.child,
    name: `(a) Simpul GET /r/${fx.region.slug}/api/admin/opd`,
    note: 'session cookie + permission check + RLS-scoped read (role + region set in the same round trip) + JSON from the zod schema',
  };
}

// (b) bare Fastify + pg

async function startBaseline(fx: BenchFixture): Promise<Target> {
  const server = await startServer('baseline', 'baseline-server.ts', {
    DATABASE_URL: fx.databaseUrl,
    DB_POOL_SIZE: String(POOL_SIZE),
    BENCH_SQL: fx.plainSql,
    BENCH_REGION_ID: fx.region.id,
  });
  const url = `http://127.0.0.1:${server.port}/opd`;
  await verifyPage('(b)', url, {}, ['id', 'code', 'name', 'shortName', 'active']);
  return {
    label: '(b)',
    url,
    headers: {},
    child: server.child,
    name: '(b) Fastify + pg, same SELECT',
    note: 'no session, no RLS, no transaction; WHERE region_id = $1',
  };
}

// (c) pgbench

async function measurePgbench(fx: BenchFixture): Promise<Row> {
  const dir = mkdtempSync(path.join(tmpdir(), 'simpul-pgbench-'));
  try {
    const script = path.join(dir, 'opd.sql');
    writeFileSync(script, `${fx.plainSql.replace('$1', ':region_id')};\n`);
    const u = new URL(fx.databaseUrl);
    const base = [
      '-h',
      u.hostname,
      '-p',
      u.port || '5432',
      '-U',
      decodeURIComponent(u.username) || 'postgres',
      '-n',
      '-f',
      script,
      '-D',
      `region_id=${fx.region.id}`,
      '-c',
      String(CONNECTIONS),
      '-j',
      '2',
      '-M',
      'prepared',
    ];
    // Check the script returns the page before measuring.
    const n = await queryOne(fx.databaseUrl, `select count(*) from (${fx.plainSql}) page`, [fx.region.id]);
    if (Number(n) !== PAGE_ROWS) throw new Error(`(c) the SELECT returns ${n} rows, expected ${PAGE_ROWS}`);
    log(`(c) pgbench: ${WARMUP_S} s warm-up ...`);
    await run('pgbench', [...base, '-T', String(WARMUP_S), DB_NAME]);
    log(`(c) pgbench: measuring ${DURATION_S} s ...`);
    // Sampled while it runs: pgbench's own backends end before it returns.
    const db = new ProcCpu(['postgres']);
    db.start();
    const out = await run('pgbench', [
      ...base,
      '-T',
      String(DURATION_S),
      '-l',
      `--log-prefix=${path.join(dir, 'tx')}`,
      DB_NAME,
    ]);
    const dbTicks = db.stop();
    const tps = /^tps = ([\d.]+)/m.exec(out);
    const failed = /number of failed transactions: (\d+)/.exec(out);
    if (!tps) throw new Error(`(c) no "tps = " line in pgbench output:\n${out}`);
    if (failed && Number(failed[1]) > 0)
      throw new Error(`(c) pgbench reports ${failed[1]} failed transactions`);
    // Per-transaction log lines: client_id transaction_no latency_us script_no epoch_s epoch_us.
    const latencies: number[] = [];
    for (const f of readdirSync(dir).filter((f) => f.startsWith('tx.')))
      for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (line && Number.isFinite(us)) latencies.push(us / 1000);
      }
    latencies.sort((x, y) => x - y);
    const average = /^latency average = ([\d.]+) ms/m.exec(out)?.[1];
    return {
      name: '(c) pgbench, same SELECT',
      concurrency: CONNECTIONS,
      rps: Number(tps[1]),
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      cpuMs: null,
      dbCpuMs: dbTicks ? ((dbTicks.postgres ?? 0) * 10) / (Number(tps[1]) * DURATION_S) : null,
      note: `-c ${CONNECTIONS} -j 2 -T ${DURATION_S} -M prepared; latency average ${average ?? '?'} ms; TPS, one SELECT per transaction`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

async function verifyPage(label: string, url: string, headers: Record<string, string>, keys: string[]) {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`${label} ${url}: expected 200, got ${res.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as unknown;
  if (!Array.isArray(body) || body.length !== PAGE_ROWS)
    throw new Error(
      `${label} ${url}: expected ${PAGE_ROWS} rows, got ${Array.isArray(body) ? body.length : typeof body}`,
    );
  const first = body[0] as Record<string, unknown>;
  if (keys.some((k) => !(k in first)))
    throw new Error(`${label} ${url}: unexpected row ${JSON.stringify(first)}`);
  log(`${label} verified: 200, ${body.length} rows, ${text.length} bytes of JSON`);
}

async function measure(t: Target): Promise<Stretch> {
  const before = cpuTicks(t.child.pid);
  const db = new ProcCpu(['postgres']);
  db.start();
  const r = check(
    t.label,
    await autocannon({ url: t.url, headers: t.headers, connections: CONNECTIONS, duration: DURATION_S }),
  );
  const after = cpuTicks(t.child.pid);
  const dbTicks = db.stop();
  return {
    ok: r['2xx'],
    seconds: r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuTicks: before === null || after === null ? null : after - before,
    dbTicks: dbTicks ? (dbTicks.postgres ?? 0) : null,
  };
}

/** A run with errors or non-2xx answers measured something else: stop. */
function check(label: string, r: Result): Result {
  if (r.errors > 0 || r.timeouts > 0 || r.non2xx > 0)
    throw new Error(
      `${label}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx responses (${JSON.stringify(r.statusCodeStats)})`,
    );
  return r;
}

function report(rows: Row[], fx: BenchFixture, rounds: number[]) {
  const [a, b, c] = rows as [Row, Row, Row];
  const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
  const table = [
    ['name', 'concurrency', 'requests/s', 'p50', 'p99', 'server CPU/req', 'database CPU/req'],
    ...rows.map((r) => [
      r.name,
      String(r.concurrency),
      Math.round(r.rps).toLocaleString('en-US'),
      ms(r.p50),
      ms(r.p99),
      r.cpuMs === null ? '-' : ms(r.cpuMs),
      r.dbCpuMs === null ? '-' : ms(r.dbCpuMs),
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  log();
  log(line(table[0]!));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table.slice(1)) log(line(row));
  log();
  for (const r of rows) log(`${r.name.slice(0, 3)} ${r.note}`);
  log(
    `(a) is the authenticated, region-scoped endpoint (access core:staff.access): one page of exactly ${PAGE_ROWS} rows`,
  );
  log(`    out of ${fx.totalOpdRows} OPD rows in ${fx.regionCount} regions, found by row-level security`);
  log('    (chosen over /api/admin/users?limit=20, which runs two SELECTs: the users, then their roles).');
  log(`(b)/(c) SQL: ${fx.plainSql}`);
  log(
    'server CPU/req: user+system CPU of the server process per request (steadier than requests/s on a busy machine).',
  );
  const cores = cpus().length;
  if (loadBefore >= cores / 2)
    log(
      `Note: the machine was already busy before the run (load ${loadBefore.toFixed(1)} on ${cores} cores): absolute figures are low and noisy; compare the ratios.`,
    );
  log();
  const ratio = a.rps / b.rps;
  const pass = ratio >= TARGET;
  log(
    `a/b = ${(ratio * 100).toFixed(1)}%   target: (a) keeps >= ${TARGET * 100}% of (b)   ${pass ? 'PASS' : 'FAIL'}`,
  );
  log(
    `      rounds: ${rounds.map((x) => `${(x * 100).toFixed(1)}%`).join(', ')} (requests/s of (a) over (b) in each)`,
  );
  log(
    `b/c = ${((b.rps / c.rps) * 100).toFixed(1)}%   (how much of the database's own rate a bare HTTP route reaches; informational)`,
  );
  if (!pass)
    log(
      `Target missed by ${((TARGET - ratio) * 100).toFixed(1)} points. This is a benchmark, not a test: exit code 0.`,
    );
}

// ---------------------------------------------------------------------------------------------

function startServer(
  name: string,
  file: string,
  extraEnv: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, '--import', 'tsx', path.join(benchDir, file)], {
    cwd: repoDir,
    env: { ...env, ...extraEnv },
    // The IPC channel only tells the child when this process is gone (it then shuts down).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} server did not start within 60 s`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} server exited (${code ?? signal}) before listening`));
    });
  });
}

/** SIGTERM (the child closes its app and pool), SIGKILL after 10 s. */
async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

async function queryOne(url: string, text: string, values: unknown[] = []): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, unknown>>(text, values);
    return String(Object.values(rows[0] ?? {})[0]);
  } finally {
    await client.end();
  }
}

function packageVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(path.join(repoDir, 'node_modules', name, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

// Interrupted (Ctrl-C, `timeout`): take the servers down too.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    for (const child of children) child.kill('SIGTERM');
    process.stderr.write(`bench: ${signal}, stopped\n`);
    process.exit(1);
  });

// A hung child or database must not hang the run.
const watchdog = setTimeout(() => {
  process.stderr.write('bench: no result after 9 minutes, giving up\n');
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
}, 540_000);
watchdog.unref();

try {
  await main();
} catch (err) {
  process.stderr.write(`\nbench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  for (const child of [...children]) await stop(child);
}
