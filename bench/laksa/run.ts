/**
 * `npm run bench:laksa`: LAKSA on PostgreSQL with 1,000,000 reports across 20 regions, one run:
 *   - report intake: POST /api/m/laksa/reports through the HTTP API (citizens of the 20 regions,
 *     a fresh Idempotency-Key per request) next to the same intake transaction run directly on the
 *     database by pgbench (statements recorded from the app's own code, see record.ts), in
 *     alternating rounds so both see the same machine;
 *   - the staff inbox list (GET /inbox?queue=all&limit=50) and its full-text search (&q=…), p50/p99.
 * Targets (issue 19): intake ≥ 60% of the direct-database figure; inbox p99 ≤ 50 ms and search p99 ≤ 50 ms at 8
 * concurrent clients, over all terms and for the worst single term (common, rare, absent, multi-word,
 * ticket: data.ts). The server is bench/simpul-server.ts (the app as api/main.ts builds it) in a
 * child process; autocannon runs here. Exits 0 whether or not the targets are met; 1 on errors or
 * any non-2xx answer. Flags: --fresh (rebuild the database), --explain (EXPLAIN ANALYZE plans of
 * the inbox and search queries as the app role; their timings are also printed when a read
 * target is missed), --reads (the inbox and search only, no intake rounds), --intake (the intake
 * rounds only, no inbox or search).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Options, type Result } from 'autocannon';
import { loadConfig } from '../../api/config';
import { prng, SEARCH_TERMS, type SearchKind, type SearchTerm, termIn } from './data';
import {
  BENCH_REPORTS_PER_HOUR,
  type FixtureRegion,
  fixtureTarget,
  holdEscalation,
  type LaksaFixture,
  prepareLaksaFixture,
  tidyBetweenSlices,
} from './fixture';
import { runPgbench, verifyScripts, writeScripts } from './pgbench';
import { type Recording, recordApp, reportBody } from './record';
import {
  cpuTicks,
  int,
  laksaBenchDir,
  log,
  ms,
  ProcCpu,
  packageVersion,
  percentile,
  printTable,
  run,
  runBench,
  startServer,
  stop,
  withClient,
} from './util';

const env = process.env;
const flags = new Set(process.argv.slice(2));
for (const f of flags)
  if (!['--fresh', '--explain', '--reads', '--intake'].includes(f))
    throw new Error(`unknown flag ${f} (known: --fresh, --explain, --reads, --intake)`);
/** Only the inbox and search figures (no intake rounds): a search change measured by turns in a minute. */
const READS_ONLY = flags.has('--reads');
/** Only the intake rounds: an intake change measured by turns, or profiled, without the reads. */
const INTAKE_ONLY = flags.has('--intake');
if (READS_ONLY && INTAKE_ONLY) throw new Error('--reads and --intake exclude each other');
const { adminUrl: ADMIN_URL, dbName: DB_NAME, reports: REPORTS } = fixtureTarget;
const INTAKE_CLIENTS = Number(env.BENCH_INTAKE_CONNECTIONS ?? 10);
const READ_CLIENTS = Number(env.BENCH_READ_CONNECTIONS ?? 8);
/** Measured seconds per figure; intake's are split over the rounds. */
const DURATION_S = Number(env.BENCH_DURATION ?? 20);
/**
 * The search phase runs at least 40 s: each of the 37 terms then gets some 500 requests, so its
 * own p99 is its 5th-slowest. From the 200 of a 20-s phase, a term's p99 is its 2nd-slowest, and
 * the worst of 37 such figures is whichever term one pause of the machine happened to hit.
 */
