import { createHmac, timingSafeEqual } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../../../../test/support/app';
import { inRegion } from '../../../core/db/scope';
import { emitEvent } from '../../../core/events/emit';
import { OutboxDispatcher } from '../../../core/events/outbox';
import { registry } from '../../../core/metrics';
import type { RegionWorker } from '../../../core/modules/types';
import { TaskScheduler } from '../../../core/tasks/scheduler';
import { modules } from '../../../modules';
import { laksaWebhookDelivery } from '../schema';
import { deliverDueWebhooks } from './deliver';
import { enqueueWebhookDeliveries } from './handlers';
import { ALLOW_PRIVATE_ENV, isPrivateAddress, targetProblem } from './targets';

const testModules = modules;

/** What a receiver does (the README recipe): recompute the HMAC over "<t>.<raw body>", compare, check age. */
function verify(secret: string, header: string, rawBody: string, toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!parts.v1 || !Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The three Standard Webhooks headers of a received request, as `Webhook.verify` takes them. */
const standardHeaders = (h: IncomingHttpHeaders) => ({
  'webhook-id': String(h['webhook-id']),
  'webhook-timestamp': String(h['webhook-timestamp']),
  'webhook-signature': String(h['webhook-signature']),
});

type Received = { path: string; headers: IncomingHttpHeaders; body: string };

describe('LAKSA signed outbound webhooks', () => {
  let t: TestApp;
  let a: TestRegion;
  let b: TestRegion;
  let adminA: TestAccount;
  let adminB: TestAccount;
  let citizen: TestAccount;
  let receiver: http.Server;
  let base: string;
  const received: Received[] = [];
  const statusFor = new Map<string, number>();
  let outbox: OutboxDispatcher;
  const previousEnv = process.env[ALLOW_PRIVATE_ENV];

  const worker = (r: TestRegion): RegionWorker => ({
    regionId: r.id,
    inRegion: (work) => inRegion(t.database, { regionId: r.id }, work),
    mail: async () => {},
  });
  const at = (path: string) => received.filter((x) => x.path === path);
  const admin = (r: TestRegion) => (r === a ? adminA : adminB);

  async function addWebhook(r: TestRegion, path: string, eventTypes: string[]) {
    const res = await call(t, r, {
      method: 'POST',
      url: '/api/m/laksa/admin/webhooks',
      as: admin(r),
      payload: { url: `${base}${path}`, description: `uji ${path}`, eventTypes },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; secret: string; url: string; previousSecretExpiresAt: string | null };
  }

  /** A report event as LAKSA emits it, with the citizen as actor (the actor must never go out). */
  async function reportEvent(r: TestRegion, type = 'laksa.report.created') {
    const e = await inRegion(t.database, { regionId: r.id }, (tx) =>
      emitEvent(tx, r.id, {
        type,
        permission: 'core:live.watch',
        actor: { id: citizen.id, name: citizen.name },
        subject: '6f1c2f8e-1111-4a1b-9c1d-2e3f4a5b6c7d',
        summary: { id: 'Laporan baru LKS-1: Jalan rusak', en: 'New report LKS-1: Road damage' },
        data: { ticket: 'LKS-3301-26-000001', status: 'menunggu_verifikasi', categoryName: 'Jalan rusak' },
      }),
    );
    await outbox.drain(r.id);
    return e;
  }

  const deliveries = async (r: TestRegion, webhookId: string) => {
    const res = await call(t, r, {
      method: 'GET',
      url: `/api/m/laksa/admin/webhooks/${webhookId}/deliveries`,
      as: admin(r),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      id: string;
      status: string;
      attempts: number;
      lastStatusCode: number | null;
      lastError: string | null;
      nextAttemptAt: string | null;
      eventType: string;
    }[];
  };
  /** Makes a pending delivery due now (as if its backoff had passed). */
  const makeDue = (r: TestRegion, id: string, attempts?: number) =>
    inRegion(t.database, { regionId: r.id }, (tx) =>
      tx
        .update(laksaWebhookDelivery)
        .set({
          nextAttemptAt: sql`now() - interval '1 second'`,
          ...(attempts === undefined ? {} : { attempts }),
        })
        .where(sql`${laksaWebhookDelivery.id} = ${id}`),
    );

  beforeAll(async () => {
    process.env[ALLOW_PRIVATE_ENV] = 'true'; // the receiver is on loopback
    t = await createTestApp({ modules: testModules });
    outbox = new OutboxDispatcher(t.database, t.app.simpul.directory, testModules, () => {});
    a = await createRegion(t);
    b = await createRegion(t);
    adminA = await createAccount(t, a, ['region_admin']);
    adminB = await createAccount(t, b, ['region_admin']);
    citizen = await createAccount(t, a, ['citizen']);
    receiver = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => {
        body += c;
      });
      req.on('end', async () => {
        const path = req.url ?? '';
        received.push({ path, headers: req.headers, body });
        if (path.startsWith('/hang')) return; // never answers
        if (path.startsWith('/db')) {
          // Touches the database while the worker waits for this answer: on PGlite (one
          // connection) this would wait for itself if the worker still held a transaction.
          await inRegion(t.database, { regionId: a.id }, (tx) => tx.execute(sql`select 1`));
        }
        res.statusCode = statusFor.get(path) ?? 200;
        res.end(res.statusCode === 200 ? 'ok' : 'receiver broke');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    if (previousEnv === undefined) delete process.env[ALLOW_PRIVATE_ENV];
    else process.env[ALLOW_PRIVATE_ENV] = previousEnv;
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
    await t.close();
  });

  it('refuses private, loopback and non-http targets unless the platform allows them', async () => {
    expect(isPrivateAddress('127.0.0.1')).toBe(true);
    expect(isPrivateAddress('169.254.169.254')).toBe(true);
    expect(isPrivateAddress('10.1.2.3')).toBe(true);
    expect(isPrivateAddress('::1')).toBe(true);
    expect(isPrivateAddress('::ffff:7f00:1')).toBe(true);
    expect(isPrivateAddress('fd00::1')).toBe(true);
    expect(isPrivateAddress('103.10.20.30')).toBe(false);
    expect(targetProblem('https://lapor.go.id/hook', false)).toBeNull();
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://localhost/x',
      'http://0x7f.1/x', // 127.0.0.1 in disguise
      'http://[::1]/x',
      'http://169.254.169.254/latest/meta-data',
      'http://192.168.1.10/x',
      'http://intranet/x',
      'http://printer.local/x',
      'https://user:pass@example.com/x',
    ])
      expect(targetProblem(url, false), url).not.toBeNull();
    expect(targetProblem('http://127.0.0.1:8080/x', true)).toBeNull();

    delete process.env[ALLOW_PRIVATE_ENV];
    try {
      for (const url of ['http://127.0.0.1:9/hook', 'http://localhost/hook', 'ftp://example.com/hook']) {
        const res = await call(t, a, {
          method: 'POST',
          url: '/api/m/laksa/admin/webhooks',
          as: adminA,
          payload: { url, eventTypes: ['laksa.*'] },
        });
        expect(res.statusCode, url).toBe(400);
      }
    } finally {
      process.env[ALLOW_PRIVATE_ENV] = 'true';
    }
    const unknownType = await call(t, a, {
      method: 'POST',
      url: '/api/m/laksa/admin/webhooks',
      as: adminA,
      payload: { url: `${base}/x`, eventTypes: ['laksa.report.exploded'] },
    });
    expect(unknownType.statusCode).toBe(400);
  });

  it('needs laksa:manage on every route: an operator gets 403', async () => {
    const operator = await createAccount(t, a, ['operator']);
    const hook = await addWebhook(a, '/perm', ['laksa.*']);
    const id = hook.id;
    const attempts = [
      { method: 'GET', url: '/api/m/laksa/admin/webhooks' },
      {
        method: 'POST',
        url: '/api/m/laksa/admin/webhooks',
        payload: { url: `${base}/x`, eventTypes: ['laksa.*'] },
      },
      { method: 'PATCH', url: `/api/m/laksa/admin/webhooks/${id}`, payload: { active: false } },
      { method: 'DELETE', url: `/api/m/laksa/admin/webhooks/${id}` },
      { method: 'GET', url: `/api/m/laksa/admin/webhooks/${id}/deliveries` },
      { method: 'POST', url: `/api/m/laksa/admin/webhooks/deliveries/${id}/retry` },
      { method: 'POST', url: `/api/m/laksa/admin/webhooks/${id}/test` },
    ] as const;
    for (const req of attempts) {
      const res = await call(t, a, { ...req, as: operator });
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(403);
    }
    expect((await call(t, a, { method: 'GET', url: '/api/m/laksa/admin/webhooks' })).statusCode).toBe(401);
  });

  it('shows the signing secret once, then only its first characters; PATCH changes only what is sent', async () => {
    const created = await addWebhook(a, '/secret', ['laksa.report.created', 'laksa.report.created']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.previousSecretExpiresAt).toBeNull();
    expect(created).toMatchObject({ eventTypes: ['laksa.report.created'], active: true });
    const list = (await call(t, a, { method: 'GET', url: '/api/m/laksa/admin/webhooks', as: adminA })).json();
    const listed = list.find((w: { id: string }) => w.id === created.id);
    expect(listed.secret).toBe(`${created.secret.slice(0, 10)}…`);
    expect(JSON.stringify(list)).not.toContain(created.secret);
    const patched = await call(t, a, {
      method: 'PATCH',
      url: `/api/m/laksa/admin/webhooks/${created.id}`,
      as: adminA,
      payload: { eventTypes: ['laksa.*'] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      eventTypes: ['laksa.*'],
      active: true,
      description: 'uji /secret',
      secret: listed.secret,
    });
  });

  it('delivers a signed event to each subscribed webhook, once, without reporter identity', async () => {
    const created = await addWebhook(a, '/ok', ['laksa.report.created']);
    const everything = await addWebhook(a, '/all', ['laksa.*']);
    const other = await addWebhook(a, '/resolved-only', ['laksa.report.resolved']);
    const e = await reportEvent(a);
    // At least once: the outbox may run a handler again; no second delivery is queued.
    expect(
      await inRegion(t.database, { regionId: a.id }, (tx) => enqueueWebhookDeliveries(tx, a.id, e)),
    ).toBe(0);
    expect(await deliverDueWebhooks(worker(a))).toMatchObject({ failed: 0 });

    expect(at('/resolved-only')).toHaveLength(0);
    expect(at('/all')).toHaveLength(1);
    expect(at('/ok')).toHaveLength(1);
    const got = at('/ok')[0]!;
    const [d] = await deliveries(a, created.id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null });
    expect(got.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Simpul-Webhooks/1',
      'x-simpul-event': 'laksa.report.created',
      'x-simpul-delivery': d!.id,
    });
    const signature = String(got.headers['x-simpul-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(created.secret, signature, got.body)).toBe(true);
    expect(verify(everything.secret, signature, got.body)).toBe(false);
    expect(verify(created.secret, signature, `${got.body} `)).toBe(false);
    // The Standard Webhooks headers, checked by the reference library as a receiver would.
    expect(got.headers['webhook-id']).toBe(d!.id);
    expect(String(got.headers['webhook-signature'])).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(created.secret).verify(got.body, standardHeaders(got.headers))).toEqual(
      JSON.parse(got.body),
    );
    expect(() => new Webhook(everything.secret).verify(got.body, standardHeaders(got.headers))).toThrow();
    expect(() => new Webhook(created.secret).verify(`${got.body} `, standardHeaders(got.headers))).toThrow();
    expect(
      verify(everything.secret, String(at('/all')[0]!.headers['x-simpul-signature']), at('/all')[0]!.body),
    ).toBe(true);
    expect(JSON.parse(got.body)).toEqual({
      id: e.id,
      type: 'laksa.report.created',
      occurredAt: e.createdAt.toISOString(),
      region: { code: a.code, name: a.name },
      data: { ticket: 'LKS-3301-26-000001', status: 'menunggu_verifikasi', categoryName: 'Jalan rusak' },
      summary: { id: 'Laporan baru LKS-1: Jalan rusak', en: 'New report LKS-1: Road damage' },
    });
    // The event's actor (here the reporter) never leaves: not by id, name or email.
    const everythingSent = JSON.stringify(received);
    for (const personal of [citizen.id, citizen.name, citizen.email])
      expect(everythingSent).not.toContain(personal);
    expect(await deliveries(a, other.id)).toEqual([]);
    // Nothing is due any more.
    expect(await deliverDueWebhooks(worker(a))).toEqual({ delivered: 0, failed: 0 });
  });

  it('retries a failing receiver with backoff, gives up after 6 attempts, and the retry endpoint sends again', async () => {
    statusFor.set('/fail', 500);
    const hook = await addWebhook(a, '/fail', ['laksa.report.verified']);
    await reportEvent(a, 'laksa.report.verified');
    const before = Date.now();
    expect(await deliverDueWebhooks(worker(a))).toMatchObject({ failed: 1 });
    let [d] = await deliveries(a, hook.id);
    expect(d).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 500,
      lastError: 'HTTP 500: receiver broke',
    });
    const wait1 = Date.parse(d!.nextAttemptAt!) - before;
    expect(wait1).toBeGreaterThan(25_000);
    expect(wait1).toBeLessThan(40_000);
    // Not due yet: nothing is sent.
    await deliverDueWebhooks(worker(a));
    expect(at('/fail')).toHaveLength(1);

    await makeDue(a, d!.id);
    await deliverDueWebhooks(worker(a));
    [d] = await deliveries(a, hook.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 2 });
    const wait2 = Date.parse(d!.nextAttemptAt!) - Date.now();
    expect(wait2).toBeGreaterThan(100_000);
    expect(wait2).toBeLessThan(130_000);

    await makeDue(a, d!.id, 5); // the sixth and last attempt
    await deliverDueWebhooks(worker(a));
    [d] = await deliveries(a, hook.id);
    expect(d).toMatchObject({ status: 'failed', attempts: 6, lastStatusCode: 500, nextAttemptAt: null });
    expect(at('/fail')).toHaveLength(3);

    statusFor.set('/fail', 200);
    const retried = await call(t, a, {
      method: 'POST',
      url: `/api/m/laksa/admin/webhooks/deliveries/${d!.id}/retry`,
      as: adminA,
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await deliverDueWebhooks(worker(a));
    [d] = await deliveries(a, hook.id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null });
    expect(at('/fail')).toHaveLength(4);
    // Every attempt carried the same delivery id and body.
    expect(new Set(at('/fail').map((x) => x.headers['x-simpul-delivery']))).toEqual(new Set([d!.id]));
    expect(new Set(at('/fail').map((x) => x.body)).size).toBe(1);
  });

  it('records a timeout as a failed attempt', async () => {
    const hook = await addWebhook(a, '/hang', ['laksa.report.started']);
    await reportEvent(a, 'laksa.report.started');
    expect(await deliverDueWebhooks(worker(a), { timeoutMs: 300 })).toMatchObject({ failed: 1 });
    const [d] = await deliveries(a, hook.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(d!.lastError).toMatch(/timeout/);
  });

  it('sends a test ping on request', async () => {
    const hook = await addWebhook(a, '/ping', ['laksa.report.resolved']);
    const res = await call(t, a, {
      method: 'POST',
      url: `/api/m/laksa/admin/webhooks/${hook.id}/test`,
      as: adminA,
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'pending', eventType: 'laksa.webhook.test', attempts: 0 });
    await deliverDueWebhooks(worker(a));
    const [got] = at('/ping');
    expect(got!.headers['x-simpul-event']).toBe('laksa.webhook.test');
    expect(verify(hook.secret, String(got!.headers['x-simpul-signature']), got!.body)).toBe(true);
    expect(JSON.parse(got!.body)).toMatchObject({ type: 'laksa.webhook.test', region: { code: a.code } });
    const inactive = await call(t, a, {
      method: 'PATCH',
      url: `/api/m/laksa/admin/webhooks/${hook.id}`,
      as: adminA,
      payload: { active: false },
    });
    expect(inactive.json().active).toBe(false);
    expect(
      (await call(t, a, { method: 'POST', url: `/api/m/laksa/admin/webhooks/${hook.id}/test`, as: adminA }))
        .statusCode,
    ).toBe(409);
  });

  it("keeps regions apart: region B's admin neither sees nor touches A's webhooks and deliveries", async () => {
    const hook = await addWebhook(a, '/isolation', ['laksa.*']);
    await reportEvent(a, 'laksa.report.rejected');
    await deliverDueWebhooks(worker(a));
    const [d] = await deliveries(a, hook.id);
    expect(d).toBeDefined();

    const listB = (
      await call(t, b, { method: 'GET', url: '/api/m/laksa/admin/webhooks', as: adminB })
    ).json();
    expect(listB).toEqual([]);
    const base = '/api/m/laksa/admin/webhooks';
    for (const req of [
      { method: 'GET', url: `${base}/${hook.id}/deliveries` },
      { method: 'PATCH', url: `${base}/${hook.id}`, payload: { active: false } },
      { method: 'DELETE', url: `${base}/${hook.id}` },
      { method: 'POST', url: `${base}/deliveries/${d!.id}/retry` },
      { method: 'POST', url: `${base}/${hook.id}/test` },
    ] as const) {
      const res = await call(t, b, { ...req, as: adminB });
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(404);
    }
    // B's events never reach A's webhooks, and B's worker never sends A's deliveries.
    const sent = at('/isolation').length;
    await reportEvent(b, 'laksa.report.rejected');
    await makeDue(a, d!.id);
    await deliverDueWebhooks(worker(b));
    expect(at('/isolation')).toHaveLength(sent);
    expect((await deliveries(a, hook.id))[0]).toMatchObject({ status: 'delivered' });
  });

  it('runs from the scheduler without holding a transaction during the HTTP call', async () => {
    const hook = await addWebhook(a, '/db', ['laksa.report.resumed']);
    await reportEvent(a, 'laksa.report.resumed');
    const scheduler = new TaskScheduler(t.database, t.app.simpul.directory, testModules, (m, err) => {
      throw Object.assign(new Error(m), { cause: err });
    });
    await scheduler.tick();
    const [d] = await deliveries(a, hook.id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200 });
    expect(at('/db')).toHaveLength(1);
  });

  it('rotates the secret: both sign during the change-over, only the new one after it ends', async () => {
    const hook = await addWebhook(a, '/rotate', ['laksa.report.created']);
    const rotated = await call(t, a, {
      method: 'POST',
      url: `/api/m/laksa/admin/webhooks/${hook.id}/rotate-secret`,
      as: adminA,
      payload: { graceHours: 24 },
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const fresh = rotated.json() as { secret: string; previousSecretExpiresAt: string | null };
    expect(fresh.secret).toMatch(/^whsec_/);
    expect(fresh.secret).not.toBe(hook.secret);
    expect(Date.parse(fresh.previousSecretExpiresAt!) - Date.now()).toBeGreaterThan(23 * 3600_000);
    // Shown once: the list has only the hint.
    const list = (await call(t, a, { method: 'GET', url: '/api/m/laksa/admin/webhooks', as: adminA })).json();
    expect(JSON.stringify(list)).not.toContain(fresh.secret);

    await reportEvent(a);
    await deliverDueWebhooks(worker(a));
    const during = at('/rotate')[0]!;
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    // A receiver with either secret accepts it (the old one until it switches, then the new one).
    for (const secret of [fresh.secret, hook.secret])
      expect(new Webhook(secret).verify(during.body, standardHeaders(during.headers))).toBeTruthy();
    expect(String(during.headers['x-simpul-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);

    const ended = await call(t, a, {
      method: 'DELETE',
      url: `/api/m/laksa/admin/webhooks/${hook.id}/previous-secret`,
      as: adminA,
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().previousSecretExpiresAt).toBeNull();
    await reportEvent(a);
    await deliverDueWebhooks(worker(a));
    const after = at('/rotate')[1]!;
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(new Webhook(fresh.secret).verify(after.body, standardHeaders(after.headers))).toBeTruthy();
    expect(() => new Webhook(hook.secret).verify(after.body, standardHeaders(after.headers))).toThrow();
    expect(verify(fresh.secret, String(after.headers['x-simpul-signature']), after.body)).toBe(true);

    // Another region's admin cannot rotate it.
    const foreign = await call(t, b, {
      method: 'POST',
      url: `/api/m/laksa/admin/webhooks/${hook.id}/rotate-secret`,
      as: adminB,
      payload: {},
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('logs and counts a failed attempt (region, task, target, attempt, error) when run by the scheduler', async () => {
    const counter = async (name: string, labels: Record<string, string>) =>
      (await registry.getSingleMetric(name)!.get()).values.find((v) =>
        Object.entries(labels).every(([k, x]) => v.labels[k] === x),
      )?.value ?? 0;
    const retryingBefore = await counter('simpul_webhook_deliveries_total', { outcome: 'retrying' });
    const runsBefore = await counter('simpul_task_runs_total', {
      task: 'laksa:webhook-delivery',
      outcome: 'ok',
    });
    statusFor.set('/down', 503);
    const hook = await addWebhook(a, '/down', ['laksa.report.deferred']);
    await reportEvent(a, 'laksa.report.deferred');
    const warnings: { msg: string; fields: Record<string, unknown> }[] = [];
    const scheduler = new TaskScheduler(
      t.database,
      t.app.simpul.directory,
      testModules,
      (m, err) => {
        throw Object.assign(new Error(m), { cause: err });
      },
      undefined,
      (msg, fields) => warnings.push({ msg, fields }),
    );
    // The test before ran this task in region A moments ago: this tick is the next period.
    await scheduler.tick(new Date(Date.now() + 20_000));
    const warned = warnings.find((w) => w.fields.webhook === hook.id);
    expect(warned?.msg).toBe('webhook delivery failed');
    expect(warned?.fields).toMatchObject({
      region: a.code,
      task: 'laksa:webhook-delivery',
      target: new URL(base).origin,
      attempt: 1,
      statusCode: 503,
      error: expect.stringContaining('HTTP 503'),
    });
    expect(JSON.stringify(warned)).not.toContain('/down'); // the path may hold a receiver's token
    expect(await counter('simpul_webhook_deliveries_total', { outcome: 'retrying' })).toBe(
      retryingBefore + 1,
    );
    expect(
      await counter('simpul_task_runs_total', { task: 'laksa:webhook-delivery', outcome: 'ok' }),
    ).toBeGreaterThan(runsBefore);
  });

  it('deletes a webhook with its deliveries', async () => {
    const hook = await addWebhook(a, '/gone', ['laksa.report.rated']);
    await reportEvent(a, 'laksa.report.rated');
    expect(await deliveries(a, hook.id)).toHaveLength(1);
    const url = `/api/m/laksa/admin/webhooks/${hook.id}`;
    expect((await call(t, a, { method: 'DELETE', url, as: adminA })).statusCode).toBe(204);
    expect((await call(t, a, { method: 'DELETE', url, as: adminA })).statusCode).toBe(404);
    expect((await call(t, a, { method: 'GET', url: `${url}/deliveries`, as: adminA })).statusCode).toBe(404);
    await deliverDueWebhooks(worker(a));
    expect(at('/gone')).toHaveLength(0);
    const audit = (await call(t, a, { method: 'GET', url: '/api/admin/audit?limit=50', as: adminA })).json();
    const types = audit.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['laksa.webhook.created', 'laksa.webhook.deleted']));
    // The audit log keeps the receiver's origin only (a path or query may carry its token).
    expect(JSON.stringify(audit)).not.toContain('/gone');
  });
});
