import type { LoginInput } from '../../../shared/auth';
import type { Tx } from '../db/client';
import { appUser } from '../db/schema';
import { AppError } from '../errors';
import { emitEvent } from '../events/emit';
import { identifierCondition } from './identifier';
import { hashPassword, verifyPassword } from './password';
import {
  ACCOUNT_ADDRESS_LOCK,
  accountLocked,
  clearAccountFailures,
  recordSignInFailure,
  signInRefusal,
} from './sign-in-throttle';
import { acceptTotp } from './totp';
import { claimTotpStep } from './totp-claim';
import type { RunInRegion } from './types';

const badCredentials = () =>
  new AppError('UNAUTHENTICATED', {
    messages: { id: 'Nomor/e-mail atau kata sandi salah', en: 'Wrong phone number/e-mail or password' },
  });
const wrongTotp = () =>
  new AppError('UNAUTHENTICATED', {
    messages: { id: 'Kode verifikasi dua langkah salah.', en: 'The two-factor code is wrong.' },
    details: { field: 'totp' },
  });
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
  disabledAt: Date | null;
  totpSecret: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
};

/** Finds the region's account by phone (08…, 628…, +628…) or e-mail. */
async function findAccount(tx: Tx, identifier: string): Promise<Account | null> {
  const where = identifierCondition(identifier);
  if (!where) return null;
  const [row] = await tx
    .select({
      id: appUser.id,
      name: appUser.name,
      passwordHash: appUser.passwordHash,
      disabledAt: appUser.disabledAt,
      totpSecret: appUser.totpSecret,
      totpEnabledAt: appUser.totpEnabledAt,
      totpLastStep: appUser.totpLastStep,
    })
    .from(appUser)
    .where(where);
  return row ?? null;
}

/**
 * Counts a failed attempt (committed on its own, before the error is thrown) and returns the
 * error to throw: the lock for this address once it happens. The lock event names no one and no
 * address: events reach the live stream.
 */
async function recordFailure(
  run: RunInRegion,
  regionId: string,
  address: string,
  account: Account | null,
  error: AppError,
) {
  return run(async (tx) => {
    const until = await recordSignInFailure(tx, regionId, address, account?.id ?? null);
    if (!until || !account) return error;
    await emitEvent(tx, regionId, {
      type: 'core.user.locked',
      subject: account.id,
      summary: {
        id: `Akun dikunci 15 menit untuk satu alamat setelah ${ACCOUNT_ADDRESS_LOCK.failures} kali gagal masuk`,
        en: `Account locked for 15 minutes for one address after ${ACCOUNT_ADDRESS_LOCK.failures} failed sign-ins`,
      },
      data: { until: until.toISOString() },
    });
    return accountLocked(until);
  });
}

/**
 * Checks credentials of an account of the region and returns its id. Order matters: the limits
 * of sign-in-throttle.ts (address, account from this address, account) refuse before the
 * password is looked at; a disabled account or a missing TOTP code is reported only to someone
 * who knows the password. `address` is the client's (req.ip). Hashing runs outside transactions.
 */
export async function signIn(
  run: RunInRegion,
  regionId: string,
  input: LoginInput,
  address: string,
): Promise<{ userId: string }> {
  const { account, refusal } = await run(async (tx) => {
    const found = await findAccount(tx, input.identifier);
    return { account: found, refusal: await signInRefusal(tx, address, found?.id ?? null) };
  });
  if (refusal) throw refusal;
  if (!account) {
    await verifyPassword(await getDummyHash(), input.password);
    throw await recordFailure(run, regionId, address, null, badCredentials());
  }
  if (!(await verifyPassword(account.passwordHash, input.password)))
    throw await recordFailure(run, regionId, address, account, badCredentials());
  if (account.disabledAt) throw disabled();
  if (account.totpEnabledAt && account.totpSecret) {
    // Not a failure: the client learns it must ask for the code, then repeats the request.
    if (!input.totp) throw new AppError('TOTP_REQUIRED');
    const step = acceptTotp(account.totpSecret, input.totp, account.totpLastStep);
    // The claim is the single-use check; the in-memory one above only spares a write.
    if (step === null || !(await run((tx) => claimTotpStep(tx, account.id, step))))
      throw await recordFailure(run, regionId, address, account, wrongTotp());
  }
  await run((tx) => clearAccountFailures(tx, address, account.id));
  return { userId: account.id };
}
