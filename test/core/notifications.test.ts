import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion } from '../../api/core/db/scope';
import { notify } from '../../api/core/notifications/notify';
import {
  call,
  createAccount,
  createTestApp,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../support/app';
import { createLaksaRegion, fileLaksaReport, type LaksaRegion } from '../support/laksa';
import { type FakeDevice, startPushService } from '../support/push-service';

const rowsOf = <T>(r: unknown) => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];

/**
 * The core notification service end to end: devices subscribe over HTTP, modules call notify(),
 * the delivery worker encrypts and hands each message to a push service on loopback, which
 * decrypts it per RFC 8291 and checks the VAPID signature; dead subscriptions go, failed sends
 * are retried, and the inbox shows what a person was sent.
 */
describe('notifications', () => {
  let t: TestApp;
  let push: Awaited<ReturnType<typeof startPushService>>;
  let g: LaksaRegion;
  let other: LaksaRegion;
  let kecamatan: string[];
  let kelurahanOfFirst: string;

  const subscribe = (r: TestRegion, d: FakeDevice, body: Record<string, unknown>, as?: TestAccount) =>
    call(t, r, {
      method: 'POST',
      url: '/api/notifications/devices',
      as,
      payload: { subscription: d.subscription, ...body },
    });
  const deliver = (r: TestRegion) => t.app.simpul.notifications.drain(r.id);
  const send = (r: TestRegion, input: Parameters<typeof notify>[2]) =>
    inRegion(t.database, { regionId: r.id }, (tx) => notify(tx, r.id, input));

  beforeAll(async () => {
    push = await startPushService();
    t = await createTestApp({ env: { PUSH_EXTRA_ORIGINS: push.origin } });
    g = await createLaksaRegion(t);
    other = await createLaksaRegion(t);
    const areas = await inRegion(t.database, { regionId: g.r.id }, (tx) =>
      tx.execute(sql`select code, level, parent_code from region_area order by code`),
    );
    const rows = rowsOf<{ code: string; level: string; parent_code: string | null }>(areas);
    kecamatan = rows.filter((a) => a.level === 'kecamatan').map((a) => a.code);
    kelurahanOfFirst = rows.find((a) => a.parent_code === kecamatan[0])!.code;
  });
  afterAll(async () => {
    await t.close();
    await push.close();
  });

  it('lists the topics of the modules switched on, with the Web Push key', async () => {
    const res = await call(t, g.r, { url: '/api/notifications/config' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Buffer.from(body.vapidPublicKey, 'base64url')).toHaveLength(65);
    const ids = body.topics.map((x: { id: string }) => x.id);
    expect(ids).toEqual(
      expect.arrayContaining(['laksa.my-reports', 'darurat.my-incident', 'harga-pangan.alerts']),
    );
    // Staff topics are offered to staff only.
    expect(ids).not.toContain('laksa.escalations');
    const staff = await call(t, g.r, { url: '/api/notifications/config', as: g.operator });
    expect(staff.json().topics.map((x: { id: string }) => x.id)).toContain('laksa.escalations');
  });

  it('refuses endpoints that are not push services, broken keys, unknown topics and foreign areas', async () => {
    const d = push.device('refusals');
    const bad = [
      { subscription: { ...d.subscription, endpoint: 'http://169.254.169.254/latest/meta-data' } },
      { subscription: { ...d.subscription, endpoint: 'https://fcm.googleapis.com.evil.example/x' } },
      { subscription: { ...d.subscription, keys: { p256dh: 'abc', auth: d.subscription.keys.auth } } },
      { topics: ['laksa.nope'] },
      { topics: ['harga-pangan.alerts'], areaCode: '99.99.99' },
    ];
    for (const b of bad) {
      const res = await call(t, g.r, {
        method: 'POST',
        url: '/api/notifications/devices',
        payload: { subscription: d.subscription, topics: ['harga-pangan.alerts'], ...b },
      });
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(res.json().error.messages.id).toBeTruthy();
    }
  });

  it('broadcasts an area announcement to the devices following that area, encrypted and signed', async () => {
    const [inArea, inKelurahan, elsewhere, wholeRegion, foreign] = [
      push.device('area-a'),
      push.device('area-a-kel'),
      push.device('area-b'),
      push.device('region-only'),
      push.device('other-region'),
    ];
    expect(
      (await subscribe(g.r, inArea, { topics: ['harga-pangan.alerts'], areaCode: kecamatan[0] })).statusCode,
    ).toBe(200);
    await subscribe(g.r, inKelurahan, {
      topics: ['harga-pangan.alerts'],
      areaCode: kelurahanOfFirst,
      lang: 'en',
    });
    await subscribe(g.r, elsewhere, { topics: ['harga-pangan.alerts'], areaCode: kecamatan[1] });
    await subscribe(g.r, wholeRegion, { topics: ['harga-pangan.alerts'] });
    await subscribe(other.r, foreign, { topics: ['harga-pangan.alerts'] });

    await send(g.r, {
      topic: 'harga-pangan.alerts',
      title: { id: 'Operasi pasar', en: 'Market operation' },
      body: { id: 'Beras murah besok', en: 'Cheap rice tomorrow' },
      url: '/layanan/harga-pangan',
      to: { broadcast: true, areaCode: kecamatan[0] },
    });
    await deliver(g.r);
    await deliver(other.r);
    expect(push.errors).toEqual([]);
    expect(inArea.received.map((m) => m.payload.title)).toEqual(['Operasi pasar']);
    expect(inKelurahan.received.map((m) => m.payload.title)).toEqual(['Market operation']);
    expect(elsewhere.received).toEqual([]);
    expect(wholeRegion.received).toEqual([]);
    expect(foreign.received).toEqual([]);
    const m = inArea.received[0]!;
    expect(m.payload).toMatchObject({
      body: 'Beras murah besok',
      url: '/layanan/harga-pangan',
      topic: 'harga-pangan.alerts',
    });
    expect(m.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(m.headers.ttl)).toBeGreaterThan(0);
    expect(m.vapid.publicKey).toBe(
      (await call(t, g.r, { url: '/api/notifications/config' })).json().vapidPublicKey,
    );

    // A region-wide broadcast reaches every follower in the region, and no one outside it.
    await send(g.r, {
      topic: 'harga-pangan.alerts',
      title: { id: 'Semua', en: 'All' },
      to: { broadcast: true },
    });
    await deliver(g.r);
    expect([inArea, inKelurahan, elsewhere, wholeRegion].map((d) => d.received.length)).toEqual([2, 2, 1, 1]);
    expect(foreign.received).toEqual([]);
  });

  it('refuses a broadcast to an area outside the region', async () => {
    await expect(
      send(g.r, {
        topic: 'harga-pangan.alerts',
        title: { id: 'x', en: 'x' },
        to: { broadcast: true, areaCode: '31.71.01' },
      }),
    ).rejects.toThrow(/not in this region/);
  });

  it('sends personal notifications only to that person’s signed-in devices; an anonymous device cannot hold a personal topic', async () => {
    const mine = push.device('mine');
    const anonymous = push.device('anonymous');
    const stranger = push.device('stranger');
    const res = await subscribe(g.r, mine, { topics: ['laksa.my-reports'] }, g.citizen);
    expect(res.json()).toMatchObject({ topics: ['laksa.my-reports'], signedIn: true });
    const anon = await subscribe(g.r, anonymous, { topics: ['laksa.my-reports', 'harga-pangan.alerts'] });
    expect(anon.json()).toMatchObject({ topics: ['harga-pangan.alerts'], signedIn: false });
    await subscribe(g.r, stranger, { topics: ['laksa.my-reports'] }, await createAccount(t, g.r));

    // LAKSA sends it when an operator verifies the citizen's report.
    const report = await fileLaksaReport(t, g);
    const verified = await call(t, g.r, {
      method: 'POST',
      url: `/api/m/laksa/reports/${report.id}/actions`,
      as: g.operator,
      payload: { action: 'verify' },
    });
    expect(verified.statusCode).toBe(200);
    await deliver(g.r);
    // Every public step of the report reaches the reporter's phone (verified, then sent on to the OPD).
    expect(mine.received.length).toBeGreaterThanOrEqual(1);
    expect(mine.received[0]!.payload).toMatchObject({
      url: `${g.r.path.replace(/^\/r\/[^/]+/, '')}/layanan/laksa/tiket/${report.ticket}`,
    });
    expect(String(mine.received[0]!.payload.title)).toContain(report.ticket);
    expect(anonymous.received.filter((m) => m.payload.topic === 'laksa.my-reports')).toEqual([]);
    expect(stranger.received).toEqual([]);

    // The inbox has it, unread; reading it clears the count. Another region's account sees nothing.
    const inbox = await call(t, g.r, { url: '/api/notifications', as: g.citizen });
    expect(inbox.json().unread).toBe(mine.received.length);
    expect(inbox.json().items[0]).toMatchObject({ topic: 'laksa.my-reports', read: false });
    const read = await call(t, g.r, {
      method: 'POST',
      url: '/api/notifications/read',
      as: g.citizen,
      payload: { ids: inbox.json().items.map((i: { id: string }) => i.id) },
    });
    expect(read.json().unread).toBe(0);
    expect((await call(t, other.r, { url: '/api/notifications', as: other.citizen })).json().items).toEqual(
      [],
    );
    expect((await call(t, g.r, { url: '/api/notifications' })).statusCode).toBe(401);
  });

  it('puts followed broadcasts in the inbox, and e-mails personal ones to whoever asked', async () => {
    const person = await createAccount(t, g.r);
    const prefs = await call(t, g.r, {
      method: 'PUT',
      url: '/api/notifications/preferences',
      as: person,
      payload: {
        topics: [
          { topic: 'harga-pangan.alerts', follow: true, areaCode: kecamatan[0] },
          { topic: 'laksa.my-reports', follow: true, email: true },
        ],
      },
    });
    expect(prefs.statusCode).toBe(200);
    await send(g.r, {
      topic: 'harga-pangan.alerts',
      title: { id: 'Untuk kecamatan saya', en: 'Mine' },
      to: { broadcast: true, areaCode: kecamatan[0] },
    });
    await send(g.r, {
      topic: 'harga-pangan.alerts',
      title: { id: 'Kecamatan lain', en: 'Other' },
      to: { broadcast: true, areaCode: kecamatan[1] },
    });
    await send(g.r, {
      topic: 'laksa.my-reports',
      title: { id: 'Laporan Anda selesai', en: 'Done' },
      to: { users: [person.id] },
    });
    await deliver(g.r);
    const inbox = (await call(t, g.r, { url: '/api/notifications', as: person })).json();
    const titles = inbox.items.map((i: { title: { id: string } }) => i.title.id);
    // The past week's broadcasts for the region and this kecamatan count too (a new follower sees them).
    expect(titles).toEqual(['Laporan Anda selesai', 'Untuk kecamatan saya', 'Semua', 'Operasi pasar']);
    expect(titles).not.toContain('Kecamatan lain');
    expect(inbox.unread).toBe(4);
    expect(t.sender.mails.filter((m) => m.to === person.email).map((m) => m.subject)).toEqual([
      'Laporan Anda selesai',
    ]);
    const all = await call(t, g.r, {
      method: 'POST',
      url: '/api/notifications/read',
      as: person,
      payload: { all: true },
    });
    expect(all.json().unread).toBe(0);
  });

  it('pages the inbox with `before` without skipping notifications made within one millisecond', async () => {
    const person = await createAccount(t, g.r);
    const times = [
      '2026-01-02T03:04:05.678900Z',
      '2026-01-02T03:04:05.678500Z',
      '2026-01-02T03:04:05.678100Z',
    ];
    for (const [i, at] of times.entries()) {
      await send(g.r, {
        topic: 'laksa.my-reports',
        title: { id: `Kabar ${i}`, en: `News ${i}` },
        to: { users: [person.id] },
      });
      await inRegion(t.database, { regionId: g.r.id }, (tx) =>
        tx.execute(sql`update notification set created_at = ${at}::timestamptz
          where user_id = ${person.id} and title->>'id' = ${`Kabar ${i}`}`),
      );
    }
    const seen: string[] = [];
    let before = '';
    for (let page = 0; page < 5; page++) {
      const res = await call(t, g.r, {
        url: `/api/notifications?limit=1${before ? `&before=${encodeURIComponent(before)}` : ''}`,
        as: person,
      });
      expect(res.statusCode).toBe(200);
      const items = res.json().items as { at: string; title: { id: string } }[];
      if (!items.length) break;
      seen.push(items[0]!.title.id);
      before = items[0]!.at;
    }
    expect(seen.slice(0, 3)).toEqual(['Kabar 0', 'Kabar 1', 'Kabar 2']);
  });

  it('removes subscriptions the push service says are gone, and retries the ones it could not take', async () => {
    const gone = push.device('gone');
    const busy = push.device('busy');
    await subscribe(g.r, gone, { topics: ['harga-pangan.alerts'] });
    await subscribe(g.r, busy, { topics: ['harga-pangan.alerts'] });
    push.respond('gone', 410);
    push.respond('busy', 503);
    await send(g.r, {
      topic: 'harga-pangan.alerts',
      title: { id: 'Coba lagi', en: 'Retry' },
      to: { broadcast: true },
    });
    await deliver(g.r);
    const count = async (q: ReturnType<typeof sql>) =>
      Number(
        rowsOf<{ n: string }>(await inRegion(t.database, { regionId: g.r.id }, (tx) => tx.execute(q)))[0]!.n,
      );
    expect(
      await count(
        sql`select count(*) as n from push_subscription where endpoint = ${gone.subscription.endpoint}`,
      ),
    ).toBe(0);
    expect(await count(sql`select count(*) as n from notification_retry`)).toBe(1);
    expect(busy.received.filter((m) => m.payload.title === 'Coba lagi')).toEqual([]);
    // Its time comes: the retry goes out, and the queue is empty.
    await inRegion(t.database, { regionId: g.r.id }, (tx) =>
      tx.execute(sql`update notification_retry set next_at = now()`),
    );
    await deliver(g.r);
    expect(busy.received.filter((m) => m.payload.title === 'Coba lagi')).toHaveLength(1);
    expect(await count(sql`select count(*) as n from notification_retry`)).toBe(0);
    expect(await count(sql`select count(*) as n from notification_job where done_at is null`)).toBe(0);
  });

  it('lets a device look up and remove its subscription only with its auth secret', async () => {
    const d = push.device('lookup');
    await subscribe(g.r, d, { topics: ['harga-pangan.alerts'], areaCode: kecamatan[0] });
    const wrong = { endpoint: d.subscription.endpoint, auth: push.device('x').subscription.keys.auth };
    const right = { endpoint: d.subscription.endpoint, auth: d.subscription.keys.auth };
    expect(
      (await call(t, g.r, { method: 'POST', url: '/api/notifications/devices/lookup', payload: wrong }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(t, other.r, { method: 'POST', url: '/api/notifications/devices/lookup', payload: right }))
        .statusCode,
    ).toBe(404);
    const found = await call(t, g.r, {
      method: 'POST',
      url: '/api/notifications/devices/lookup',
      payload: right,
    });
    expect(found.json()).toEqual({
      topics: ['harga-pangan.alerts'],
      areaCode: kecamatan[0],
      signedIn: false,
    });
    await call(t, g.r, { method: 'POST', url: '/api/notifications/devices/remove', payload: wrong });
    expect(
      (await call(t, g.r, { method: 'POST', url: '/api/notifications/devices/lookup', payload: right }))
        .statusCode,
    ).toBe(200);
    expect(
      (await call(t, g.r, { method: 'POST', url: '/api/notifications/devices/remove', payload: right }))
        .statusCode,
    ).toBe(204);
    expect(
      (await call(t, g.r, { method: 'POST', url: '/api/notifications/devices/lookup', payload: right }))
        .statusCode,
    ).toBe(404);
  });
});
