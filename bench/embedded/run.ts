/**
 * `npm run bench:embedded`: Simpul on its embedded database (PGlite) under 100 concurrent
 * connections, next to the same requests on PostgreSQL in the same run, and how long `npm start`
 * takes to be ready.
 *
 * Each database gets the server as `npm start` runs it (api/main.ts: migrate, demo region on the
 * first start, listen), in a child process: embedded with a fresh DATA_DIR under /tmp, PostgreSQL
 * with a fresh database `simpul_bench_embedded`. Figures:
 *   - start-up of `npm start` (web already built): the first start (migrations + demo seed) and a
 *     restart on the existing data, until the banner; baseline: a bare Fastify server started
 *     through `npx tsx`, same run;
 *   - a mix of the citizen home (GET /api/region as the demo citizen), a LAKSA report (POST
 *     /api/m/laksa/reports, a new Idempotency-Key each) and the staff inbox (GET
 *     /api/m/laksa/inbox?queue=all&limit=50 as the demo operator), p50 / p99 / max of each:
 *     (1) BENCH_RATE requests/s (default 60) arriving evenly over a pool of 100 keep-alive
 *     connections (node:http Agent), timed from the moment each is due, so queueing counts: a
 *     steady load, the targets' case; (2) 100 connections flat out (autocannon): throughput, and
 *     whether any request starves; closed-loop latency there is only 100 / throughput;
 *   - intake alone, 100 connections flat out: reports per minute ("up to N reports/minute").
 * Targets (embedded): p99 ≤ 150 ms for each kind, max ≤ 1 s (no request starved). Any error or
 * non-2xx answer exits 1; a missed target still exits 0.
 * Deviations, as in the other benches: RATE_LIMIT_PER_MINUTE raised (one load generator, one IP);
 * the demo region's LAKSA reportsPerHour raised (one demo citizen files every report).
 * Env: BENCH_ADMIN_URL, BENCH_CONNECTIONS (100), BENCH_DURATION (15 s per figure), BENCH_WARMUP (3 s).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Options, type Result } from 'autocannon';
import { DEMO_PASSWORD } from '../../api/core/demo/seed';
import {
  int,
  log,
  ms,
  percentile,
  printTable,
  repoDir,
  runBench,
  stop,
  track,
  withClient,
  withDatabase,
} from '../laksa/util';

const env = process.env;
const ADMIN_URL = env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_DB = 'simpul_bench_embedded';
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 100);
const DURATION_S = Number(env.BENCH_DURATION ?? 15);
const WARMUP_S = Number(env.BENCH_WARMUP ?? 3);
const RATE = Number(env.BENCH_RATE ?? 60);
const TARGET_P99 = 150;
const TARGET_MAX = 1000;

type Kind = 'home' | 'report' | 'inbox';
const KINDS: Kind[] = ['home', 'report', 'inbox'];
type Stats = { n: number; p50: number; p99: number; max: number };
type Run = {
  startFirst: number;
  startAgain: number;
  /** At RATE requests/s over CONNECTIONS connections. */
  mix: Record<Kind, Stats>;
  /** CONNECTIONS connections flat out. */
  saturated: Record<Kind, Stats>;
  saturatedRate: number;
  perMinute: number;
};

/** `npm start` itself (web check, tsx, api/main.ts); resolves with its address once the banner is out. */
function startSimpul(
  extra: Record<string, string>,
): Promise<{ child: ChildProcess; base: string; seconds: number }> {
  return startUntil(['npm', 'start'], extra, /Simpul berjalan di (\S+)/);
}

function startUntil([cmd, ...args]: string[], extra: Record<string, string>, ready: RegExp) {
  const started = performance.now();
  const child = spawn(cmd!, args, {
    cwd: repoDir,
    detached: true, // its own process group: npm, sh and node stop together
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000000', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child, { group: true });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[server] ${d}`));
  return new Promise<{ child: ChildProcess; base: string; seconds: number }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start within 180 s`)), 180_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          base: m[1]!.replace('localhost', '127.0.0.1'),
          seconds: (performance.now() - started) / 1000,
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited (${code}) before it was ready:\n${out}`));
    });
  });
}

type Session = { cookie: string; csrf: string };

async function signIn(base: string, identifier: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { csrfToken?: string };
  if (res.status !== 200 || !body.csrfToken) throw new Error(`sign-in of ${identifier}: ${res.status}`);
  const cookie = (res.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: body.csrfToken };
}

async function api(base: string, s: Session, method: string, url: string, body?: unknown) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text || 'null');
}

