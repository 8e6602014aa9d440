import { eq, type SQL } from 'drizzle-orm';
import { normalizePhone } from '../../../shared/indonesia';
import { appUser } from '../db/schema';

/**
 * The account condition for a sign-in identifier: a phone number in any accepted form (08…,
 * 628…, +628…) or an e-mail address. Null when it is neither (no account can match).
 */
export function identifierCondition(identifier: string): SQL | null {
  const trimmed = identifier.trim();
  if (trimmed.includes('@')) return eq(appUser.email, trimmed.toLowerCase());
  const phone = normalizePhone(trimmed);
  return phone ? eq(appUser.phone, phone) : null;
}