const SEARCH_DURATION_S = Number(env.BENCH_SEARCH_DURATION ?? Math.max(DURATION_S, 40));
const WARMUP_S = Number(env.BENCH_WARMUP ?? 3);
const ROUNDS = Math.max(1, Number(env.BENCH_ROUNDS ?? 2));
const PAGE = 50;
const TARGET_INTAKE = 0.6;
const TARGET_INBOX_P99 = 50;
const TARGET_SEARCH_P99 = 50;
/** Simpul's own default pool size (DB_POOL_SIZE). */
const POOL_SIZE = loadConfig({}).dbPoolSize;
/** Full-text searches at once in the server (SEARCH_CONCURRENCY, passed on to it; the app's default). */
const SEARCH_SLOTS = Number(env.SEARCH_CONCURRENCY ?? loadConfig({}).searchSlots.concurrency);
/** Extra node flags for the server child, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
const SERVER_NODE_ARGS = (env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const RUN_ID = Date.now().toString(36);
const loadBefore = loadavg()[0]!;

/** One measured stretch: operations, seconds, latencies (ms) and CPU time (ms) by whom. */
type Slice = {
  count: number;
  seconds: number;
  latencies: number[];
  serverMs: number | null;
  dbMs: number | null;
  clientMs: number | null;
};

type Figure = {
  name: string;
  concurrency: number;
  unit: 'req/s' | 'TPS';
  rate: number;
  p50: number;
  p99: number;
  /** CPU per operation (ms): server process, all PostgreSQL processes, load generator. */
  serverCpu: number | null;
  dbCpu: number | null;
  clientCpu: number | null;
  note: string;
  /** Search only: latencies (ms) per term and region-free label (`kind: q`). */
  byTerm?: Map<string, number[]>;
};

