import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addressBucket } from '../../api/core/auth/address-bucket';
import { appUser, event, signInThrottle } from '../../api/core/db/schema';
import { registry } from '../../api/core/metrics';
import {
  createAccount,
  createRegion,
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestRegion,
} from '../support/app';
import {
  asTest,
  browserOf,
  e164,
  expectEnvelope,
  failedSignIns,
  NIK,
  newAddress,
  newPhone,
  PASSWORD,
  Recorder,
} from './helpers';

const WRONG = 'bukan-kata-sandinya';

describe('sign-in', () => {
  let t: TestApp;
  let region: TestRegion;
  let http: Recorder;
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

  async function citizen(extra: Record<string, unknown> = {}) {
    const phone = newPhone();
    const res = await http.register({ name: 'Warga Uji', phone, password: PASSWORD, nik: NIK, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return { phone, id: res.json().user.id as string };
  }

  it('signs in by phone in every accepted form and by e-mail', async () => {
    const { phone, id } = await citizen({ email: 'masuk@example.id' });
    const forms = [
      phone,
      `62${phone.slice(1)}`,
      e164(phone),
      `+62 ${phone.slice(1, 4)}-${phone.slice(4, 8)}-${phone.slice(8)}`,
    ];
    for (const identifier of [...forms, 'MASUK@example.id']) {
      const res = await http.login({ identifier, password: PASSWORD });
      expect(res.statusCode, `${identifier}: ${res.body}`).toBe(200);
      expect(res.json().user).toMatchObject({ id, phone: e164(phone), nikMasked: '************0001' });
      expect(res.json().csrfToken).toEqual(expect.any(String));
      expect(res.cookies.find((c) => c.name === 'simpul_session')).toMatchObject({
        httpOnly: true,
        sameSite: 'Lax',
      });
    }
  });

  it('answers a wrong password and an unknown account alike: 401 "Nomor/e-mail atau kata sandi salah"', async () => {
    const { phone } = await citizen();
    const wrong = expectEnvelope(
      await http.login({ identifier: phone, password: WRONG }),
      401,
      'UNAUTHENTICATED',
    );
    const unknown = expectEnvelope(
      await http.login({ identifier: newPhone(), password: WRONG }),
      401,
      'UNAUTHENTICATED',
    );
    const garbage = expectEnvelope(
      await http.login({ identifier: 'bukan nomor', password: WRONG }),
      401,
      'UNAUTHENTICATED',
    );
    expect(wrong.message).toBe('Nomor/e-mail atau kata sandi salah');
    expect(unknown.messages).toEqual(wrong.messages);
    expect(garbage.messages).toEqual(wrong.messages);
    expect(unknown.details).toBeUndefined();
  });

  it('locks the account for the guessing address for 15 minutes after 5 failures: 423 even with the right password', async () => {
    const { phone, id } = await citizen();
    const attacker = http.address;
    for (let i = 0; i < 4; i++)
      expectEnvelope(await http.login({ identifier: phone, password: WRONG }), 401, 'UNAUTHENTICATED');
    const fifth = expectEnvelope(
      await http.login({ identifier: phone, password: WRONG }),
      423,
      'ACCOUNT_LOCKED',
    );
    const until = new Date((fifth.details as { until: string }).until).getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    const right = await http.login({ identifier: phone, password: PASSWORD });
    expectEnvelope(right, 423, 'ACCOUNT_LOCKED');
    expect(right.json().error.details.until).toEqual((fifth.details as { until: string }).until);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(14 * 60);

    const locked = await asTest(t, region.id, (tx) =>
      tx
        .select()
        .from(event)
        .where(and(eq(event.type, 'core.user.locked'), eq(event.subject, id))),
    );
    expect(locked).toHaveLength(1);
    // Events reach the live stream: no name, no address.
    expect(JSON.stringify(locked[0])).not.toContain(attacker);
    expect(JSON.stringify(locked[0])).not.toContain('Warga Uji');

    // Fifteen minutes later (moved back in the database rather than waiting) the password works again.
    await asTest(t, region.id, (tx) =>
      tx
        .update(signInThrottle)
        .set({ blockedUntil: new Date(Date.now() - 1000) })
        .where(eq(signInThrottle.key, `account:${id}@${attacker}`)),
    );
    expect((await http.login({ identifier: phone, password: PASSWORD })).statusCode).toBe(200);
    expect(await failedSignIns(t, region.id, id, attacker)).toBe(0);
  });

  it('does not let anyone lock the owner out: 5 wrong passwords from address A, the right one from address B signs in', async () => {
    const { phone, id } = await citizen();
    const a = newAddress();
    const b = newAddress();
    for (let i = 0; i < 5; i++)
      await http.send({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier: phone, password: WRONG },
        remoteAddress: a,
      });
    expectEnvelope(
      await http.send({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier: phone, password: PASSWORD },
        remoteAddress: a,
      }),
      423,
      'ACCOUNT_LOCKED',
    );
    const owner = await http.send({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier: phone, password: PASSWORD },
      remoteAddress: b,
    });
    expect(owner.statusCode, owner.body).toBe(200);
    expect(owner.json().user.id).toBe(id);
  });

  it('slows down guessing of one account spread over many addresses (Retry-After grows), without a lock', async () => {
    const { phone, id } = await citizen();
    // 10 failures, each from a different address: no address reaches its own limits.
    for (let i = 0; i < 10; i++)
      expectEnvelope(
        await http.send({
          method: 'POST',
          url: '/api/auth/login',
          payload: { identifier: phone, password: WRONG },
          remoteAddress: newAddress(),
        }),
        401,
        'UNAUTHENTICATED',
      );
    expect(await failedSignIns(t, region.id, id)).toBe(10);
    const slowed = await http.send({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier: phone, password: PASSWORD },
      remoteAddress: newAddress(),
    });
    expectEnvelope(slowed, 429, 'RATE_LIMITED');
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(300);
    // Once the delay has passed (moved back in the database), the owner signs in.
    await asTest(t, region.id, (tx) =>
      tx
        .update(signInThrottle)
        .set({ lastFailureAt: new Date(Date.now() - 10 * 60_000) })
        .where(eq(signInThrottle.key, `account:${id}`)),
    );
    const owner = await http.send({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier: phone, password: PASSWORD },
      remoteAddress: newAddress(),
    });
    expect(owner.statusCode, owner.body).toBe(200);
    expect(await failedSignIns(t, region.id, id)).toBe(0);
  });

  it('limits failed sign-ins per address across identifiers: spraying 30 accounts gets 429 before the end', async () => {
    const { phone } = await citizen();
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof http.login>> | undefined;
    for (let i = 0; i < 30; i++) {
      const res = await http.login({ identifier: i === 29 ? phone : newPhone(), password: 'Password123!' });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        limited ??= res;
      }
    }
    expect(statuses.indexOf(429), statuses.join(',')).toBeGreaterThan(0);
    expect(statuses.indexOf(429)).toBeLessThan(29);
    expectEnvelope(limited!, 429, 'RATE_LIMITED');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    // The address stays refused even for a right password; another address is not affected.
    expectEnvelope(await http.login({ identifier: phone, password: PASSWORD }), 429, 'RATE_LIMITED');
    // An operator sees it: counted as the sign-in limiter's, on its route.
    const counted = (await registry.getSingleMetric('simpul_rate_limit_rejections_total')!.get()).values.find(
      (v) => v.labels.limiter === 'sign_in' && v.labels.route === '/api/auth/login',
    );
    expect(counted?.value).toBeGreaterThanOrEqual(2);
    http.address = newAddress();
    expect((await http.login({ identifier: phone, password: PASSWORD })).statusCode).toBe(200);
  });

  it('counts only consecutive failures: a success resets the counter', async () => {
    const { phone, id } = await citizen();
    for (let i = 0; i < 4; i++) await http.login({ identifier: phone, password: WRONG });
    expect(await failedSignIns(t, region.id, id, http.address)).toBe(4);
    expect((await http.login({ identifier: phone, password: PASSWORD })).statusCode).toBe(200);
    expect(await failedSignIns(t, region.id, id, http.address)).toBe(0);
    expect(await failedSignIns(t, region.id, id)).toBe(0);
    for (let i = 0; i < 4; i++)
      expectEnvelope(await http.login({ identifier: phone, password: WRONG }), 401, 'UNAUTHENTICATED');
  });

  it('refuses a disabled account with 403 (only to someone who knows the password)', async () => {
    const { phone, id } = await citizen();
    await asTest(t, region.id, (tx) =>
      tx.update(appUser).set({ disabledAt: new Date() }).where(eq(appUser.id, id)),
    );
    expectEnvelope(await http.login({ identifier: phone, password: WRONG }), 401, 'UNAUTHENTICATED');
    expectEnvelope(await http.login({ identifier: phone, password: PASSWORD }), 403, 'FORBIDDEN');
  });

  it('rate-limits sign-in per address and identifier: the 11th attempt in a minute is a 429 envelope', async () => {
    const identifier = newPhone();
    for (let i = 0; i < 10; i++)
      expectEnvelope(await http.login({ identifier, password: WRONG }), 401, 'UNAUTHENTICATED');
    const limited = await http.login({ identifier: e164(identifier), password: WRONG });
    expectEnvelope(limited, 429, 'RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    // Someone else signing in from the same address is not affected.
    expectEnvelope(await http.login({ identifier: newPhone(), password: WRONG }), 401, 'UNAUTHENTICATED');
  });

  it('gives staff their permissions in the sign-in response', async () => {
    const admin = await createAccount(t, region, ['region_admin']);
    const res = await http.login({ identifier: admin.email, password: TEST_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().permissions).toEqual(
      expect.arrayContaining(['core:region.manage', 'core:users.manage', 'nomor-penting:manage']),
    );
    expect(res.json().user.roles).toEqual([{ role: 'region_admin', opdId: null }]);
    // The same set the access hook computes for later requests.
    const me = await http.send({ method: 'GET', url: '/api/auth/me', as: browserOf(res) });
    expect(me.json().permissions).toEqual(res.json().permissions);
  });

  it('keeps accounts per region: the same phone registers separately and signs in only where it belongs', async () => {
    const other = await createRegion(t);
    const phone = newPhone();
    expect((await http.register({ name: 'Di Daerah A', phone, password: PASSWORD })).statusCode).toBe(201);
    expectEnvelope(
      await http.login({ identifier: phone, password: PASSWORD }, other),
      401,
      'UNAUTHENTICATED',
    );

    const inB = await http.register({ name: 'Di Daerah B', phone, password: `${PASSWORD}-b` }, other);
    expect(inB.statusCode, inB.body).toBe(201);
    expectEnvelope(
      await http.login({ identifier: phone, password: PASSWORD }, other),
      401,
      'UNAUTHENTICATED',
    );
    const a = await http.login({ identifier: phone, password: PASSWORD });
    const b = await http.login({ identifier: phone, password: `${PASSWORD}-b` }, other);
    expect(a.json().user.name).toBe('Di Daerah A');
    expect(b.json().user.name).toBe('Di Daerah B');
    expect(a.json().user.id).not.toBe(b.json().user.id);

    // A session of region A means nothing in region B.
    expectEnvelope(
      await http.send({ method: 'GET', url: '/api/auth/me', as: browserOf(a), region: other }),
      401,
      'SESSION_EXPIRED',
    );
  });

  it('never returned a full NIK or a password hash', () => {
    http.expectNoLeaks([NIK]);
  });
});

describe('address buckets', () => {
  it('counts an IPv4 address alone and an IPv6 address by its /64', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(addressBucket('2001:DB8:AA:BB::99')).toBe('2001:db8:aa:bb::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
