/**
 * Read replicas (docs/SCALING.md §3) on a real streaming replica: the test makes a second local
 * PostgreSQL 15 cluster, a hot standby of the test cluster (pg_basebackup -R), and runs the app
 * with DATABASE_REPLICA_URL pointing at it. PostgreSQL project only; the configuration and the
 * no-replica fallback are checked on both projects.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../api/config';
import { type Database, openDatabase } from '../../api/core/db/client';
import { readInRegion } from '../../api/core/db/scope';
import { dbReplicaReads } from '../../api/core/metrics';
import { defineModule } from '../../api/core/modules/types';
import { call, createTestApp, TEST_METRICS_TOKEN, type TestApp } from '../support/app';
import { openTestDatabase } from '../support/database';
import { withDatabase } from '../support/global-setup';
import { testDbKind } from '../support/kind';
import { createLaksaRegion, fileLaksaReport, type LaksaRegion } from '../support/laksa';

const BIN = '/usr/lib/postgresql/15/bin';

/** Reads so far by target (replica, primary), from the process's counter. */
async function reads() {
  const values = (await dbReplicaReads.get()).values;
  const of = (target: string) => values.find((v) => v.labels.target === target)?.value ?? 0;
  return { replica: of('replica'), primary: of('primary') };
}

describe('read replica configuration and the fallback without one', () => {
  it('DATABASE_REPLICA_URL is a comma-separated list that needs DATABASE_URL; lag limit 5 s, checks every 2 s', () => {
    const base = { NODE_ENV: 'test', DATABASE_URL: 'postgres://a@primary/simpul' } as const;
    expect(loadConfig(base).replicas).toEqual({ urls: [], maxLagSeconds: 5, checkIntervalMs: 2000 });
    const c = loadConfig({
      ...base,
      DATABASE_REPLICA_URL: ' postgres://a@r1/simpul , postgres://a@r2/simpul,',
      REPLICA_MAX_LAG_SECONDS: '2.5',
      REPLICA_CHECK_INTERVAL_MS: '100',
    });
    expect(c.replicas).toEqual({
      urls: ['postgres://a@r1/simpul', 'postgres://a@r2/simpul'],
      maxLagSeconds: 2.5,
      checkIntervalMs: 100,
    });
    expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_REPLICA_URL: 'postgres://a@r1/simpul' })).toThrow(
      /DATABASE_REPLICA_URL/,
    );
  });

  it('refuses config.replica on a route that is not a public GET, when the app is built', async () => {
    const probe = (method: 'get' | 'post', access: 'public' | 'user') =>
      defineModule({
        id: 'probe',
        name: { id: 'Probe', en: 'Probe' },
        description: { id: 'Modul uji', en: 'Test module' },
        icon: 'science',
        citizen: true,
        dependsOn: [],
        permissions: {},
        roleGrants: {},
        settings: z.object({}),
        enabledByDefault: false,
        routes: async (app) => {
          app[method]('/x', { config: { access, replica: true } }, async () => ({}));
        },
        events: { emits: [], handles: {} },
        tasks: [],
        tables: [],
        liveChannels: [],
      });
    const database = await openTestDatabase();
    try {
      for (const [method, access] of [
        ['post', 'public'],
        ['get', 'user'],
      ] as const)
        await expect(createTestApp({ database, modules: [probe(method, access)] })).rejects.toThrow(
          /config\.replica is for GET routes with access 'public'/,
        );
    } finally {
      await database.close();
    }
  });

  it('without a replica a replica read is answered by the primary, in a transaction that cannot write', async () => {
    const database = await openTestDatabase();
    try {
      expect(database.replica()).toBeUndefined();
      const scope = { regionId: '00000000-0000-4000-8000-000000000001' };
      const before = await reads();
      const rows = await readInRegion(
        database,
        scope,
        { sql: 'select 41 + 1 as n', params: [] },
        { replica: true },
      );
      expect(rows).toEqual([{ n: 42 }]);
      expect(await reads()).toEqual({ ...before, primary: before.primary + 1 });
      // The function form is READ ONLY on the primary too: a route cannot opt a write into it.
      const write = readInRegion(
        database,
        scope,
        (tx) => tx.execute(sql`update opd set name = name where false`),
        {
          replica: true,
        },
      );
      await expect(write.catch((err: Error) => String(err.cause ?? err))).resolves.toMatch(
        /read-only transaction/,
      );
    } finally {
      await database.close();
    }
  });
});

