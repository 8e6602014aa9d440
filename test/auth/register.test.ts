import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, verificationCode } from '../../api/core/db/schema';
import { createRegion, createTestApp, type TestApp, type TestRegion } from '../support/app';
import {
  accountRow,
  asTest,
  browserOf,
  e164,
  expectEnvelope,
  lastCode,
  NIK,
  newPhone,
  PASSWORD,
  Recorder,
} from './helpers';

describe('registration and verification', () => {
  let t: TestApp;
  let region: TestRegion;
  let http: Recorder;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    http = new Recorder(t, region);
  });
  afterAll(() => t.close());

  it('registers with a local phone number, stores E.164, signs in and sends an SMS code', async () => {
    const phone = newPhone();
    const res = await http.register({ name: 'Siti Aminah', phone, password: PASSWORD });
    expect(res.statusCode, res.body).toBe(201);
    const me = res.json();
    expect(me.user).toMatchObject({
      name: 'Siti Aminah',
      phone: e164(phone),
      email: null,
      nikMasked: null,
      verified: false,
      totpEnabled: false,
      roles: [{ role: 'citizen', opdId: null }],
    });
    expect(me.csrfToken).toEqual(expect.any(String));
    expect(me.permissions).toEqual(expect.any(Array));

    const cookie = res.cookies.find((c) => c.name === 'simpul_session');
    // Scoped to the region's path prefix: regions sharing one domain keep separate sign-ins.
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: region.path,
      maxAge: 30 * 24 * 3600,
    });
    expect(cookie?.secure).toBeFalsy();

    const sent = t.sender.sent.filter((m) => m.to === e164(phone));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'sms', regionName: `${region.name} LIVE` });
    expect(sent[0]!.code).toMatch(/^\d{6}$/);

    // The new session works straight away.
    const again = await http.send({ method: 'GET', url: '/api/auth/me', as: browserOf(res) });
    expect(again.json().user.id).toBe(me.user.id);

    // Counted, but anonymous: events reach the live stream (test/auth/personal-data.test.ts).
    const registered = await asTest(t, region.id, (tx) =>
      tx.select().from(event).where(eq(event.type, 'core.user.registered')),
    );
    expect(registered.length).toBeGreaterThan(0);
    const all = JSON.stringify(registered);
    expect(all).not.toContain(phone.slice(1));
    expect(all).not.toContain(me.user.id);
    expect(all).not.toContain('Siti');
  });

  it('registers with an e-mail address (stored lower-case) and sends the code by e-mail', async () => {
    const res = await http.register({
      name: 'Budi Santoso',
      email: ' Budi.Santoso@Example.ID ',
      password: PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user).toMatchObject({ email: 'budi.santoso@example.id', phone: null });
    expect(t.sender.sent.at(-1)).toMatchObject({ channel: 'email', to: 'budi.santoso@example.id' });
  });

  it('stores a NIK but returns it only masked', async () => {
    const res = await http.register({
      name: 'Dewi Lestari',
      phone: newPhone(),
      password: PASSWORD,
      nik: NIK,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user.nikMasked).toBe('************0001');
    expect(res.body).not.toContain(NIK);
    const row = await accountRow(t, region.id, res.json().user.id);
    expect(row.nik).toBe(NIK);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it.each([
    [
      'an invalid NIK',
      { name: 'Ani', phone: '081234567890', password: PASSWORD, nik: '1234567890123456' },
      'body.nik',
    ],
    [
      'a NIK with serial 0000',
      { name: 'Ani', phone: '081234567890', password: PASSWORD, nik: '3671014501900000' },
      'body.nik',
    ],
    ['an invalid phone number', { name: 'Ani', phone: '12345', password: PASSWORD }, 'body.phone'],
    ['a short password', { name: 'Ani', phone: '081234567890', password: 'pendek' }, 'body.password'],
    ['neither phone nor e-mail', { name: 'Ani', password: PASSWORD }, 'body.phone'],
    ['an invalid e-mail', { name: 'Ani', email: 'bukan-email', password: PASSWORD }, 'body.email'],
  ])('refuses %s with 400 and the field in the details', async (_what, payload, path) => {
    const err = expectEnvelope(await http.register(payload), 400, 'VALIDATION_FAILED');
    expect(err.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('answers a phone or e-mail already registered in the region with 409, in both languages', async () => {
    const phone = newPhone();
    expect(
      (await http.register({ name: 'Pertama', phone, email: 'pertama@example.id', password: PASSWORD }))
        .statusCode,
    ).toBe(201);

    // The same number in another accepted form is the same number.
    const samePhone = expectEnvelope(
      await http.register({
        name: 'Kedua',
        phone: `+62 ${phone.slice(1, 4)}-${phone.slice(4)}`,
        password: PASSWORD,
      }),
      409,
      'CONFLICT',
    );
    expect(samePhone.messages.id).toMatch(/telepon/i);
    expect(samePhone.messages.en).toMatch(/phone/i);
    expect(samePhone.details).toEqual({ fields: ['phone'] });

    const sameEmail = expectEnvelope(
      await http.register({ name: 'Ketiga', email: 'PERTAMA@example.id', password: PASSWORD }),
      409,
      'CONFLICT',
    );
    expect(sameEmail.details).toEqual({ fields: ['email'] });
  });

  it('verifies with the code that was sent; a wrong code is a 400 that says so', async () => {
    const phone = newPhone();
    const reg = await http.register({ name: 'Rina', phone, password: PASSWORD });
    const browser = browserOf(reg);
    const code = lastCode(t, e164(phone));
    const wrongCode = code === '000000' ? '111111' : '000000';

    const wrong = expectEnvelope(
      await http.send({ method: 'POST', url: '/api/auth/verify', as: browser, payload: { code: wrongCode } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(wrong.messages.id).toMatch(/salah/);

    const ok = await http.send({ method: 'POST', url: '/api/auth/verify', as: browser, payload: { code } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.verified).toBe(true);
    expect((await http.send({ method: 'GET', url: '/api/auth/me', as: browser })).json().user.verified).toBe(
      true,
    );

    // A retried request (flaky connection) still succeeds; a resend is pointless now.
    expect(
      (await http.send({ method: 'POST', url: '/api/auth/verify', as: browser, payload: { code } }))
        .statusCode,
    ).toBe(200);
    expectEnvelope(
      await http.send({ method: 'POST', url: '/api/auth/verify/resend', as: browser }),
      409,
      'CONFLICT',
    );
  });

  it('needs a signed-in account to verify', async () => {
    expectEnvelope(
      await http.send({ method: 'POST', url: '/api/auth/verify', payload: { code: '123456' } }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('refuses an expired code', async () => {
    const phone = newPhone();
    const reg = await http.register({ name: 'Joko', phone, password: PASSWORD });
    await asTest(t, region.id, (tx) =>
      tx
        .update(verificationCode)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(verificationCode.userId, reg.json().user.id)),
    );
    const err = expectEnvelope(
      await http.send({
        method: 'POST',
        url: '/api/auth/verify',
        as: browserOf(reg),
        payload: { code: lastCode(t, e164(phone)) },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(err.messages.en).toMatch(/expired/);
  });

  it('stops a code after five wrong attempts (429), even for the right code', async () => {
    const phone = newPhone();
    const reg = await http.register({ name: 'Tono', phone, password: PASSWORD });
    const browser = browserOf(reg);
    const code = lastCode(t, e164(phone));
    const wrongCode = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++)
      expectEnvelope(
        await http.send({
          method: 'POST',
          url: '/api/auth/verify',
          as: browser,
          payload: { code: wrongCode },
        }),
        400,
        'VALIDATION_FAILED',
      );
    expectEnvelope(
      await http.send({ method: 'POST', url: '/api/auth/verify', as: browser, payload: { code } }),
      429,
      'RATE_LIMITED',
    );
  });

  it('resends at most one code a minute; only the newest code counts', async () => {
    const phone = newPhone();
    const reg = await http.register({ name: 'Wati', phone, password: PASSWORD });
    const browser = browserOf(reg);
    const first = lastCode(t, e164(phone));

    const tooSoon = expectEnvelope(
      await http.send({ method: 'POST', url: '/api/auth/verify/resend', as: browser }),
      429,
      'RATE_LIMITED',
    );
    expect(tooSoon.details).toEqual({ retryAfterSeconds: expect.any(Number) });

    // A minute later (moved back in the database rather than waiting).
    await asTest(t, region.id, (tx) =>
      tx
        .update(verificationCode)
        .set({ createdAt: new Date(Date.now() - 61_000) })
        .where(eq(verificationCode.userId, reg.json().user.id)),
    );
    const resent = await http.send({ method: 'POST', url: '/api/auth/verify/resend', as: browser });
    expect(resent.statusCode, resent.body).toBe(204);
    const second = lastCode(t, e164(phone));
    expect(t.sender.sent.filter((m) => m.to === e164(phone))).toHaveLength(2);

    if (first !== second)
      expectEnvelope(
        await http.send({ method: 'POST', url: '/api/auth/verify', as: browser, payload: { code: first } }),
        400,
        'VALIDATION_FAILED',
      );
    const ok = await http.send({
      method: 'POST',
      url: '/api/auth/verify',
      as: browser,
      payload: { code: second },
    });
    expect(ok.json().user.verified).toBe(true);
  });

  it('stores codes hashed', async () => {
    const phone = newPhone();
    const reg = await http.register({ name: 'Hadi', phone, password: PASSWORD });
    const code = lastCode(t, e164(phone));
    const rows = await asTest(t, region.id, (tx) =>
      tx.select().from(verificationCode).where(eq(verificationCode.userId, reg.json().user.id)),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.codeHash).not.toContain(code);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(10 * 60 * 1000);
  });

  it('never returned a full NIK or a password hash', () => {
    http.expectNoLeaks([NIK]);
  });
});