async function main() {
  const cpu = cpus();
  const pgVersion = await withClient(
    ADMIN_URL,
    async (c) => (await c.query('show server_version')).rows[0]!.server_version as string,
  );
  log('Simpul LAKSA benchmark (one run, PostgreSQL)');
  log(
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, PostgreSQL ${pgVersion}, ${(await run('pgbench', ['--version'])).trim()}, autocannon ${packageVersion('autocannon')}`,
  );
  log(`Machine load before the run (1-min load average): ${loadBefore.toFixed(1)} on ${cpu.length} cores`);
  log(
    `Load: intake ${INTAKE_CLIENTS} connections (HTTP) / ${INTAKE_CLIENTS} pgbench clients in ${ROUNDS} alternating rounds; inbox and search ${READ_CLIENTS} connections; ${WARMUP_S} s warm-up + ${DURATION_S} s measured per figure (search ${SEARCH_DURATION_S} s); DB pool ${POOL_SIZE}, search slots ${SEARCH_SLOTS}`,
  );
  log();
  log(`Preparing database ${DB_NAME} (${REPORTS.toLocaleString('en-US')} reports) ...`);
  const fx = await prepareLaksaFixture({
    adminUrl: ADMIN_URL,
    dbName: DB_NAME,
    reports: REPORTS,
    fresh: flags.has('--fresh'),
    log,
  });
  const sizes = fx.regions.map((r) => r.reports);
  log(
    `  ${fx.regions.length} regions, ${int(fx.reports)} reports (${int(Math.min(...sizes))} to ${int(Math.max(...sizes))} per region), citizen + operator session per region; reportsPerHour raised to ${int(BENCH_REPORTS_PER_HOUR)}`,
  );

  log('Recording the intake transaction and the route from the app ...');
  const recording = await recordApp(fx, RUN_ID);
  const scriptDir = mkdtempSync(path.join(tmpdir(), 'simpul-laksa-pgbench-'));
  try {
    const scripts = writeScripts(scriptDir, recording.samples);
    await verifyScripts(fx.databaseUrl, scripts, fx.regions);
    log(
      `  intake transaction: ${intakeTrips(recording).statements} statements + COMMIT; POST /reports through the app: ${recording.route.trips} round trips in ${recording.route.transactions} transaction(s)`,
    );
    log(`  pgbench scripts verified (one report + step + event per region): ${scriptDir}`);

    await holdEscalation(fx.databaseUrl);
    let server: Awaited<ReturnType<typeof startSimpul>> | null = await startSimpul(fx);
    let reads: [Figure, Figure] | null = null;
    const http: Slice[] = [];
    const direct: Slice[] = [];
    try {
      await verifyReads(server.base, fx.regions, fx.databaseUrl);
      await verifyIntake(server.base, fx.regions[0]!);
      if (!INTAKE_ONLY)
        reads = [
          await measureReads('inbox', server.base, fx, server.child),
          await measureReads('search', server.base, fx, server.child),
        ];
      const sliceS = DURATION_S / ROUNDS;
      for (let round = 1; round <= (READS_ONLY ? 0 : ROUNDS); round++) {
        server ??= await startSimpul(fx);
        const label = ROUNDS > 1 ? ` (round ${round} of ${ROUNDS})` : '';
        http.push(await intakeSlice(`Intake over HTTP${label}`, server.base, fx, server.child, sliceS));
        // The server LISTENs for events: it must not handle pgbench's, so it stops meanwhile.
        await stop(server.child);
        server = null;
        await tidyBetweenSlices(fx.databaseUrl, 'http');
        direct.push(
          await pgbenchSlice(`Intake on the database, pgbench${label}`, fx, scripts, scriptDir, sliceS),
        );
        await tidyBetweenSlices(fx.databaseUrl, 'pgbench');
        log(
          `  round ${round}: HTTP ${int(rate(http.at(-1)!))} req/s, pgbench ${int(rate(direct.at(-1)!))} TPS`,
        );
      }
    } finally {
      if (server) await stop(server.child);
    }
    const intake: [Figure, Figure] | null = READS_ONLY
      ? null
      : [
          figure(http, {
            name: 'Intake (a) POST /api/m/laksa/reports',
            concurrency: INTAKE_CLIENTS,
            unit: 'req/s',
            note: 'citizens of the 20 regions in turn, a new Idempotency-Key each; all 201 Created',
          }),
          figure(direct, {
            name: 'Intake (b) pgbench, same transaction',
            concurrency: INTAKE_CLIENTS,
            unit: 'TPS',
            note: `-M prepared -c ${INTAKE_CLIENTS} -j 2, one script per region (recorded from fileReport)`,
          }),
        ];
    const readsMissed =
      reads !== null && (reads[0].p99 > TARGET_INBOX_P99 || reads[1].p99 > TARGET_SEARCH_P99);
    if (readsMissed || flags.has('--explain')) await explain(fx, recording, flags.has('--explain'));
    report(intake, reads, fx, recording);
  } finally {
    await recording.close();
    rmSync(scriptDir, { recursive: true, force: true });
  }
}

/** The intake transaction's statements (BEGIN and the scope count as two) and round trips, COMMIT included. */
function intakeTrips(recording: Recording) {
  const calls = recording.samples[0]!.calls;
  const statements = calls.length + 1; // the opening call is BEGIN and the scope
  return { statements, app: calls.filter((c) => !c.withNext).length + 1, pgbench: statements + 1 };
}

function startSimpul(fx: LaksaFixture) {
  return startServer(
    'simpul',
    path.join(laksaBenchDir, '..', 'simpul-server.ts'),
    {
      NODE_ENV: 'production',
      DATABASE_URL: fx.databaseUrl,
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef-0123456789',
      DB_POOL_SIZE: String(POOL_SIZE),
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000000',
      DATA_DIR: path.join(tmpdir(), 'simpul-bench-laksa-data'),
    },
    SERVER_NODE_ARGS,
  ).then((s) => ({ ...s, base: `http://127.0.0.1:${s.port}` }));
}

const rate = (s: Slice) => s.count / s.seconds;

function figure(
  slices: Slice[],
  f: Pick<Figure, 'name' | 'concurrency' | 'unit' | 'note' | 'byTerm'>,
): Figure {
  const count = slices.reduce((n, s) => n + s.count, 0);
  const seconds = slices.reduce((n, s) => n + s.seconds, 0);
  const latencies = slices.flatMap((s) => s.latencies).sort((x, y) => x - y);
  const per = (k: 'serverMs' | 'dbMs' | 'clientMs') =>
    slices.some((s) => s[k] === null) ? null : slices.reduce((n, s) => n + s[k]!, 0) / count;
  return {
    ...f,
    rate: count / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    serverCpu: per('serverMs'),
    dbCpu: per('dbMs'),
    clientCpu: per('clientMs'),
  };
}

// ---------------------------------------------------------------------------------------------
// Checks before measuring

async function getJson(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`GET ${url}: expected 200, got ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { items: { ticket: string }[]; nextCursor: string | null };
}

const inboxPath = (r: FixtureRegion, q?: string) =>
  `/r/${r.slug}/api/m/laksa/inbox?queue=all&limit=${PAGE}${q ? `&q=${encodeURIComponent(q)}` : ''}`;

async function verifyReads(base: string, regions: FixtureRegion[], databaseUrl: string) {
  const anonymous = await fetch(`${base}${inboxPath(regions[0]!)}`);
  await anonymous.arrayBuffer();
  if (anonymous.status !== 401)
    throw new Error(`inbox without a session: expected 401, got ${anonymous.status}`);
  let hits = 0;
  const empty: string[] = [];
  const foundByKind = new Map<SearchKind, number>();
  for (const r of regions) {
    const page = await getJson(`${base}${inboxPath(r)}`, r.operator.headers);
    if (page.items.length !== PAGE || !page.nextCursor)
      throw new Error(
        `inbox of ${r.code}: expected ${PAGE} items and a next cursor, got ${page.items.length}`,
      );
    for (const term of SEARCH_TERMS) {
      const q = termIn(term, r.code);
      const found = await getJson(`${base}${inboxPath(r, q)}`, r.operator.headers);
      if (term.kind === 'absent' && found.items.length > 0)
        throw new Error(`"${q}" should be found nowhere, found ${found.items.length} in ${r.code}`);
      if (term.kind === 'ticket' && (found.items.length !== 1 || found.items[0]!.ticket !== q.toUpperCase()))
        throw new Error(`ticket "${q}" in ${r.code}: expected that one report, got ${found.items.length}`);
      // Common words and tickets must find reports everywhere; rare and long ones may not.
      if (term.kind === 'common' && found.items.length === 0) empty.push(`"${q}" in ${r.code}`);
      foundByKind.set(term.kind, (foundByKind.get(term.kind) ?? 0) + found.items.length);
      // In the largest region, the page must be exactly the owner's plain `@@` query (no RLS, no door).
      if (r === regions[0] && term.kind !== 'ticket') {
        const expected = await withClient(databaseUrl, async (c) =>
          (
            await c.query<{ ticket: string }>(
              `select ticket from laksa_report where region_id = $1 and search @@ websearch_to_tsquery('simple', $2)
               order by created_at desc nulls last, id desc limit ${PAGE}`,
              [r.id, q],
            )
          ).rows.map((x) => x.ticket),
        );
        const got = found.items.map((i) => i.ticket);
        if (got.join() !== expected.join())
          throw new Error(`search "${q}" in ${r.code}: the page differs from the plain query's`);
      }
      hits += found.items.length;
    }
  }
  const commons = SEARCH_TERMS.filter((t) => t.kind === 'common').length;
  // At full size every common term finds reports in every region; a scaled-down set may miss some.
  if (empty.length > 0 && (REPORTS >= 1_000_000 || empty.length > (regions.length * commons) / 10))
    throw new Error(
      `search found nothing for ${empty.slice(0, 10).join(', ')}${empty.length > 10 ? ', …' : ''}`,
    );
  log(
    `Verified: inbox 200 with ${PAGE} items + cursor in all ${regions.length} regions; ${SEARCH_TERMS.length} search terms × ${regions.length} regions all 200, common terms ${empty.length ? `${empty.length} empty (scaled-down data)` : 'none empty'}, absent ones all empty, each ticket exactly its report, every page in ${regions[0]!.code} equal to the owner's plain query (${int(hits)} items on first pages: ${[...foundByKind].map(([k, n]) => `${k} ${int(n)}`).join(', ')})`,
  );
}