/** The requests of one server: sessions of the demo citizen and operator, a category. */
async function prepare(base: string) {
  const admin = await signIn(base, 'admin@tangerangkota.demo.simpul.id');
  await api(base, admin, 'PUT', '/api/admin/modules/laksa', {
    enabled: true,
    settings: { reportsPerHour: 100_000 },
  });
  const citizen = await signIn(base, '081234567890');
  const operator = await signIn(base, 'operator@tangerangkota.demo.simpul.id');
  const categories = (await api(base, citizen, 'GET', '/api/m/laksa/categories')) as { id: string }[];
  let n = 0;
  const runId = Date.now().toString(36);
  const request = (kind: Kind): Req => {
    if (kind === 'home') return { method: 'GET', path: '/api/region', headers: { cookie: citizen.cookie } };
    if (kind === 'inbox')
      return {
        method: 'GET',
        path: '/api/m/laksa/inbox?queue=all&limit=50',
        headers: { cookie: operator.cookie },
      };
    n++;
    return {
      method: 'POST',
      path: '/api/m/laksa/reports',
      headers: {
        cookie: citizen.cookie,
        'x-csrf-token': citizen.csrf,
        'content-type': 'application/json',
        'idempotency-key': `embedded-${runId}-${n}`,
      },
      body: JSON.stringify({
        type: 'pengaduan',
        categoryId: categories[n % categories.length]!.id,
        description: `Lampu PJU mati di Jl. Merdeka nomor ${n}, jalan gelap dan rawan.`,
        lat: -6.1835 + (n % 50) / 10_000,
        lng: 106.6565 + (n % 37) / 10_000,
      }),
    };
  };
  // Each kind answers before anything is measured.
  for (const kind of KINDS) {
    const r = request(kind);
    const res = await fetch(`${base}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`${kind}: ${res.status}`);
  }
  return request;
}

type Req = { method: string; path: string; headers: Record<string, string>; body?: string };

/** autocannon at CONNECTIONS connections, each request timed here by kind (one in flight per connection). */
async function load(base: string, pick: () => Kind, request: (k: Kind) => Req, seconds: number) {
  const byKind = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  type Ctx = { kind?: Kind; sent?: number };
  const opts = {
    url: base,
    connections: CONNECTIONS,
    timeout: 30,
    requests: [
      {
        setupRequest: (req: Req, ctx: Ctx) => {
          ctx.kind = pick();
          ctx.sent = performance.now();
          return { ...req, ...request(ctx.kind) };
        },
        onResponse: (status: number, _b: string, ctx: Ctx) => {
          if (status < 300 && ctx.kind && ctx.sent !== undefined)
            byKind.get(ctx.kind)!.push(performance.now() - ctx.sent);
        },
      },
    ],
  };
  const check = (r: Result) => {
    if (r.errors || r.timeouts || r.non2xx)
      throw new Error(
        `${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodeStats)})`,
      );
    return r;
  };
  check(await autocannon({ ...opts, duration: WARMUP_S } as unknown as Options));
  for (const list of byKind.values()) list.length = 0;
  const result = check(await autocannon({ ...opts, duration: seconds } as unknown as Options));
  const stats = Object.fromEntries(
    KINDS.map((k) => {
      const sorted = byKind.get(k)!.sort((a, b) => a - b);
      return [
        k,
        {
          n: sorted.length,
          p50: percentile(sorted, 0.5),
          p99: percentile(sorted, 0.99),
          max: sorted.at(-1) ?? Number.NaN,
        },
      ];
    }),
  ) as Record<Kind, Stats>;
  return { stats, rate: result['2xx'] / result.duration };
}

/**
 * RATE requests/s, due at even intervals, over a pool of CONNECTIONS keep-alive connections; each
 * timed from when it was due until its answer has been read.
 */
async function steady(base: string, pick: () => Kind, request: (k: Kind) => Req, seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const byKind = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  const send = (kind: Kind, due: number) =>
    new Promise<void>((resolve, reject) => {
      const r = request(kind);
      const req = http.request(`${base}${r.path}`, { method: r.method, headers: r.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 300) return reject(new Error(`${kind}: ${res.statusCode}`));
          byKind.get(kind)!.push(performance.now() - due);
          resolve();
        });
      });
      req.on('error', reject);
      req.end(r.body);
    });
  const run = async (duration: number) => {
    const start = performance.now();
    const pending: Promise<void>[] = [];
    for (let n = 0; n < Math.round(duration * RATE); n++) {
      const due = start + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(send(pick(), due));
    }
    await Promise.all(pending);
  };
  await run(WARMUP_S);
  for (const list of byKind.values()) list.length = 0;
  await run(seconds);
  agent.destroy();
  return Object.fromEntries(
    KINDS.map((k) => {
      const sorted = byKind.get(k)!.sort((a, b) => a - b);
      return [
        k,
        {
          n: sorted.length,
          p50: percentile(sorted, 0.5),
          p99: percentile(sorted, 0.99),
          max: sorted.at(-1) ?? Number.NaN,
        },
      ];
    }),
  ) as Record<Kind, Stats>;
}

async function measure(label: string, extra: Record<string, string>): Promise<Run> {
  log(`${label}: first start (migrations + demo region) ...`);
  const first = await startSimpul(extra);
  await stop(first.child);
  log(`${label}: ready in ${first.seconds.toFixed(2)} s; restarting on the same data ...`);
  const again = await startSimpul(extra);
  log(`${label}: ready in ${again.seconds.toFixed(2)} s`);
  try {
    const request = await prepare(again.base);
    let i = 0;
    const next = () => KINDS[i++ % KINDS.length]!;
    log(`${label}: the mix at ${RATE} requests/s over ${CONNECTIONS} connections ...`);
    const mix = await steady(again.base, next, request, DURATION_S);
    log(`${label}: the mix with ${CONNECTIONS} connections flat out ...`);
    const saturated = await load(again.base, next, request, DURATION_S);
    log(`${label}: intake alone, ${CONNECTIONS} connections flat out ...`);
    const intake = await load(again.base, () => 'report', request, DURATION_S);
    return {
      startFirst: first.seconds,
      startAgain: again.seconds,
      mix,
      saturated: saturated.stats,
      saturatedRate: saturated.rate,
      perMinute: intake.rate * 60,
    };
  } finally {
    await stop(again.child);
  }
}

/** Baseline of start-up: a bare Fastify server started the same way (node + tsx). */
async function bareStart() {
  const s = await startUntil(['npx', 'tsx', 'bench/embedded/bare-server.ts'], {}, /listening (\S+)/);
  await stop(s.child);
  return s.seconds;
}

async function main() {
  const cpu = cpus();
  log('Simpul embedded-database benchmark (one run: PGlite and PostgreSQL)');
  log(
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim()}), Node ${process.version}; load before the run ${loadavg()[0]!.toFixed(1)}`,
  );
  const dataDir = mkdtempSync(path.join(tmpdir(), 'simpul-embedded-'));
  const pgUrl = withDatabase(ADMIN_URL, PG_DB);
  try {
    const bare = await bareStart();
    const embedded = await measure('Embedded (PGlite)', { DATA_DIR: dataDir });
    await withClient(ADMIN_URL, async (c) => {
      await c.query(`drop database if exists ${PG_DB} with (force)`);
      await c.query(`create database ${PG_DB}`);
    });
    const postgres = await measure('PostgreSQL', {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'simpul-embedded-pg-')),
      DATABASE_URL: pgUrl,
    });
    report(embedded, postgres, bare);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(e: Run, p: Run, bare: number) {
  const names: Record<Kind, string> = {
    home: 'citizen home  GET /api/region',
    report: 'LAKSA report  POST /api/m/laksa/reports',
    inbox: 'staff inbox   GET /api/m/laksa/inbox',
  };
  const cell = (s: Stats) => `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)}`;
  log();
  printTable([
    [
      `${RATE} req/s over ${CONNECTIONS} connections`,
      'embedded p50 / p99 / max',
      'PostgreSQL p50 / p99 / max',
      'requests (emb.)',
    ],
    ...KINDS.map((k) => [names[k], cell(e.mix[k]), cell(p.mix[k]), int(e.mix[k].n)]),
    [`${CONNECTIONS} connections flat out`, '', '', ''],
    ...KINDS.map((k) => [`  ${names[k]}`, cell(e.saturated[k]), cell(p.saturated[k]), int(e.saturated[k].n)]),
    ['  all kinds, requests/s', int(e.saturatedRate), int(p.saturatedRate), ''],
    ['intake alone, reports/minute', int(e.perMinute), int(p.perMinute), ''],
    ['npm start, first (migrate + demo)', `${e.startFirst.toFixed(2)} s`, `${p.startFirst.toFixed(2)} s`, ''],
    ['npm start, existing data', `${e.startAgain.toFixed(2)} s`, `${p.startAgain.toFixed(2)} s`, ''],
    ['baseline: bare Fastify via npx tsx', `${bare.toFixed(2)} s`, '', ''],
  ]);
  log();
  const worstP99 = Math.max(...KINDS.map((k) => e.mix[k].p99));
  const worstMax = Math.max(...KINDS.map((k) => e.mix[k].max));
  const satMax = Math.max(...KINDS.map((k) => e.saturated[k].max));
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  log(
    `embedded worst p99 at ${RATE} req/s = ${ms(worstP99)}   target <= ${TARGET_P99} ms   ${verdict(worstP99 <= TARGET_P99)}`,
  );
  log(
    `embedded max at ${RATE} req/s       = ${ms(worstMax)}   target <= ${TARGET_MAX} ms  ${verdict(worstMax <= TARGET_MAX)}`,
  );
  log(
    `embedded max, flat out            = ${ms(satMax)}   (informational: ${CONNECTIONS} connections queue behind one database)`,
  );
  log(
    `npm start on existing data (embedded) = ${e.startAgain.toFixed(2)} s   target <= 3 s   ${verdict(e.startAgain <= 3)}`,
  );
}

await runBench(main);
