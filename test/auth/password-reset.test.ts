import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { appUser, event } from '../../api/core/db/schema';
import {
  createAccount,
  createRegion,
  createTestApp,
  TEST_PASSWORD,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../support/app';
import { asTest, browserOf, expectEnvelope, newAddress, newPhone, PASSWORD, Recorder } from './helpers';

const NEW_PASSWORD = 'payung-biru-di-pelabuhan-88';

describe('forgotten password ("Lupa kata sandi")', () => {
  let t: TestApp;
  let region: TestRegion;
  let http: Recorder;
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    http = new Recorder(t, region);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    http.address = newAddress();
  });

  const request = (identifier: string) =>
    http.send({ method: 'POST', url: '/api/auth/password-reset/request', payload: { identifier } });
  const reset = (identifier: string, code: string, newPassword = NEW_PASSWORD) =>
    http.send({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { identifier, code, newPassword },
    });
  const resetCodes = (to: string) =>
    t.sender.sent.filter((m) => m.to === to && m.purpose === 'password-reset');
  /** The reset code sent to `to` (delivery is not awaited by the API: wait for it). */
  const codeSentTo = (to: string, nth = 1) =>
    vi.waitFor(() => {
      const code = resetCodes(to)[nth - 1]?.code;
      if (!code) throw new Error(`no reset code ${nth} for ${to}`);
      return code;
    });

  it('resets with the code sent, ends every session, and the new password signs in', async () => {
    const account: TestAccount = await createAccount(t, region, ['operator']);
    const other = browserOf(await http.login({ identifier: account.email, password: TEST_PASSWORD }));
    expect((await http.send({ method: 'GET', url: '/api/auth/me', as: account.headers })).statusCode).toBe(
      200,
    );

    const asked = await request(account.email.toUpperCase());
    expect(asked.statusCode, asked.body).toBe(202);
    const code = await codeSentTo(account.email);
    expect(resetCodes(account.email)[0]).toMatchObject({ channel: 'email', purpose: 'password-reset' });

    const done = await reset(account.email, code);
    expect(done.statusCode, done.body).toBe(204);

    for (const browser of [account.headers, other])
      expectEnvelope(
        await http.send({ method: 'GET', url: '/api/auth/me', as: browser }),
        401,
        'SESSION_EXPIRED',
      );
    expectEnvelope(
      await http.login({ identifier: account.email, password: TEST_PASSWORD }),
      401,
      'UNAUTHENTICATED',
    );
    expect((await http.login({ identifier: account.email, password: NEW_PASSWORD })).statusCode).toBe(200);

    // The code worked once.
    const reused = expectEnvelope(
      await reset(account.email, code, 'payung-merah-di-dermaga-99'),
      400,
      'VALIDATION_FAILED',
    );
    expect(reused.details).toEqual([expect.objectContaining({ path: 'body.code' })]);

    const [logged] = await asTest(t, region.id, (tx) =>
      tx.select().from(event).where(eq(event.type, 'core.user.password-reset')),
    );
    expect(logged?.subject).toBe(account.id);
    expect(JSON.stringify(logged)).not.toContain(account.email);
  });

  it('answers an unknown identifier exactly like a known one, and sends nothing', async () => {
    const account = await createAccount(t, region, ['citizen']);
    const sentBefore = t.sender.sent.length;
    const unknownPhone = newPhone();
    const known = await request(account.email);
    const unknown = await request(`tidak.ada.${Date.now()}@example.id`);
    const unknownByPhone = await request(unknownPhone);
    for (const res of [unknown, unknownByPhone]) {
      expect(res.statusCode).toBe(known.statusCode);
      expect(res.body).toBe(known.body);
      expect(res.headers['content-type']).toBe(known.headers['content-type']);
    }
    await codeSentTo(account.email);
    expect(t.sender.sent.slice(sentBefore).map((m) => m.to)).toEqual([account.email]);

    // Step 2 with an unknown identifier fails like a wrong code.
    const wrong = expectEnvelope(await reset(account.email, '000000'), 400, 'VALIDATION_FAILED');
    const stranger = expectEnvelope(await reset(unknownPhone, '000000'), 400, 'VALIDATION_FAILED');
    expect(stranger.messages).toEqual(wrong.messages);
    expect(stranger.details).toEqual(wrong.details);
  });

  it('sends nothing to an unverified contact, and at most one code a minute', async () => {
    const phone = newPhone();
    const reg = await http.register({ name: 'Belum Verifikasi', phone, password: PASSWORD });
    expect(reg.statusCode, reg.body).toBe(201);
    expect((await request(phone)).statusCode).toBe(202);

    const account = await createAccount(t, region, ['citizen']);
    expect((await request(account.email)).statusCode).toBe(202);
    expect((await request(account.email)).statusCode).toBe(202);
    await codeSentTo(account.email);
    expect(resetCodes(account.email)).toHaveLength(1);
    expect(
      t.sender.sent.filter((m) => m.purpose === 'password-reset' && m.to.endsWith(phone.slice(1))),
    ).toEqual([]);
  });

  it('allows five attempts per code; then even the right code fails', async () => {
    const account = await createAccount(t, region, ['citizen']);
    await request(account.email);
    const code = await codeSentTo(account.email);
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expectEnvelope(await reset(account.email, wrongCode), 400, 'VALIDATION_FAILED');
    expectEnvelope(await reset(account.email, code), 400, 'VALIDATION_FAILED');
    expect((await http.login({ identifier: account.email, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('counts wrong codes with the address’s failed sign-ins: guessing across accounts gets 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await reset(newPhone(), '123456')).statusCode);
    expect(statuses.indexOf(429), statuses.join(',')).toBeGreaterThan(0);
    const limited = await reset(newPhone(), '123456');
    expectEnvelope(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a guessable new password on body.newPassword and keeps the code usable', async () => {
    const account = await createAccount(t, region, ['citizen']);
    await request(account.email);
    const code = await codeSentTo(account.email);
    const weak = expectEnvelope(await reset(account.email, code, 'password123'), 400, 'VALIDATION_FAILED');
    expect(weak.messages.id).toMatch(/^Kata sandi terlalu mudah ditebak/);
    expect(weak.details).toEqual([expect.objectContaining({ path: 'body.newPassword' })]);
    expect((await reset(account.email, code)).statusCode).toBe(204);
  });

  it('never sends a reset code to a disabled account', async () => {
    const account = await createAccount(t, region, ['opd_officer']);
    await asTest(t, region.id, (tx) =>
      tx.update(appUser).set({ disabledAt: new Date() }).where(eq(appUser.id, account.id)),
    );
    expect((await request(account.email)).statusCode).toBe(202);
    expect(resetCodes(account.email)).toEqual([]);
  });

  it('is in the OpenAPI document as public routes', async () => {
    const spec = (await t.app.inject('/api/openapi.json')).json();
    expect(spec.paths['/api/auth/password-reset/request']?.post).toBeDefined();
    expect(spec.paths['/api/auth/password-reset']?.post).toBeDefined();
  });

  it('never returned a password hash', () => {
    http.expectNoLeaks([]);
  });
});
