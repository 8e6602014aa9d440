import { eq, sql } from 'drizzle-orm';
import type { LoginInput } from '../../../shared/auth';
import { normalizePhone } from '../../../shared/indonesia';
import type { Tx } from '../db/client';
import { appUser } from '../db/schema';
import { AppError } from '../errors';
import { emitEvent } from '../events/emit';
import { hashPassword, verifyPassword } from './password';
import { acceptTotp } from './totp';
import { claimTotpStep } from './totp-claim';
import type { RunInRegion } from './types';

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;

const badCredentials = () =>
  new AppError('UNAUTHENTICATED', {
    messages: { id: 'Nomor/e-mail atau kata sandi salah', en: 'Wrong phone number/e-mail or password' },
  });
const wrongTotp = () =>
  new AppError('UNAUTHENTICATED', {
    messages: { id: 'Kode verifikasi dua langkah salah.', en: 'The two-factor code is wrong.' },
    details: { field: 'totp' },
  });
const locked = (until: Date) => new AppError('ACCOUNT_LOCKED', { details: { until: until.toISOString() } });
const disabled = () =>
  new AppError('FORBIDDEN', {
    messages: {
      id: 'Akun ini dinonaktifkan. Hubungi admin daerah.',
      en: 'This account is disabled. Contact the region admin.',
    },
  });

// Verified against when the account does not exist, so an unknown identifier costs the same
// hashing time as a wrong password and timing does not tell which accounts exist.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => {
  dummyHash ??= hashPassword('simpul-timing-equaliser');
  return dummyHash;
};

type Account = {
  id: string;
  name: string;
  passwordHash: string;
  failedLogins: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  totpSecret: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
};

/** Finds the region's account by phone (08…, 628…, +628…) or e-mail. */
async function findAccount(tx: Tx, identifier: string): Promise<Account | null> {
  const phone = identifier.includes('@') ? null : normalizePhone(identifier);
  if (!phone && !identifier.includes('@')) return null;
  const [row] = await tx
    .select({
      id: appUser.id,
      name: appUser.name,
      passwordHash: appUser.passwordHash,
      failedLogins: appUser.failedLogins,
      lockedUntil: appUser.lockedUntil,
      disabledAt: appUser.disabledAt,
      totpSecret: appUser.totpSecret,
      totpEnabledAt: appUser.totpEnabledAt,
      totpLastStep: appUser.totpLastStep,
    })
    .from(appUser)
    .where(phone ? eq(appUser.phone, phone) : eq(appUser.email, identifier.toLowerCase()));
  return row ?? null;
}

/**
 * Counts a failed attempt (committed on its own) and locks the account for 15 minutes at the
 * fifth consecutive one. Returns the error to throw: the lock itself once it happens.
 */
async function recordFailure(run: RunInRegion, regionId: string, account: Account, error: AppError) {
  return run(async (tx) => {
    const [row] = await tx
      .update(appUser)
      .set({ failedLogins: sql`${appUser.failedLogins} + 1` })
      .where(eq(appUser.id, account.id))
      .returning({ failedLogins: appUser.failedLogins });
    if (!row || row.failedLogins < LOCK_AFTER_FAILURES) return error;
    const until = new Date(Date.now() + LOCK_MS);
    // The counter restarts, so after the lock ends the account gets five fresh attempts.
    await tx.update(appUser).set({ failedLogins: 0, lockedUntil: until }).where(eq(appUser.id, account.id));
    await emitEvent(tx, regionId, {
      type: 'core.user.locked',
      subject: account.id,
      summary: {
        id: `Akun dikunci 15 menit setelah ${LOCK_AFTER_FAILURES} kali gagal masuk: ${account.name}`,
        en: `Account locked for 15 minutes after ${LOCK_AFTER_FAILURES} failed sign-ins: ${account.name}`,
      },
      data: { until: until.toISOString() },
    });
    return locked(until);
  });
}

/**
 * Checks credentials of an account of the region and returns its id. Order matters: a locked
 * account is refused before the password is looked at; a disabled account or a missing TOTP
 * code is reported only to someone who knows the password. Hashing runs outside transactions.
 */
export async function signIn(
  run: RunInRegion,
  regionId: string,
  input: LoginInput,
): Promise<{ userId: string }> {
  const account = await run((tx) => findAccount(tx, input.identifier));
  if (!account) {
    await verifyPassword(await getDummyHash(), input.password);
    throw badCredentials();
  }
  if (account.lockedUntil && account.lockedUntil.getTime() > Date.now()) throw locked(account.lockedUntil);
  if (!(await verifyPassword(account.passwordHash, input.password)))
    throw await recordFailure(run, regionId, account, badCredentials());
  if (account.disabledAt) throw disabled();
  if (account.totpEnabledAt && account.totpSecret) {
    // Not a failure: the client learns it must ask for the code, then repeats the request.
    if (!input.totp) throw new AppError('TOTP_REQUIRED');
    const step = acceptTotp(account.totpSecret, input.totp, account.totpLastStep);
    // The claim is the single-use check; the in-memory one above only spares a write.
    if (step === null || !(await run((tx) => claimTotpStep(tx, account.id, step))))
      throw await recordFailure(run, regionId, account, wrongTotp());
  }
  if (account.failedLogins > 0 || account.lockedUntil)
    await run((tx) =>
      tx.update(appUser).set({ failedLogins: 0, lockedUntil: null }).where(eq(appUser.id, account.id)),
    );
  return { userId: account.id };
}