/** Runs a PostgreSQL binary as the postgres user (the server refuses to run as root). */
function asPostgres(bin: string, args: string[]) {
  const cmd = path.join(BIN, bin);
  const [file, argv] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return execFileSync(file, argv, { stdio: 'pipe', encoding: 'utf8' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The test cluster must accept replication connections from 127.0.0.1 without a password. Its
 * wal_level and max_wal_senders (both need a restart) are checked; a missing pg_hba.conf line is
 * added, once, and loaded with pg_reload_conf() (no restart). A stock Debian/Ubuntu cluster
 * already has wal_level=replica and max_wal_senders=10.
 */
async function allowReplication(admin: pg.Client, url: string) {
  const show = async (name: string) => (await admin.query(`show ${name}`)).rows[0][name] as string;
  if (!['replica', 'logical'].includes(await show('wal_level')) || Number(await show('max_wal_senders')) < 2)
    throw new Error('the test cluster needs wal_level=replica and max_wal_senders>=2 (a restart)');
  const { rows } = await admin.query(
    `select 1 from pg_hba_file_rules where 'replication' = any(database) and type = 'host'
       and auth_method = 'trust' and address in ('127.0.0.1', 'all', '0.0.0.0')`,
  );
  if (rows.length === 0) {
    appendFileSync(
      await show('hba_file'),
      '\n# Added by test/deploy/replica.test.ts: local streaming replicas for tests.\nhost replication all 127.0.0.1/32 trust\n',
    );
    await admin.query('select pg_reload_conf()');
  }
  // The reload is asynchronous: wait until a replication connection is accepted.
  await until('a replication connection to the test cluster', async () => {
    // `replication=true`: a physical replication connection, as pg_basebackup makes.
    const c = new pg.Client({ connectionString: url, replication: true } as pg.ClientConfig);
    try {
      await c.connect();
      return true;
    } finally {
      await c.end().catch(() => {});
    }
  });
}

/** Polls `ready` (an error counts as not yet) until it is true; for hooks, where expect.poll is not allowed. */
async function until(what: string, ready: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  let last: unknown = 'false';
  for (;;) {
    try {
      if (await ready()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${String(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.runIf(testDbKind() === 'postgres')('read replicas on a real streaming replica', () => {
  const url = process.env.TEST_DATABASE_URL!;
  const admin = new pg.Client({ connectionString: url });
  let dir = '';
  let data = '';
  const name = `simpul_replica_${process.pid}_${Date.now().toString(36)}`;
  let replicaUrl = '';
  let t: TestApp;
  let database: Database;
  let g: LaksaRegion;
  let primaryDb: pg.Client;
  let standby: pg.Client;
  let ticketA = '';

  const replica = () => database.raw.replicas![0]!;
  const anonymous = (u: string) => call(t, g.r, { url: u });
  const signedIn = (u: string) => call(t, g.r, { url: u, as: g.citizen });
  const publicTotal = async (res: Awaited<ReturnType<typeof anonymous>>) => {
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { total: number }).total;
  };
  /** Waits until the standby has replayed everything the primary wrote so far. */
  const caughtUp = async () => {
    const { rows } = await admin.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
    await until(
      'the standby to replay what the primary wrote',
      async () =>
        (
          await standby.query<{ ok: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [
            rows[0]!.lsn,
          ])
        ).rows[0]!.ok,
    );
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'simpul-replica-'));
    data = path.join(dir, 'data');
    await admin.connect();
    await allowReplication(admin, url);
    // The standby's copy: owned by postgres, which runs it.
    if (process.getuid?.() === 0) {
      const { uid, gid } = userIds('postgres');
      chownSync(dir, uid, gid);
    }
    const u = new URL(url);
    asPostgres('pg_basebackup', [
      ...['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username) || 'postgres'],
      ...['-D', data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
    ]);
    // Debian keeps postgresql.conf and pg_hba.conf outside the data directory: the standby gets its
    // own. Hot standby needs these at least as high as on the primary.
    const port = await freePort();
    const same = [
      'max_connections',
      'max_worker_processes',
      'max_wal_senders',
      'max_prepared_transactions',
      'max_locks_per_transaction',
    ];
    const show = async (s: string) => `${s} = ${(await admin.query(`show ${s}`)).rows[0][s]}`;
    const settings = [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'hot_standby = on',
      'fsync = off',
      'shared_buffers = 32MB',
    ];
    for (const s of same) settings.push(await show(s));
    writeFileSync(path.join(data, 'postgresql.conf'), `${settings.join('\n')}\n`);
    writeFileSync(path.join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    writeFileSync(path.join(data, 'pg_ident.conf'), '');
    if (process.getuid?.() === 0) {
      const { uid, gid } = userIds('postgres');
      for (const f of ['postgresql.conf', 'pg_hba.conf', 'pg_ident.conf'])
        chownSync(path.join(data, f), uid, gid);
    }
    asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
    replicaUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    standby = new pg.Client({ connectionString: replicaUrl });
    await standby.connect();
    expect((await standby.query('select pg_is_in_recovery() as r')).rows[0].r).toBe(true);

    // The app's database, a copy of the run's template made on the primary (streamed to the standby).
    await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
    database = await openDatabase({
      databaseUrl: withDatabase(url, name),
      poolSize: 5,
      replicas: { urls: [withDatabase(replicaUrl, name)], checkIntervalMs: 100 },
    });
    t = await createTestApp({ database });
    primaryDb = new pg.Client({ connectionString: withDatabase(url, name) });
    await primaryDb.connect();
    g = await createLaksaRegion(t);
    // A public report (verified by SQL, as the superuser: row-level security does not apply).
    ticketA = (await fileLaksaReport(t, g)).ticket;
    await primaryDb.query(`update laksa_report set status = 'terverifikasi' where ticket = $1`, [ticketA]);
    await caughtUp();
    await until('the replica to be healthy', () => replica().healthy);
  }, 90_000);

  afterAll(async () => {
    await primaryDb?.end().catch(() => {});
    await standby?.end().catch(() => {});
    await t?.close();
    try {
      asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // already stopped by the last test
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  });

  it('serves anonymous public reads from the replica, signed-in ones and writes from the primary; a new ticket is found through the primary retry', async () => {
    expect(await publicTotal(await anonymous('/api/m/laksa/public/stats'))).toBe(1);
    // Replay paused: the standby keeps what it had; what the primary writes now it does not see.
    await standby.query('select pg_wal_replay_pause()');
    await expect
      .poll(async () => (await standby.query('select pg_get_wal_replay_pause_state() as s')).rows[0].s)
      .toBe('paused');
    await primaryDb.query('update laksa_report set confidential = true where ticket = $1', [ticketA]);

    let before = await reads();
    expect(await publicTotal(await anonymous('/api/m/laksa/public/stats'))).toBe(1); // the replica's answer
    expect(await reads()).toEqual({ ...before, replica: before.replica + 1 });
    // The one-round-trip form (one SELECT) too: the replica's count, then Harga Pangan's today page.
    before = await reads();
    expect(await publicCount(database, g.r.id)).toEqual([{ n: 1 }]);
    const today = await anonymous('/api/m/harga-pangan/public/today');
    expect(today.statusCode, today.body).toBe(200);
    expect(await reads()).toEqual({ ...before, replica: before.replica + 2 });
    before = await reads();
    expect(await publicTotal(await signedIn('/api/m/laksa/public/stats'))).toBe(0); // the primary's
    // Not even a candidate for a replica (a session cookie): the counter does not see it.
    expect(await reads()).toEqual(before);

    // A write (filing a report) reaches the primary: the standby would refuse it.
    const { ticket } = await fileLaksaReport(t, g);
    before = await reads();
    const tracked = await anonymous(`/api/m/laksa/public/reports/${ticket}`);
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json().ticket).toBe(ticket);
    // Not found on the replica, then found on the primary: one read each.
    expect(await reads()).toEqual({ replica: before.replica + 1, primary: before.primary + 1 });
    const missing = await anonymous('/api/m/laksa/public/reports/LKS-TIDAK-ADA');
    expect(missing.statusCode).toBe(404);
    // Everything above ran while the replica was within its lag limit.
    expect(replica().healthy).toBe(true);
  });

  it('skips a replica further behind than REPLICA_MAX_LAG_SECONDS, and uses it again once it catches up', async () => {
    // Still paused, with writes waiting: the lag grows past the limit (5 s) and the replica is skipped.
    await expect.poll(() => replica().healthy, { timeout: 15_000, interval: 100 }).toBe(false);
    expect(replica().lagSeconds).toBeGreaterThan(5);
    const metrics = await t.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
    });
    expect(metrics.body).toContain(`simpul_db_replica_healthy{replica="${replica().name}"} 0`);
    const lag = new RegExp(`simpul_db_replica_lag_seconds\\{replica="${replica().name}"\\} ([0-9.e+]+)`).exec(
      metrics.body,
    );
    expect(Number(lag?.[1])).toBeGreaterThan(5);
    let before = await reads();
    expect(await publicTotal(await anonymous('/api/m/laksa/public/stats'))).toBe(0); // the primary's answer
    expect(await reads()).toEqual({ ...before, primary: before.primary + 1 });

    await standby.query('select pg_wal_replay_resume()');
    await expect.poll(() => replica().healthy, { timeout: 10_000, interval: 100 }).toBe(true);
    before = await reads();
    expect(await publicTotal(await anonymous('/api/m/laksa/public/stats'))).toBe(0); // caught up
    expect(await reads()).toEqual({ ...before, replica: before.replica + 1 });
  });

  it('falls back to the primary with no error when the replica stops', async () => {
    await standby.end();
    asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    // A read that still takes the replica for healthy (its check has not run yet) falls back.
    replica().healthy = true;
    const before = await reads();
    const rows = await publicCount(database, g.r.id);
    expect(rows).toEqual([{ n: 0 }]);
    expect(await reads()).toEqual({ replica: before.replica + 1, primary: before.primary + 1 });
    expect(replica().healthy).toBe(false);
    // And the checks keep it out of use; public reads answer from the primary.
    await expect.poll(() => replica().lagSeconds).toBeNull();
    expect(await publicTotal(await anonymous('/api/m/laksa/public/stats'))).toBe(0);
    expect(replica().healthy).toBe(false);
  });
});

/** The public report count of a region through readInRegion, as the stats route counts. */
function publicCount(database: Database, regionId: string) {
  return readInRegion<{ n: number }>(
    database,
    { regionId },
    {
      sql: `select count(*)::int as n from laksa_report where not confidential and status not in ('menunggu_verifikasi', 'ditolak')`,
      params: [],
    },
    { replica: true },
  );
}

function userIds(user: string) {
  const id = (flag: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
