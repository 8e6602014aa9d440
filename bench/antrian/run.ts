/**
 * `npm run bench:antrian`: one busy unit on the real PostgreSQL, through the HTTP API of a
 * production-mode server (bench/simpul-server.ts).
 *
 * 50 counters, each with its own clerk serving all four services, and 200 kiosks, in one unit
 * ("bench"). 100 TV displays hold the unit's public stream open. Two phases:
 *   1. **Steady**: for BENCH_ANTRIAN_SECONDS, every kiosk issues a ticket every KIOSK_EVERY_MS
 *      (jittered) and every counter calls the next ticket, holds it SERVE_MS, finishes it, and
 *      calls again — the four writes of a real service loop, all at once across the unit.
 *   2. **Burst**: all 200 kiosks press at the same instant, then all 50 counters press "call next"
 *      at the same instant (the issue's "at once", literally), BURST_ROUNDS times.
 * Measured: p50/p99/max of the kiosk issue and of call-next (HTTP round trip), and the latency
 * from the call request to each of the 100 displays receiving its `antrian.ticket.called` event.
 * Beside them, pgbench runs the bare SQL floor of numbering: `select nextval(...)` on a sequence,
 * -M prepared, at 32 clients, in the same run.
 * Targets: issue and call-next p99 ≤ 50 ms; call → displays p99 ≤ 500 ms.
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../../api/core/auth/password';
import { createSession, SESSION_COOKIE } from '../../api/core/auth/sessions';
import { openDatabase } from '../../api/core/db/client';
import { migrateDatabase } from '../../api/core/db/migrate';
import { appUser, opd, region, userRole } from '../../api/core/db/schema';
import { asPlatform } from '../../api/core/db/scope';
import { onboardRegion } from '../../api/core/regions/onboard';
import {
  rotateKioskKey,
  saveCounter,
  saveService,
  saveUnit,
  setClerk,
} from '../../api/modules/antrian/setup';
import {
  laksaBenchDir,
  log,
  ms,
  percentile,
  printTable,
  startServer,
  stopAll,
  withClient,
  withDatabase,
} from '../laksa/util';
import { runPgbench } from '../pgbench';

const env = process.env;
const ADMIN_URL = env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'simpul_bench_antrian';
const DB_URL = withDatabase(ADMIN_URL, DB_NAME);
const COUNTERS = Number(env.BENCH_ANTRIAN_COUNTERS ?? 50);
const KIOSKS = Number(env.BENCH_ANTRIAN_KIOSKS ?? 200);
const DISPLAYS = Number(env.BENCH_ANTRIAN_DISPLAYS ?? 100);
const SECONDS = Number(env.BENCH_ANTRIAN_SECONDS ?? 20);
const KIOSK_EVERY_MS = Number(env.BENCH_ANTRIAN_KIOSK_EVERY_MS ?? 4000);
const SERVE_MS = Number(env.BENCH_ANTRIAN_SERVE_MS ?? 2000);
const BURST_ROUNDS = Number(env.BENCH_ANTRIAN_BURSTS ?? 5);
const WARMUP_MS = 2000;
const SERVICES = ['la', 'lb', 'lc', 'ld'];

type Session = { cookie: string; csrf: string };

async function prepare() {
  await withClient(ADMIN_URL, async (c) => {
    await c.query(`drop database if exists ${DB_NAME} with (force)`);
    await c.query(`create database ${DB_NAME}`);
  });
  const database = await openDatabase({ databaseUrl: DB_URL, poolSize: 4 });
  try {
    await migrateDatabase(database);
    await onboardRegion(database, { code: '36.71', actor: 'bench' });
    const hash = await hashPassword(`bench-${Date.now()}`);
    return await asPlatform(
      database,
      { actor: 'bench', action: 'bench.antrian', reason: 'bench fixture' },
      async (tx) => {
        const [r] = await tx.select().from(region).where(eq(region.code, '36.71'));
        const regionId = r!.id;
        const [office] = await tx.select({ id: opd.id }).from(opd).where(eq(opd.code, 'dpmptsp'));
        const unit = await saveUnit(
          tx,
          regionId,
          null,
          {
            code: 'bench',
            name: 'MPP Bench',
            address: '',
            kind: 'general',
            opdCode: 'dpmptsp',
            hours: Array.from({ length: 7 }, () => ({ open: '00:00', close: '23:59' })),
            orderRule: 'booking_priority_arrival',
            notifyAhead: 3,
            openOnHolidays: true,
            active: true,
          },
          'all',
        );
        for (const [i, code] of SERVICES.entries())
          await saveService(tx, regionId, unit, {
            code,
            name: `Layanan ${code.slice(1).toUpperCase()}`,
            prefix: code.slice(1).toUpperCase(),
            numberStart: 1,
            numberEnd: 9999,
            dailyCap: 9999,
            slotMinutes: 30,
            slotQuota: 5,
            weight: i % 2,
            standard: { requirements: [], procedure: '', minutes: 10, cost: 'Gratis', product: '' },
            active: true,
          });
        const counters: string[] = [];
        const clerks: Session[] = [];
        for (let n = 1; n <= COUNTERS; n++) {
          counters.push((await saveCounter(tx, regionId, unit, { number: n, name: `Loket ${n}` })).id);
          const [u] = await tx
            .insert(appUser)
            .values({
              regionId,
              name: `Petugas ${n}`,
              email: `loket${n}@bench.simpul`,
              passwordHash: hash,
              verifiedAt: new Date(),
            })
            .returning({ id: appUser.id });
          await tx
            .insert(userRole)
            .values({ regionId, userId: u!.id, role: 'opd_officer', opdId: office!.id });
          await setClerk(tx, regionId, unit, {
            userId: u!.id,
            services: SERVICES.map((code) => ({ code, weight: 1 })),
          });
          const s = await createSession(tx, regionId, u!.id);
          clerks.push({ cookie: `${SESSION_COOKIE}=${s.token}`, csrf: s.csrfToken });
        }
        return { slug: r!.slug, counters, clerks, kioskKey: await rotateKioskKey(tx, unit) };
      },
    );
  } finally {
    await database.close();
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: KIOSKS + COUNTERS + 10 });

function post(port: number, url: string, body: object, headers: Record<string, string>) {
  const data = JSON.stringify(body);
  return new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: url,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : {} }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** A TV display: the unit's anonymous stream; calls `onCalled(ticketId)` as each call arrives. */