async function verifyIntake(base: string, region: FixtureRegion) {
  const body = JSON.stringify(reportBody(prng(3), region));
  const headers = {
    ...region.citizen.headers,
    'content-type': 'application/json',
    'idempotency-key': `bench-verify-${RUN_ID}`,
  };
  const url = `${base}/r/${region.slug}/api/m/laksa/reports`;
  const first = await fetch(url, { method: 'POST', headers, body });
  const created = (await first.json()) as { ticket?: string };
  if (first.status !== 201 || !created.ticket)
    throw new Error(`POST /reports: expected 201, got ${first.status}: ${JSON.stringify(created)}`);
  const again = await fetch(url, { method: 'POST', headers, body });
  const replay = (await again.json()) as { ticket?: string };
  if (again.status !== 200 || replay.ticket !== created.ticket)
    throw new Error(
      `POST /reports replay: expected 200 and ${created.ticket}, got ${again.status} ${replay.ticket}`,
    );
  log(`Verified: POST /reports 201 (${created.ticket}), same Idempotency-Key again 200 with the same ticket`);
}

// ---------------------------------------------------------------------------------------------
// Load

type Req = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type LoadOptions = Options & {
  requests: {
    method?: string;
    // biome-ignore lint/suspicious/noExplicitAny: autocannon's per-connection context
    setupRequest: (req: Req, context: any) => Req;
    // biome-ignore lint/suspicious/noExplicitAny: autocannon's per-connection context
    onResponse?: (status: number, body: string, context: any) => void;
  }[];
};
type Tracker = Promise<Result> & {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};

