import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Tx } from '../db/client';
import { verificationCode } from '../db/schema';

/** A code confirms a contact or sets a forgotten password, never the other: each has its own newest code. */
export type CodePurpose = 'verify' | 'password-reset';

export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_RESEND_INTERVAL_MS = 60 * 1000;

/** Salted with the account id so equal codes of two accounts never share a hash. */
function hashCode(userId: string, code: string): string {
  return createHash('sha256').update(`${userId}:${code}`).digest('hex');
}

export function codeMatches(userId: string, code: string, codeHash: string): boolean {
  const a = Buffer.from(hashCode(userId, code), 'hex');
  const b = Buffer.from(codeHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Where an account's codes go: the phone by SMS when it has one, else its e-mail. */
export function deliveryTarget(user: { phone: string | null; email: string | null }) {
  if (user.phone) return { channel: 'sms' as const, to: user.phone };
  if (user.email) return { channel: 'email' as const, to: user.email };
  return null;
}

/**
 * Stores a new 6-digit code (only its hash) valid for 10 minutes and returns the plain code for
 * the sender. Only the newest code of an account and purpose counts, so issuing one retires the others.
 */
export async function issueVerificationCode(
  tx: Tx,
  regionId: string,
  userId: string,
  channel: 'sms' | 'email',
  purpose: CodePurpose = 'verify',
): Promise<string> {
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  // Times come from the API's clock, the one expiry and the resend interval are checked against.
  const now = Date.now();
  await tx.insert(verificationCode).values({
    regionId,
    userId,
    channel,
    purpose,
    codeHash: hashCode(userId, code),
    createdAt: new Date(now),
    expiresAt: new Date(now + CODE_TTL_MS),
  });
  return code;
}
