import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { currentTotp } from '../../api/core/auth/totp';
import { event } from '../../api/core/db/schema';
import { createRegion, createTestApp, type TestApp, type TestRegion } from '../support/app';
import {
  accountRow,
  asTest,
  type Browser,
  browserOf,
  e164,
  expectEnvelope,
  failedSignIns,
  newAddress,
  newPhone,
  PASSWORD,
  Recorder,
} from './helpers';

/** A code that is certainly not valid now (outside the ±1 step window). */
const staleTotp = (secret: string) => {
  const valid = new Set([-30_000, 0, 30_000].map((d) => currentTotp(secret, Date.now() + d)));
  for (let i = 0; ; i++) {
    const code = String(i).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
};

describe('two-factor sign-in (TOTP)', () => {
  let t: TestApp;
  let region: TestRegion;
  let http: Recorder;
  const secrets: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    http = new Recorder(t, region);
  });
  afterAll(() => t.close());
  // Each test signs in from its own address: failed sign-ins are counted per address.
  beforeEach(() => {
    http.address = newAddress();
  });

  /** A citizen with TOTP in force: phone, browser, secret. */
  async function withTotp() {
    const phone = newPhone();
    const reg = await http.register({ name: 'Pengguna TOTP', phone, password: PASSWORD });
    const browser = browserOf(reg);
    const setup = await http.send({ method: 'POST', url: '/api/auth/totp/setup', as: browser });
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret, otpauthUrl } = setup.json();
    secrets.push(secret);
    const enabled = await http.send({
      method: 'POST',
      url: '/api/auth/totp/enable',
      as: browser,
      payload: { code: currentTotp(secret) },
    });
    expect(enabled.statusCode, enabled.body).toBe(200);
    return { phone, browser, secret, otpauthUrl: otpauthUrl as string, id: reg.json().user.id as string };
  }

  it('sets up with a secret for the authenticator app, in force only after a valid code', async () => {
    const phone = newPhone();
    const reg = await http.register({ name: 'Andi', phone, password: PASSWORD });
    const browser: Browser = browserOf(reg);
    const setup = await http.send({ method: 'POST', url: '/api/auth/totp/setup', as: browser });
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret, otpauthUrl } = setup.json();
    secrets.push(secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('issuer')).toBe(`${region.name} LIVE`);
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(decodeURIComponent(url.pathname)).toContain(e164(phone));

    // Not in force yet: the password alone still signs in.
    expect((await http.login({ identifier: phone, password: PASSWORD })).statusCode).toBe(200);

    const wrong = await http.send({
      method: 'POST',
      url: '/api/auth/totp/enable',
      as: browser,
      payload: { code: staleTotp(secret) },
    });
    expectEnvelope(wrong, 400, 'VALIDATION_FAILED');
    expect((await accountRow(t, region.id, reg.json().user.id)).totpEnabledAt).toBeNull();

    const ok = await http.send({
      method: 'POST',
      url: '/api/auth/totp/enable',
      as: browser,
      payload: { code: currentTotp(secret) },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.totpEnabled).toBe(true);
    const events = await asTest(t, region.id, (tx) =>
      tx
        .select()
        .from(event)
        .where(and(eq(event.type, 'core.user.totp-enabled'), eq(event.subject, reg.json().user.id))),
    );
    expect(events).toHaveLength(1);

    // A second set-up would silently replace the secret in force.
    expectEnvelope(
      await http.send({ method: 'POST', url: '/api/auth/totp/setup', as: browser }),
      409,
      'CONFLICT',
    );
  });

  it('asks for the code (401 TOTP_REQUIRED, not counted as a failure), then signs in with it', async () => {
    const { phone, secret, id } = await withTotp();
    for (let i = 0; i < 6; i++)
      expectEnvelope(await http.login({ identifier: phone, password: PASSWORD }), 401, 'TOTP_REQUIRED');
    expect(await failedSignIns(t, region.id, id)).toBe(0);
    // The code that enabled TOTP was used; the next 30-second step's code is new.
    const code = currentTotp(secret, Date.now() + 30_000);
    const ok = await http.login({ identifier: phone, password: PASSWORD, totp: code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.totpEnabled).toBe(true);
  });

  it('accepts a code only once: replaying it (e.g. seen over a shoulder) fails', async () => {
    const { phone, secret } = await withTotp();
    const reused = currentTotp(secret); // already used to enable TOTP
    expectEnvelope(
      await http.login({ identifier: phone, password: PASSWORD, totp: reused }),
      401,
      'UNAUTHENTICATED',
    );
    const fresh = currentTotp(secret, Date.now() + 30_000);
    expect((await http.login({ identifier: phone, password: PASSWORD, totp: fresh })).statusCode).toBe(200);
    expectEnvelope(
      await http.login({ identifier: phone, password: PASSWORD, totp: fresh }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('accepts a code once even when 8 sign-ins with it race: exactly one 200', async () => {
    const { phone, secret } = await withTotp();
    const code = currentTotp(secret, Date.now() + 30_000);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => http.login({ identifier: phone, password: PASSWORD, totp: code })),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(
      statuses.filter((s) => s === 200),
      statuses.join(','),
    ).toHaveLength(1);
  });

  it('does not reveal that a code is needed to someone without the password', async () => {
    const { phone } = await withTotp();
    expectEnvelope(
      await http.login({ identifier: phone, password: 'bukan-kata-sandinya' }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('counts a wrong code as a failed sign-in: five lock the account', async () => {
    const { phone, secret, id } = await withTotp();
    const wrong = staleTotp(secret);
    const first = expectEnvelope(
      await http.login({ identifier: phone, password: PASSWORD, totp: wrong }),
      401,
      'UNAUTHENTICATED',
    );
    expect(first.details).toEqual({ field: 'totp' });
    expect(await failedSignIns(t, region.id, id)).toBe(1);
    for (let i = 0; i < 3; i++)
      expectEnvelope(
        await http.login({ identifier: phone, password: PASSWORD, totp: wrong }),
        401,
        'UNAUTHENTICATED',
      );
    expectEnvelope(
      await http.login({ identifier: phone, password: PASSWORD, totp: wrong }),
      423,
      'ACCOUNT_LOCKED',
    );
    expectEnvelope(
      await http.login({ identifier: phone, password: PASSWORD, totp: currentTotp(secret) }),
      423,
      'ACCOUNT_LOCKED',
    );
  });

  it('turns off only with a valid code', async () => {
    const { phone, browser, secret } = await withTotp();
    expectEnvelope(
      await http.send({
        method: 'POST',
        url: '/api/auth/totp/disable',
        as: browser,
        payload: { code: staleTotp(secret) },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const off = await http.send({
      method: 'POST',
      url: '/api/auth/totp/disable',
      as: browser,
      payload: { code: currentTotp(secret, Date.now() + 30_000) },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().user.totpEnabled).toBe(false);
    expect((await http.login({ identifier: phone, password: PASSWORD })).statusCode).toBe(200);
    expectEnvelope(
      await http.send({
        method: 'POST',
        url: '/api/auth/totp/disable',
        as: browser,
        payload: { code: currentTotp(secret) },
      }),
      409,
      'CONFLICT',
    );
  });

  it('needs a signed-in account for set-up', async () => {
    expectEnvelope(await http.send({ method: 'POST', url: '/api/auth/totp/setup' }), 401, 'UNAUTHENTICATED');
  });

  it('never returned a TOTP secret after its set-up response, nor a password hash', () => {
    expect(secrets.length).toBeGreaterThan(3);
    http.expectNoLeaks(secrets, (url) => url.endsWith('/api/auth/totp/setup'));
  });
});