/** autocannon with a request built per call; latencies kept exactly (ms, float) from its events. */
async function load(
  label: string,
  opts: LoadOptions,
  server: ChildProcess,
  seconds: number,
): Promise<Slice & { result: Result }> {
  log(`${label}: ${WARMUP_S} s warm-up ...`);
  check(label, await (autocannon({ ...opts, duration: WARMUP_S } as Options) as Tracker));
  log(`${label}: measuring ${seconds} s ...`);
  const latencies: number[] = [];
  const procs = new ProcCpu(['postgres']);
  const before = cpuTicks(server.pid);
  const self = process.cpuUsage();
  procs.start();
  const tracker = autocannon({ ...opts, duration: seconds } as Options) as Tracker;
  tracker.on('response', (_c, status, _b, t) => {
    if (status < 300) latencies.push(t);
  });
  const result = check(label, await tracker);
  const ticks = procs.stop();
  const used = process.cpuUsage(self);
  const after = cpuTicks(server.pid);
  return {
    result,
    count: result['2xx'],
    seconds: result.duration,
    latencies,
    serverMs: before === null || after === null ? null : (after - before) * 10,
    dbMs: ticks ? (ticks.postgres ?? 0) * 10 : null,
    clientMs: (used.user + used.system) / 1000,
  };
}

function check(label: string, r: Result): Result {
  if (r.errors > 0 || r.timeouts > 0 || r.non2xx > 0)
    throw new Error(
      `${label}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx responses (${JSON.stringify(r.statusCodeStats)})`,
    );
  return r;
}

async function measureReads(
  kind: 'inbox' | 'search',
  base: string,
  fx: LaksaFixture,
  server: ChildProcess,
): Promise<Figure> {
  const rng = prng(kind === 'inbox' ? 11 : 13);
  // Per-term latencies, timed here: each connection has one request in flight (its context).
  const byTerm = new Map<string, number[]>();
  type Ctx = { term?: string; sent?: number };
  const slice = await load(
    kind === 'inbox' ? 'Inbox list' : 'Search',
    {
      url: base,
      connections: READ_CLIENTS,
      requests: [
        {
          setupRequest: (req: Req, context: Ctx) => {
            const r = rng.pick(fx.regions);
            const term = kind === 'search' ? rng.pick(SEARCH_TERMS) : undefined;
            context.term = term ? termLabel(term) : undefined;
            context.sent = performance.now();
            return {
              ...req,
              method: 'GET',
              path: inboxPath(r, term ? termIn(term, r.code) : undefined),
              headers: r.operator.headers,
            };
          },
          onResponse: (status: number, _body: string, context: Ctx) => {
            if (!context.term || context.sent === undefined || status >= 300) return;
            const list = byTerm.get(context.term) ?? [];
            list.push(performance.now() - context.sent);
            byTerm.set(context.term, list);
          },
        },
      ],
    },
    server,
    kind === 'search' ? SEARCH_DURATION_S : DURATION_S,
  );
  return figure([slice], {
    name:
      kind === 'inbox'
        ? `Inbox list  GET /inbox?queue=all&limit=${PAGE}`
        : `Search      GET /inbox?queue=all&limit=${PAGE}&q=…`,
    concurrency: READ_CLIENTS,
    unit: 'req/s',
    note:
      kind === 'inbox'
        ? 'operator of a random region; first page, newest first (keyset), RLS-scoped'
        : `operator of a random region; one of ${SEARCH_TERMS.length} terms (${kindsOf()})`,
    byTerm: kind === 'search' ? byTerm : undefined,
  });
}

