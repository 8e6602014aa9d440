import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { signInThrottle } from '../db/schema';
import { AppError } from '../errors';
import { addressBucket } from './address-bucket';

/**
 * Failed sign-ins are counted in the database (table `sign_in_throttle`), not in the process:
 * behind a load balancer an attacker's requests are spread over every API process, and each
 * would otherwise see only its share. Three counters, each answering one attack:
 *
 * - per address, across accounts: password spraying (one common password against many accounts);
 * - per account AND address: the lock after repeated guesses. Locking the whole account would let
 *   any anonymous visitor lock any officer out with five wrong passwords; locking only the
 *   guesser's address leaves the owner, signing in from elsewhere, unaffected;
 * - per account, across addresses: a slow-down that grows with each failure, for guessing spread
 *   over many addresses. It delays the owner by at most SLOW_DOWN.maxDelayMs, never locks them out.
 */
export const ADDRESS_LIMIT = {
  /** Failed sign-ins per address in the window. Successful ones do not count, so a shared
   *  carrier address (CGNAT) is only blocked by many failures, which is what spraying looks like. */
  failures: 20,
  windowMs: 10 * 60 * 1000,
};
export const ACCOUNT_ADDRESS_LOCK = { failures: 5, windowMs: 15 * 60 * 1000, lockMs: 15 * 60 * 1000 };
export const SLOW_DOWN = {
  /** Failures of one account (from any address) before the slow-down starts. */
  after: 10,
  windowMs: 60 * 60 * 1000,
  /** 1 s, 2 s, 4 s … after each further failure, capped: at most ~288 guesses a day, spread thin. */
  maxDelayMs: 5 * 60 * 1000,
};
/** Rows are personal data (addresses): kept only while they can still matter. */
const KEEP_MS = 24 * 60 * 60 * 1000;

const addressKey = (address: string) => `address:${addressBucket(address)}`;
const accountAddressKey = (userId: string, address: string) => `account:${userId}@${addressBucket(address)}`;
const accountKey = (userId: string) => `account:${userId}`;

const retryAfter = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export const accountLocked = (until: Date) =>
  new AppError('ACCOUNT_LOCKED', {
    messages: {
      id: 'Terlalu banyak percobaan masuk yang gagal ke akun ini dari perangkat/jaringan Anda. Akun dikunci sementara untuk alamat ini.',
      en: 'Too many failed sign-ins to this account from your device/network. It is temporarily locked for this address.',
    },
    details: { until: until.toISOString(), retryAfterSeconds: retryAfter(until.getTime() - Date.now()) },
  });

const addressLimited = (ms: number) =>
  new AppError('RATE_LIMITED', {
    messages: {
      id: `Terlalu banyak percobaan masuk yang gagal dari jaringan ini. Coba lagi dalam ${Math.ceil(ms / 60_000)} menit.`,
      en: `Too many failed sign-ins from this network. Try again in ${Math.ceil(ms / 60_000)} minutes.`,
    },
    details: { retryAfterSeconds: retryAfter(ms) },
  });

const slowedDown = (ms: number) =>
  new AppError('RATE_LIMITED', {
    messages: {
      id: `Terlalu banyak percobaan masuk ke akun ini. Coba lagi dalam ${retryAfter(ms)} detik.`,
      en: `Too many sign-in attempts for this account. Try again in ${retryAfter(ms)} seconds.`,
    },
    details: { retryAfterSeconds: retryAfter(ms) },
  });

/** Delay before the next attempt on an account with `failures` recent failures. */
export function slowDownDelay(failures: number): number {
  if (failures < SLOW_DOWN.after) return 0;
  return Math.min(1000 * 2 ** (failures - SLOW_DOWN.after), SLOW_DOWN.maxDelayMs);
}

/**
 * The error that refuses this attempt before any password is checked, or null. `userId` is null
 * for an identifier with no account (only the address counts then).
 */
