import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteSession, findSession } from '../../api/core/auth/sessions';
import { session } from '../../api/core/db/schema';
import { inRegion } from '../../api/core/db/scope';
import { createRegion, createTestApp, type TestApp, type TestRegion } from '../support/app';
import { deferred } from '../support/deferred';
import {
  accountRow,
  asTest,
  browserOf,
  e164,
  expectEnvelope,
  NIK,
  newPhone,
  PASSWORD,
  Recorder,
} from './helpers';

describe('session, profile and password', () => {
  let t: TestApp;
  let region: TestRegion;
  let http: Recorder;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    http = new Recorder(t, region);
  });
  afterAll(() => t.close());

  async function citizen(extra: Record<string, unknown> = {}) {
    const phone = newPhone();
    const res = await http.register({ name: 'Warga Sesi', phone, password: PASSWORD, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return { phone, id: res.json().user.id as string, browser: browserOf(res) };
  }

  it('answers /me with the account, its permissions and the CSRF token of the session', async () => {
    const { browser, id, phone } = await citizen();
    const me = await http.send({ method: 'GET', url: '/api/auth/me', as: browser });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ user: { id, phone: e164(phone) }, csrfToken: browser['x-csrf-token'] });
    expect(me.json().permissions).toEqual(expect.any(Array));
    expectEnvelope(await http.send({ method: 'GET', url: '/api/auth/me' }), 401, 'UNAUTHENTICATED');
  });

  it('answers /session with 200 either way: the account when signed in, null when anonymous or signed out', async () => {
    const { browser, id } = await citizen();
    const signedIn = await http.send({ method: 'GET', url: '/api/auth/session', as: browser });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json().me).toMatchObject({ user: { id }, csrfToken: browser['x-csrf-token'] });
    const anonymous = await http.send({ method: 'GET', url: '/api/auth/session' });
    expect(anonymous.statusCode, anonymous.body).toBe(200);
    expect(anonymous.json()).toEqual({ me: null });
    await http.send({ method: 'POST', url: '/api/auth/logout', as: browser });
    const after = await http.send({ method: 'GET', url: '/api/auth/session', as: browser });
    expect([after.statusCode, after.json()]).toEqual([200, { me: null }]);
  });

  it('signs out: the cookie is cleared and the old cookie is a 401 SESSION_EXPIRED', async () => {
    const { browser } = await citizen();
    const out = await http.send({ method: 'POST', url: '/api/auth/logout', as: browser });
    expect(out.statusCode, out.body).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'simpul_session');
    expect(cleared?.value).toBe('');
    expectEnvelope(
      await http.send({ method: 'GET', url: '/api/auth/me', as: browser }),
      401,
      'SESSION_EXPIRED',
    );
  });

  it('never keeps a session read before its sign-out committed', async () => {
    // A lookup that began before the sign-out (another tab's request) answers after it: its copy
    // of the session must not be cached, or the old cookie would work again for a while.
    const { browser } = await citizen();
    const token = browser.cookie.slice('simpul_session='.length);
    const held = deferred();
    const read = deferred();
    const earlier = findSession(
      async (work) => {
        const found = await inRegion(t.database, { regionId: region.id }, work);
        read.resolve();
        await held.promise;
        return found;
      },
      region.id,
      token,
    );
    await read.promise; // it has read the session; its answer waits
    // The logout route's own work (its request would join the lookup in flight).
    await inRegion(t.database, { regionId: region.id }, (tx) => deleteSession(tx, token));
    held.resolve();
    expect(await earlier).not.toBeNull(); // it did read the session as it was
    expectEnvelope(
      await http.send({ method: 'GET', url: '/api/auth/me', as: browser }),
      401,
      'SESSION_EXPIRED',
    );
  });

  it('refuses a state-changing request with the cookie but without the right x-csrf-token (403 CSRF_FAILED)', async () => {
    const { browser } = await citizen();
    const cookieOnly = { cookie: browser.cookie };
    for (const headers of [cookieOnly, { ...cookieOnly, 'x-csrf-token': 'salah' }]) {
      expectEnvelope(
        await http.send({ method: 'POST', url: '/api/auth/logout', headers }),
        403,
        'CSRF_FAILED',
      );
      expectEnvelope(
        await http.send({ method: 'PATCH', url: '/api/auth/me', headers, payload: { name: 'Penyusup' } }),
        403,
        'CSRF_FAILED',
      );
      expectEnvelope(
        await http.send({
          method: 'POST',
          url: '/api/auth/password',
          headers,
          payload: { currentPassword: PASSWORD, newPassword: 'baru-sekali-123' },
        }),
        403,
        'CSRF_FAILED',
      );
    }
    // Reading needs no token; the session is still alive.
    expect(
      (await http.send({ method: 'GET', url: '/api/auth/me', headers: cookieOnly })).json().user.name,
    ).toBe('Warga Sesi');
  });

  it('changes name, e-mail and NIK; the NIK comes back masked', async () => {
    const { browser, id } = await citizen();
    const res = await http.send({
      method: 'PATCH',
      url: '/api/auth/me',
      as: browser,
      payload: { name: 'Nama Baru', email: 'Nama.Baru@Example.ID', nik: NIK },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({
      name: 'Nama Baru',
      email: 'nama.baru@example.id',
      nikMasked: '************0001',
    });
    expect((await accountRow(t, region.id, id)).nik).toBe(NIK);

    const cleared = await http.send({
      method: 'PATCH',
      url: '/api/auth/me',
      as: browser,
      payload: { nik: null },
    });
    expect(cleared.json().user.nikMasked).toBeNull();

    const bad = expectEnvelope(
      await http.send({
        method: 'PATCH',
        url: '/api/auth/me',
        as: browser,
        payload: { nik: '9971014501900001' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.nik' })]));
  });

  it('refuses an e-mail that another account of the region uses (409)', async () => {
    await citizen({ email: 'dipakai@example.id' });
    const { browser } = await citizen();
    expectEnvelope(
      await http.send({
        method: 'PATCH',
        url: '/api/auth/me',
        as: browser,
        payload: { email: 'DIPAKAI@example.id' },
      }),
      409,
      'CONFLICT',
    );
  });

  it('makes an e-mail-only account verify again after changing its e-mail', async () => {
    const reg = await http.register({ name: 'Hanya Email', email: 'lama@example.id', password: PASSWORD });
    const browser = browserOf(reg);
    const code = t.sender.sent.filter((m) => m.to === 'lama@example.id').at(-1)!.code;
    expect(
      (await http.send({ method: 'POST', url: '/api/auth/verify', as: browser, payload: { code } })).json()
        .user.verified,
    ).toBe(true);
    const changed = await http.send({
      method: 'PATCH',
      url: '/api/auth/me',
      as: browser,
      payload: { email: 'baru@example.id' },
    });
    expect(changed.json().user.verified).toBe(false);
    expectEnvelope(
      await http.send({ method: 'PATCH', url: '/api/auth/me', as: browser, payload: { email: null } }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('changes the password and signs out every other session of the account', async () => {
    const { phone, id, browser } = await citizen();
    const other = browserOf(await http.login({ identifier: phone, password: PASSWORD }));
    expect((await http.send({ method: 'GET', url: '/api/auth/me', as: other })).statusCode).toBe(200);

    const newPassword = 'kata-sandi-baru-456';
    expectEnvelope(
      await http.send({
        method: 'POST',
        url: '/api/auth/password',
        as: browser,
        payload: { currentPassword: 'salah-sekali', newPassword },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectEnvelope(
      await http.send({
        method: 'POST',
        url: '/api/auth/password',
        as: browser,
        payload: { currentPassword: PASSWORD, newPassword: 'pendek' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const changed = await http.send({
      method: 'POST',
      url: '/api/auth/password',
      as: browser,
      payload: { currentPassword: PASSWORD, newPassword },
    });
    expect(changed.statusCode, changed.body).toBe(204);

    expectEnvelope(
      await http.send({ method: 'GET', url: '/api/auth/me', as: other }),
      401,
      'SESSION_EXPIRED',
    );
    expect((await http.send({ method: 'GET', url: '/api/auth/me', as: browser })).statusCode).toBe(200);
    const sessions = await asTest(t, region.id, (tx) =>
      tx.select().from(session).where(eq(session.userId, id)),
    );
    expect(sessions).toHaveLength(1);

    expectEnvelope(await http.login({ identifier: phone, password: PASSWORD }), 401, 'UNAUTHENTICATED');
    expect((await http.login({ identifier: phone, password: newPassword })).statusCode).toBe(200);
  });

  it('replaces the session of a browser that signs in again', async () => {
    const { phone, id, browser } = await citizen();
    const again = await http.send({
      method: 'POST',
      url: '/api/auth/login',
      as: browser,
      payload: { identifier: phone, password: PASSWORD },
    });
    expect(again.statusCode, again.body).toBe(200);
    expectEnvelope(
      await http.send({ method: 'GET', url: '/api/auth/me', as: browser }),
      401,
      'SESSION_EXPIRED',
    );
    const sessions = await asTest(t, region.id, (tx) =>
      tx.select().from(session).where(eq(session.userId, id)),
    );
    expect(sessions).toHaveLength(1);
  });

  it('never returned a full NIK or a password hash', () => {
    http.expectNoLeaks([NIK]);
  });
});