const termLabel = (t: SearchTerm) => `${t.kind}: ${t.q}`;
const kindsOf = () =>
  [...new Set(SEARCH_TERMS.map((t) => t.kind))]
    .map((k) => `${SEARCH_TERMS.filter((t) => t.kind === k).length} ${k}`)
    .join(', ');

let intakeCounter = 0;
const intakeRng = prng(17);

async function intakeSlice(
  label: string,
  base: string,
  fx: LaksaFixture,
  server: ChildProcess,
  seconds: number,
) {
  const slice = await load(
    label,
    {
      url: base,
      connections: INTAKE_CLIENTS,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const i = intakeCounter++;
            const r = fx.regions[i % fx.regions.length]!;
            return {
              ...req,
              method: 'POST',
              path: `/r/${r.slug}/api/m/laksa/reports`,
              headers: {
                ...r.citizen.headers,
                'content-type': 'application/json',
                'idempotency-key': `bench-${RUN_ID}-${i}`,
              },
              body: JSON.stringify(reportBody(intakeRng, r)),
            };
          },
        },
      ],
    },
    server,
    seconds,
  );
  const created = slice.result.statusCodeStats['201']?.count ?? 0;
  if (created !== slice.result['2xx'])
    throw new Error(`intake: ${slice.result['2xx']} 2xx answers but ${created} were 201 Created`);
  return slice;
}

async function pgbenchSlice(
  label: string,
  fx: LaksaFixture,
  scripts: string[],
  dir: string,
  seconds: number,
) {
  log(`${label}: ${WARMUP_S} s warm-up ...`);
  const base = { databaseUrl: fx.databaseUrl, scripts, clients: INTAKE_CLIENTS };
  await runPgbench({ ...base, seconds: WARMUP_S, runId: `${RUN_ID}w${intakeCounter}` });
  log(`${label}: measuring ${seconds} s ...`);
  const logDir = path.join(dir, `log-${intakeCounter++}`);
  mkdirSync(logDir, { recursive: true });
  const procs = new ProcCpu(['postgres', 'pgbench']);
  procs.start();
  const r = await runPgbench({ ...base, seconds, runId: `${RUN_ID}-${intakeCounter}`, logDir });
  const ticks = procs.stop();
  return {
    count: r.transactions,
    seconds,
    latencies: r.latencies,
    serverMs: null,
    dbMs: ticks ? (ticks.postgres ?? 0) * 10 : null,
    clientMs: ticks ? (ticks.pgbench ?? 0) * 10 : null,
  } satisfies Slice;
}

// ---------------------------------------------------------------------------------------------
// EXPLAIN ANALYZE as the app role (the largest region)

