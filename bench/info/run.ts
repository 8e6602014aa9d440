/**
 * `npm run bench:info`: an urgent announcement to 100,000 subscribed devices on PostgreSQL — the
 * time from `notify()` committing to every push handed to the push service (201 received), with
 * the push service simulated on loopback (HTTPS, in its own process) — beside a bare `web-push`
 * send loop to the same 100,000 subscriptions in the same run (the library's own
 * `sendNotification`, same concurrency, same keep-alive TLS agent: what a hand-written loop costs
 * without a queue, cursor, retries or bookkeeping). Env: BENCH_DEVICES (100000), BENCH_CONCURRENCY
 * (100). Exits 1 if any push is missing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import webpush from 'web-push';
import { LogSender } from '../../api/core/auth/sender';
import { openDatabase } from '../../api/core/db/client';
import { migrateDatabase } from '../../api/core/db/migrate';
import { inRegion } from '../../api/core/db/scope';
import { NotificationDelivery } from '../../api/core/notifications/delivery';
import { notify } from '../../api/core/notifications/notify';
import { generateVapidKeys, PushSender } from '../../api/core/notifications/push-sender';
import { RegionDirectory } from '../../api/core/regions/directory';
import { onboardRegion } from '../../api/core/regions/onboard';
import { withDatabase } from '../setup';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'simpul_bench_info';
const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  // A self-signed certificate for the loopback push service, trusted by both senders.
  const dir = mkdtempSync(path.join(tmpdir(), 'simpul-bench-info-'));
  const [keyFile, certFile] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  const ca = readFileSync(certFile);
  const endpoint = await startEndpoint(keyFile, certFile);
  const origin = `https://127.0.0.1:${endpoint.port}`;

  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabase(ADMIN_URL, DB_NAME), poolSize: 6 });
  await migrateDatabase(database);
  const directory = new RegionDirectory(database);
  await directory.start();
  const { region } = await onboardRegion(database, { code: '36.71', actor: 'bench', directory });

  // 100,000 devices following announcements, with real P-256 keys (a few hundred pairs, reused).
  const keys = Array.from({ length: 500 }, () => {
    const k = webpush.generateVAPIDKeys(); // a P-256 pair; its public half is a valid p256dh
    return {
      p256dh: k.publicKey,
      auth: Buffer.from(k.privateKey, 'base64url').subarray(0, 16).toString('base64url'),
    };
  });
  const t0 = Date.now();
  await inRegion(database, { regionId: region.id }, (tx) =>
    tx.execute(sql`
      insert into push_subscription (region_id, endpoint, p256dh, auth, topics)
      select ${region.id}::uuid, ${`${origin}/push/`} || i, k.p256dh, k.auth, array['info-kota.announcements']
      from generate_series(1, ${DEVICES}) i
      join (select row_number() over () - 1 as n, * from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb)
            as x(p256dh text, auth text)) k on k.n = i % ${keys.length}`),
  );
  log(`${DEVICES.toLocaleString('en')} subscriptions inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const subs = await inRegion(database, { regionId: region.id }, async (tx) => {
    const r = await tx.execute(sql`select endpoint, p256dh, auth from push_subscription order by id`);
    return (r as unknown as { rows: { endpoint: string; p256dh: string; auth: string }[] }).rows;
  });

  const vapid = await generateVapidKeys();
  const payload = {
    title: { id: 'Peringatan banjir', en: 'Flood warning' },
    body: {
      id: 'Air Sungai Cisadane naik. Warga bantaran diminta waspada.',
      en: 'The Cisadane river is rising.',
    },
  };

  // Baseline: a bare web-push loop, same concurrency, same keep-alive TLS agent.
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca });
  await endpoint.reset();
  const b0 = performance.now();
  await pool(subs, CONCURRENCY, (s) =>
    webpush.sendNotification(
      { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } },
      JSON.stringify({ title: payload.title.id, body: payload.body.id, url: '/layanan/info-kota' }),
      { TTL: 3600, urgency: 'high', agent, vapidDetails: { subject: 'mailto:bench@simpul.local', ...vapid } },
    ),
  );
  const bareS = (performance.now() - b0) / 1000;
  const bareCount = await endpoint.count();
  agent.destroy();

  // Simpul: notify() in a transaction, then the delivery worker until the queue is empty.
  await endpoint.reset();
  const delivery = new NotificationDelivery(
    database,
    directory,
    new PushSender(vapid, 'mailto:bench@simpul.local', { ca }),
    new LogSender(() => {}),
    (m, err) => log(`delivery: ${m} ${String(err)}`),
    { concurrency: CONCURRENCY },
  );
  const s0 = performance.now();
  await inRegion(database, { regionId: region.id }, (tx) =>
    notify(tx, region.id, {
      topic: 'info-kota.announcements',
      title: payload.title,
      body: payload.body,
      url: '/layanan/info-kota',
      to: { broadcast: true },
      urgency: 'high',
      ttlSeconds: 3600,
    }),
  );
  await delivery.drain(region.id);
  const simpulS = (performance.now() - s0) / 1000;
  const simpulCount = await endpoint.count();
  const [job] = await inRegion(
    database,
    { regionId: region.id },
    async (tx) =>
      (
        (await tx.execute(sql`select sent, failed, removed from notification_job`)) as unknown as {
          rows: { sent: number; failed: number; removed: number }[];
        }
      ).rows,
  );

  log('');
  log(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}; push service on loopback (HTTPS, own process)`,
  );
  log(
    `Devices: ${DEVICES.toLocaleString('en')}; concurrency ${CONCURRENCY}; payload aes128gcm (RFC 8291), VAPID (RFC 8292)`,
  );
  log('');
  log('| sender | pushes handed over | time | pushes/s |');
  log('| --- | ---: | ---: | ---: |');
  log(
    `| bare web-push loop (baseline) | ${bareCount.toLocaleString('en')} | ${bareS.toFixed(1)} s | ${Math.round(bareCount / bareS).toLocaleString('en')} |`,
  );
  log(
    `| Simpul notify() → delivery worker | ${simpulCount.toLocaleString('en')} | ${simpulS.toFixed(1)} s | ${Math.round(simpulCount / simpulS).toLocaleString('en')} |`,
  );
  log('');
  log(
    `Simpul / baseline time: ${(simpulS / bareS).toFixed(2)}×; job counters sent=${job?.sent} failed=${job?.failed} removed=${job?.removed}`,
  );

  await delivery.stop();
  await directory.stop();
  await database.close();
  endpoint.stop();
  if (bareCount !== DEVICES || simpulCount !== DEVICES || job?.sent !== DEVICES) {
    log('MISSING PUSHES');
    process.exit(1);
  }
}

function startEndpoint(keyFile: string, certFile: string) {
  const child = spawn(process.execPath, [path.join(here, 'push-endpoint.mjs'), keyFile, certFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let buffer = '';
  const waiters: ((line: string) => void)[] = [];
  child.stdout.on('data', (d) => {
    buffer += String(d);
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      waiters.shift()?.(line);
    }
  });
  const next = () => new Promise<string>((resolve) => waiters.push(resolve));
  return next().then((first) => ({
    port: Number(first.split(' ')[1]),
    reset: async () => {
      const p = next();
      child.stdin.write('reset\n');
      await p;
    },
    count: async () => {
      const p = next();
      child.stdin.write('count\n');
      return Number((await p).split(' ')[1]);
    },
    stop: () => child.kill(),
  }));
}

async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i] as T);
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