function display(port: number, url: string, onCalled: (ticketId: string, at: number) => void) {
  return new Promise<{ close(): void }>((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: url, headers: { accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`${url}: HTTP ${res.statusCode}`));
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          let cut = buf.indexOf('\n\n');
          while (cut >= 0) {
            const block = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            if (block.includes('"antrian.ticket.called"')) {
              const e = JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as { subject: string };
              onCalled(e.subject, performance.now());
            }
            cut = buf.indexOf('\n\n');
          }
        });
        resolve({ close: () => req.destroy() });
      },
    );
    req.on('error', (e) => (e.message === 'socket hang up' ? undefined : reject(e)));
  });
}

/** pgbench's floor for numbering: `nextval` on a bare sequence, per-transaction latencies. */
function pgbenchNextval(seconds: number, clients: number) {
  execFileSync('psql', ['-q', '-d', DB_URL, '-c', 'create sequence if not exists bench_seq']);
  return runPgbench(seconds, DB_URL, "select nextval('bench_seq');\n", 'antrian', clients).lat;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return [
    String(s.length),
    ms(percentile(s, 0.5)),
    ms(percentile(s, 0.99)),
    ms(s[s.length - 1] ?? Number.NaN),
  ];
};
const p99 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    0.99,
  );

async function main() {
  log(
    `bench:antrian — ${COUNTERS} counters, ${KIOSKS} kiosks, ${DISPLAYS} displays in one unit, PostgreSQL ${DB_NAME}`,
  );
  log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${loadavg()[0]!.toFixed(2)} (shared)`,
  );
  const fx = await prepare();
  const { port } = await startServer(
    'simpul',
    path.join(laksaBenchDir, '../simpul-server.ts'),
    {
      DATABASE_URL: DB_URL,
      NODE_ENV: 'production',
      SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '10000000',
      // 100 displays and 250 devices share this one address here; a real unit's caps stay.
      STREAMS_PER_ADDRESS: '100000',
    },
    (env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  );
  const base = `/r/${fx.slug}/api/m/antrian`;
  const kiosk = { 'x-kiosk-key': fx.kioskKey };
  const clerkHeaders = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
  for (const [i, s] of fx.clerks.entries()) {
    const res = await post(port, `${base}/desk/bench/open`, { counterId: fx.counters[i] }, clerkHeaders(s));
    if (res.status !== 200) throw new Error(`open counter ${i}: ${res.status} ${JSON.stringify(res.json)}`);
  }
  const callStart = new Map<string, number>();
  const toDisplays: number[] = [];
  let measuring = false;
  const displays = [];
  for (let i = 0; i < DISPLAYS; i++)
    displays.push(
      await display(port, `${base}/units/bench/stream`, (id, at) => {
        const t0 = callStart.get(id);
        if (measuring && t0 !== undefined) toDisplays.push(at - t0);
      }),
    );

  const issue: number[] = [];
  const call: number[] = [];
  let stopAt = 0;
  const issueOnce = async (i: number) => {
    const t0 = performance.now();
    const res = await post(
      port,
      `${base}/kiosk/bench/tickets`,
      { serviceCode: SERVICES[i % SERVICES.length] },
      kiosk,
    );
    if (res.status !== 201) throw new Error(`kiosk ${i}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
    if (measuring) issue.push(performance.now() - t0);
  };
  /** Call next; returns whether a ticket came (409 "empty" when the queue is momentarily empty). */
  const callOnce = async (s: Session) => {
    const t0 = performance.now();
    const res = await post(port, `${base}/desk/bench/call`, {}, clerkHeaders(s));
    const t1 = performance.now();
    if (
      res.status === 409 &&
      (res.json.error as { details?: { reason?: string } })?.details?.reason === 'empty'
    )
      return false;
    if (res.status !== 200) throw new Error(`call: HTTP ${res.status} ${JSON.stringify(res.json)}`);
    const id = (res.json.current as { id: string }).id;
    callStart.set(id, t0);
    if (measuring) call.push(t1 - t0);
    return true;
  };
  const finish = async (s: Session) => {
    const res = await post(port, `${base}/desk/bench/finish`, {}, clerkHeaders(s));
    if (res.status !== 200) throw new Error(`finish: HTTP ${res.status} ${JSON.stringify(res.json)}`);
  };
  const jitter = (x: number) => x * (0.5 + Math.random());
  const pause = (msec: number) => new Promise((r) => setTimeout(r, msec));

  // Queue something before the counters start.
  await Promise.all(Array.from({ length: KIOSKS }, (_, i) => issueOnce(i)));
  const t0 = performance.now();
  stopAt = t0 + WARMUP_MS + SECONDS * 1000;
  setTimeout(() => (measuring = true), WARMUP_MS);
  const kiosks = Array.from({ length: KIOSKS }, async (_, i) => {
    while (performance.now() < stopAt) {
      await pause(jitter(KIOSK_EVERY_MS));
      await issueOnce(i);
    }
  });
  const desks = fx.clerks.map(async (s) => {
    while (performance.now() < stopAt) {
      if (!(await callOnce(s))) {
        await pause(100);
        continue;
      }
      await pause(jitter(SERVE_MS));
      await finish(s);
    }
  });
  await Promise.all([...kiosks, ...desks]);
  const steady = { issue: [...issue], call: [...call], displays: [...toDisplays], seconds: SECONDS };
  const rate = (n: number) => (n / SECONDS).toFixed(0);

  // Burst: everyone presses at the same instant.
  issue.length = 0;
  call.length = 0;
  toDisplays.length = 0;
  for (let round = 0; round < BURST_ROUNDS; round++) {
    await Promise.all(Array.from({ length: KIOSKS }, (_, i) => issueOnce(i)));
    await Promise.all(fx.clerks.map((s) => callOnce(s)));
    await Promise.all(fx.clerks.map((s) => finish(s)));
  }
  // The last calls' events reach the displays.
  await pause(500);
  measuring = false;
  const burst = { issue: [...issue], call: [...call], displays: [...toDisplays] };
  for (const d of displays) d.close();
  await stopAll();
  const floor = pgbenchNextval(10, 32);

  log('');
  log(
    `Steady phase (${SECONDS} s): ${rate(steady.issue.length)} tickets/s issued, ${rate(steady.call.length)} calls/s, each call fanned out to ${DISPLAYS} displays`,
  );
  printTable([
    ['', 'n', 'p50', 'p99', 'max'],
    ['(a) kiosk issue (HTTP)', ...stats(steady.issue)],
    ['(b) call next (HTTP)', ...stats(steady.call)],
    [`(c) call → ${DISPLAYS} displays (SSE)`, ...stats(steady.displays)],
    ['(d) pgbench nextval, 32 clients', ...stats(floor)],
  ]);
  log('');
  log(
    `Burst (${BURST_ROUNDS} rounds): ${KIOSKS} kiosks press at once, then ${COUNTERS} counters press "call next" at once`,
  );
  printTable([
    ['', 'n', 'p50', 'p99', 'max'],
    ['(a) kiosk issue (HTTP)', ...stats(burst.issue)],
    ['(b) call next (HTTP)', ...stats(burst.call)],
    [`(c) call → ${DISPLAYS} displays (SSE)`, ...stats(burst.displays)],
  ]);
  log('');
  const verdict = (v: number, target: number) => `${ms(v)} ${v <= target ? 'PASS' : 'MISS'}`;
  log(
    `targets (steady): issue p99 ≤ 50 ms → ${verdict(p99(steady.issue), 50)}; call next p99 ≤ 50 ms → ${verdict(p99(steady.call), 50)}; call → displays p99 ≤ 500 ms → ${verdict(p99(steady.displays), 500)}`,
  );
  log(
    `load average now ${loadavg()[0]!.toFixed(2)}; the CPU is shared with the load generator, so read the ratios.`,
  );
}

main().then(
  () => process.exit(0),
  async (err) => {
    console.error(err);
    await stopAll();
    process.exit(1);
  },
);