async function explain(fx: LaksaFixture, recording: Recording, plans: boolean) {
  const region = fx.regions[0]!;
  log();
  log(
    `EXPLAIN ANALYZE as simpul_app in ${region.name} (${int(region.reports)} reports), planning + execution:`,
  );
  await withClient(fx.databaseUrl, async (c) => {
    // Every SELECT the app sends for this page (a search: the index door, then the page).
    const plan = async (q?: string) => {
      const statements = await recording.inboxSql(q);
      await c.query('begin');
      try {
        await c.query(
          `select set_config('role', 'simpul_app', true), set_config('app.region_id', $1, true), set_config('app.user_id', $2, true)`,
          [region.id, region.operator.id],
        );
        const lines: string[] = [];
        for (const { text, values } of statements) {
          const { rows } = await c.query<{ 'QUERY PLAN': string }>(
            `explain (analyze, buffers) ${text}`,
            values,
          );
          lines.push(...rows.map((r) => r['QUERY PLAN']));
        }
        return lines;
      } finally {
        await c.query('rollback');
      }
    };
    const time = (lines: string[], what: string) =>
      lines
        .map((l) => new RegExp(`${what} Time: ([\\d.]+)`).exec(l)?.[1])
        .filter((x): x is string => x !== undefined)
        .reduce((n, x) => n + Number(x), 0);
    const results: { label: string; lines: string[] }[] = [{ label: 'inbox list', lines: await plan() }];
    for (const term of SEARCH_TERMS) {
      const label = `q=${termIn(term, region.code)} (${term.kind})`;
      results.push({ label, lines: await plan(termIn(term, region.code)) });
    }
    for (const r of results) {
      const access = r.lines
        .filter((l) => /Scan on laksa_report\b/.test(l))
        .map((l) =>
          l
            .trim()
            .replace(/^->\s*/, '')
            .replace(/\s+\(cost.*$/, ''),
        )
        .join(' / ');
      log(
        `  ${r.label.padEnd(58)} ${ms(time(r.lines, 'Planning')).padStart(9)} + ${ms(time(r.lines, 'Execution')).padStart(9)}  ${access}`,
      );
    }
    if (!plans) return;
    const slowest = results
      .slice(1)
      .sort((a, b) => time(b.lines, 'Execution') - time(a.lines, 'Execution'))[0]!;
    for (const r of [results[0]!, slowest]) {
      log();
      log(`  Plan, ${r.label}:`);
      for (const l of r.lines) log(`    ${l}`);
    }
  });
}

// ---------------------------------------------------------------------------------------------

function report(
  intake: [Figure, Figure] | null,
  reads: [Figure, Figure] | null,
  fx: LaksaFixture,
  recording: Recording,
) {
  const figures = [...(intake ?? []), ...(reads ?? [])];
  const cpuMs = (v: number | null) => (v === null ? '-' : ms(v));
  log();
  printTable([
    ['', 'concurrency', 'rate', 'p50', 'p99', 'server CPU/op', 'DB CPU/op', 'client CPU/op'],
    ...figures.map((f) => [
      f.name,
      String(f.concurrency),
      `${int(f.rate)} ${f.unit}`,
      ms(f.p50),
      ms(f.p99),
      cpuMs(f.serverCpu),
      cpuMs(f.dbCpu),
      cpuMs(f.clientCpu),
    ]),
  ]);
  log();
  log(
    `Data: ${int(fx.reports)} reports in ${fx.regions.length} regions (Jawa Barat, Jawa Tengah) over 2 years; GIN (region_id, search) via btree_gin; database ${fx.reused ? 'reused' : 'built this run'}${fx.notes.length ? ` (${fx.notes.join('; ')})` : ''}`,
  );
  for (const f of figures) log(`${f.name.split('  ')[0]!.padEnd(11)} ${f.note}`);
  if (reads) printSearchKinds(reads[1]);
  if (intake)
    log(
      `Intake round trips: the transaction is ${intakeTrips(recording).statements} statements + COMMIT, ${intakeTrips(recording).app} round trips from the app (BEGIN and the scope ride with the first statement), ${intakeTrips(recording).pgbench} from pgbench (one per statement: its pipeline mode cannot \\gset); POST /reports makes ${recording.route.trips} round trips in ${recording.route.transactions} transaction(s), after commit the outbox handles its events in batches (one drain per region per 500 ms).`,
    );
  log(
    'CPU/op: CPU time per request or transaction of the server process, of all PostgreSQL processes, and of the load generator (autocannon in this process, or pgbench), sampled from /proc.',
  );
  const cores = cpus().length;
  if (loadBefore >= cores / 2)
    log(
      `Note: the machine was already busy before the run (load ${loadBefore.toFixed(1)} on ${cores} cores): rates and latencies are low and noisy; CPU/op and the CPU-bound ratio are steadier.`,
    );
  log();
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
  if (intake) reportIntake(intake, verdict);
  if (reads) reportReads(reads, verdict);
}

/** The read targets: inbox and search p99, and the slowest single search term's. */
function reportReads([inbox, search]: [Figure, Figure], verdict: (pass: boolean) => string) {
  log(
    `inbox list p99  = ${ms(inbox.p99)}   target <= ${TARGET_INBOX_P99} ms   ${verdict(inbox.p99 <= TARGET_INBOX_P99)}`,
  );
  log(
    `search p99      = ${ms(search.p99)}   target <= ${TARGET_SEARCH_P99} ms   ${verdict(search.p99 <= TARGET_SEARCH_P99)}`,
  );
  const worst = worstTerm(search);
  if (worst)
    log(
      `search worst term p99 = ${ms(worst.p99)} ("${worst.label}", ${worst.n} requests)   target <= ${TARGET_SEARCH_P99} ms   ${verdict(worst.p99 <= TARGET_SEARCH_P99)}`,
    );
}

/** Intake (a) against (b), and the CPU each spends per report. */
function reportIntake([http, direct]: [Figure, Figure], verdict: (pass: boolean) => string) {
  const cpuMs = (v: number | null) => (v === null ? '-' : ms(v));
  const ratio = http.rate / direct.rate;
  log(
    `intake a/b      = ${(ratio * 100).toFixed(1)}%   target >= ${TARGET_INTAKE * 100}%   ${verdict(ratio >= TARGET_INTAKE)}`,
  );
  const total = (f: Figure) =>
    f.dbCpu === null || f.clientCpu === null ? null : (f.serverCpu ?? 0) + f.dbCpu + f.clientCpu;
  const [ta, tb] = [total(http), total(direct)];
  if (ta !== null && tb !== null)
    log(
      `                  CPU per report: HTTP ${ms(ta)} (server ${cpuMs(http.serverCpu)} + PostgreSQL ${cpuMs(http.dbCpu)} + autocannon ${cpuMs(http.clientCpu)}), pgbench ${ms(tb)} (PostgreSQL ${cpuMs(direct.dbCpu)} + pgbench ${cpuMs(direct.clientCpu)}): CPU-bound ratio ${((tb / ta) * 100).toFixed(1)}% (informational)`,
    );
}

/** Search latencies by kind of term (p50 / p99 / max) and the slowest term by p99. */
function printSearchKinds(search: Figure) {
  if (!search.byTerm) return;
  const kinds = new Map<string, number[]>();
  for (const [label, list] of search.byTerm) {
    const kind = label.slice(0, label.indexOf(':'));
    kinds.set(kind, [...(kinds.get(kind) ?? []), ...list]);
  }
  log();
  printTable([
    ['Search by kind of term', 'terms', 'requests', 'p50', 'p99', 'max'],
    ...[...kinds].map(([kind, list]) => {
      const sorted = [...list].sort((x, y) => x - y);
      const terms = [...search.byTerm!.keys()].filter((l) => l.startsWith(`${kind}:`)).length;
      return [
        kind,
        String(terms),
        int(sorted.length),
        ms(percentile(sorted, 0.5)),
        ms(percentile(sorted, 0.99)),
        ms(sorted.at(-1)!),
      ];
    }),
  ]);
}

function worstTerm(search: Figure) {
  if (!search.byTerm) return null;
  return [...search.byTerm]
    .map(([label, list]) => ({
      label,
      n: list.length,
      p99: percentile(
        [...list].sort((x, y) => x - y),
        0.99,
      ),
    }))
    .sort((a, b) => b.p99 - a.p99)[0];
}

// ---------------------------------------------------------------------------------------------

// Interrupted (Ctrl-C, `timeout`) or failed: the server goes down too.
await runBench(main);
