import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Tx } from '../../api/core/db/client';
import { appUser, signInThrottle } from '../../api/core/db/schema';
import { asPlatform } from '../../api/core/db/scope';
import { call, type TestApp, type TestRegion } from '../support/app';

export const PASSWORD = 'kata-sandi-uji-123';
export const NIK = '3671014501900001';

/** A fresh mobile number in its local form (08…), different in every call. */
export function newPhone(): string {
  return `0812${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}
export const e164 = (local: string) => `+62${local.slice(1)}`;

export type Browser = { cookie: string; 'x-csrf-token': string };

/**
 * Every response body the auth tests saw, so each file can finally assert that none carried a
 * full NIK, a password hash or a TOTP secret (the setup response is the one allowed exception).
 */
export class Recorder {
  readonly bodies: { url: string; body: string }[] = [];
  /** The client's address (app.inject `remoteAddress`); sign-in limits count per address. */
  address = '127.0.0.1';
  constructor(
    private readonly t: TestApp,
    private readonly region: TestRegion,
  ) {}

  async send(opts: InjectOptions & { as?: Browser; region?: TestRegion }): Promise<LightMyRequestResponse> {
    const { as, region, headers, ...rest } = opts;
    const res = await call(this.t, region ?? this.region, {
      remoteAddress: this.address,
      ...rest,
      headers: { ...(as ?? {}), ...(headers ?? {}) },
    } as InjectOptions);
    this.bodies.push({ url: String(opts.url), body: res.body });
    return res;
  }

  register(payload: Record<string, unknown>, region?: TestRegion) {
    return this.send({ method: 'POST', url: '/api/auth/register', payload, region });
  }

  login(payload: Record<string, unknown>, region?: TestRegion) {
    return this.send({ method: 'POST', url: '/api/auth/login', payload, region });
  }

  /** Asserts no recorded body contains any of `secrets` (except where `allow` says so). */
  expectNoLeaks(secrets: string[], allow: (url: string) => boolean = () => false) {
    for (const { url, body } of this.bodies) {
      expect(body, url).not.toContain('$argon2');
      if (allow(url)) continue;
      for (const s of secrets) expect(body.includes(s), `${url} leaks a secret`).toBe(false);
    }
  }
}

/** The signed-in browser behind a sign-in or registration response: its cookie and CSRF token. */
export function browserOf(res: LightMyRequestResponse): Browser {
  const c = res.cookies.find((x) => x.name === 'simpul_session');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return { cookie: `simpul_session=${c.value}`, 'x-csrf-token': res.json().csrfToken };
}

export function expectEnvelope(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(body.error.code).toBe(code);
  expect(body.error.messages.id).toBeTruthy();
  expect(body.error.messages.en).toBeTruthy();
  expect(body.error.requestId).toBeTruthy();
  return body.error as {
    code: string;
    message: string;
    messages: { id: string; en: string };
    details?: unknown;
  };
}

/** The last code "sent" to an address (the test app's LogSender keeps them). */
export function lastCode(t: TestApp, to: string): string {
  const sent = t.sender.sent.filter((m) => m.to === to);
  const last = sent[sent.length - 1];
  if (!last) throw new Error(`no code sent to ${to}`);
  return last.code;
}

/** Direct database access across regions for setting up states (expired codes, disabled accounts). */
export function asTest<T>(t: TestApp, regionId: string, work: (tx: Tx) => Promise<T>) {
  return asPlatform(
    t.database,
    { actor: 'test', action: 'test.auth', reason: 'test fixture', regionId },
    work,
  );
}

export async function accountRow(t: TestApp, regionId: string, userId: string) {
  const [row] = await asTest(t, regionId, (tx) => tx.select().from(appUser).where(eq(appUser.id, userId)));
  if (!row) throw new Error('no such account');
  return row;
}

/** A fresh client address (10.x.y.z), different in every call. */
export function newAddress(): string {
  return `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/**
 * Recent failed sign-ins of an account as the database counts them: across addresses, or from
 * one address when `address` is given (api/core/auth/sign-in-throttle.ts).
 */
export async function failedSignIns(t: TestApp, regionId: string, userId: string, address?: string) {
  const key = address ? `account:${userId}@${address}` : `account:${userId}`;
  const [row] = await asTest(t, regionId, (tx) =>
    tx
      .select()
      .from(signInThrottle)
      .where(and(eq(signInThrottle.regionId, regionId), eq(signInThrottle.key, key))),
  );
  return row?.failures ?? 0;
}