export async function signInRefusal(
  tx: Tx,
  address: string,
  userId: string | null,
  now = Date.now(),
): Promise<AppError | null> {
  const keys = [addressKey(address)];
  if (userId) keys.push(accountAddressKey(userId, address), accountKey(userId));
  const rows = await tx.select().from(signInThrottle).where(inArray(signInThrottle.key, keys));
  const row = (key: string) => rows.find((r) => r.key === key);

  const byAddress = row(addressKey(address));
  if (byAddress && byAddress.failures >= ADDRESS_LIMIT.failures) {
    const left = byAddress.windowStartedAt.getTime() + ADDRESS_LIMIT.windowMs - now;
    if (left > 0) return addressLimited(left);
  }
  if (!userId) return null;
  const lock = row(accountAddressKey(userId, address))?.blockedUntil;
  if (lock && lock.getTime() > now) return accountLocked(lock);
  const account = row(accountKey(userId));
  if (account && account.windowStartedAt.getTime() + SLOW_DOWN.windowMs > now) {
    const left = account.lastFailureAt.getTime() + slowDownDelay(account.failures) - now;
    if (left > 0) return slowedDown(left);
  }
  return null;
}

/** Adds one failure to `key` in one statement (a new window once the old one has passed). */
async function bump(tx: Tx, regionId: string, key: string, windowMs: number, now: Date) {
  const expired = new Date(now.getTime() - windowMs);
  const [row] = await tx
    .insert(signInThrottle)
    .values({ regionId, key, failures: 1, windowStartedAt: now, lastFailureAt: now })
    .onConflictDoUpdate({
      target: [signInThrottle.regionId, signInThrottle.key],
      set: {
        failures: sql`case when ${signInThrottle.windowStartedAt} <= ${expired} then 1 else ${signInThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${signInThrottle.windowStartedAt} <= ${expired} then ${now} else ${signInThrottle.windowStartedAt} end`,
        lastFailureAt: now,
      },
    })
    .returning({ failures: signInThrottle.failures });
  return row?.failures ?? 1;
}

/**
 * Counts a failed sign-in on every counter it belongs to (committed by the caller's transaction,
 * before the error is thrown). Returns the lock's end when this failure locked the account for
 * this address.
 */
export async function recordSignInFailure(
  tx: Tx,
  regionId: string,
  address: string,
  userId: string | null,
  nowMs = Date.now(),
): Promise<Date | null> {
  const now = new Date(nowMs);
  await tx
    .delete(signInThrottle)
    .where(
      and(
        lt(signInThrottle.lastFailureAt, new Date(nowMs - KEEP_MS)),
        or(isNull(signInThrottle.blockedUntil), lt(signInThrottle.blockedUntil, now)),
      ),
    );
  await bump(tx, regionId, addressKey(address), ADDRESS_LIMIT.windowMs, now);
  if (!userId) return null;
  await bump(tx, regionId, accountKey(userId), SLOW_DOWN.windowMs, now);
  const key = accountAddressKey(userId, address);
  const failures = await bump(tx, regionId, key, ACCOUNT_ADDRESS_LOCK.windowMs, now);
  if (failures < ACCOUNT_ADDRESS_LOCK.failures) return null;
  // The counter restarts, so after the lock ends this address gets five fresh attempts.
  const until = new Date(nowMs + ACCOUNT_ADDRESS_LOCK.lockMs);
  await tx
    .update(signInThrottle)
    .set({ failures: 0, windowStartedAt: now, blockedUntil: until })
    .where(eq(signInThrottle.key, key));
  return until;
}

/** A successful sign-in forgets the account's failures (not the address's: spraying goes on). */
export async function clearAccountFailures(tx: Tx, address: string, userId: string): Promise<void> {
  await tx
    .delete(signInThrottle)
    .where(inArray(signInThrottle.key, [accountAddressKey(userId, address), accountKey(userId)]));
}
