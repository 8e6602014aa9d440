import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Role } from '../../../shared/roles';
import { afterCommit } from '../db/after-commit';
import type { Tx } from '../db/client';
import { appUser, session, userRole } from '../db/schema';

export const SESSION_COOKIE = 'simpul_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** How long a process trusts its cached copy of a session (role changes and sign-outs elsewhere). */
const CACHE_TTL_MS = 10_000;

export type SessionUser = {
  sessionId: string;
  regionId: string;
  userId: string;
  name: string;
  csrfToken: string;
  roles: { role: Role; opdId: string | null }[];
  expiresAt: number;
};

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(tx: Tx, regionId: string, userId: string, userAgent?: string) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await tx.insert(session).values({
    regionId,
    tokenHash: hashToken(token),
    userId,
    csrfToken,
    expiresAt,
    userAgent: userAgent?.slice(0, 300),
  });
  return { token, csrfToken, expiresAt };
}

/** Small per-process cache so an authenticated request costs no extra query on the hot path. */
// region-safe: every key starts with the region id (`${regionId}:${tokenHash}`).
const cache = new Map<string, { user: SessionUser | null; until: number }>();
// region-safe: the same region-prefixed keys, for lookups in flight.
const pending = new Map<string, Promise<SessionUser | null>>();

/**
 * Bumped by every forget: a lookup that began before it may have read the session as it was, so
 * its answer serves the requests that waited for it but is not kept, and is no longer joined.
 */
let forgets = 0;

/** Drops a signed-out session. Call once its deletion committed (see `afterCommit`). */
export function forgetSession(tokenHash: string) {
  forgets++;
  for (const key of cache.keys()) if (key.endsWith(`:${tokenHash}`)) cache.delete(key);
  for (const key of pending.keys()) if (key.endsWith(`:${tokenHash}`)) pending.delete(key);
}
/** Drops every cached session of a user (role change, disable, sign-out everywhere), once committed. */
export function forgetUserSessions(userId: string) {
  forgets++;
  for (const [k, v] of cache) if (v.user?.userId === userId) cache.delete(k);
  pending.clear(); // whose lookup each is shows only in its answer
}

/**
 * The session of `token` in `regionId` from this process's cache: the user, null (known to be no
 * session), or undefined when not cached (then `findSession`). Lets a request skip an await.
 */
export function cachedSession(regionId: string, token: string): SessionUser | null | undefined {
  return cachedByKey(regionId, `${regionId}:${hashToken(token)}`);
}

function cachedByKey(regionId: string, key: string): SessionUser | null | undefined {
  const now = Date.now();
  const hit = cache.get(key);
  if (
    hit &&
    hit.until > now &&
    (hit.user === null || (hit.user.regionId === regionId && hit.user.expiresAt > now))
  )
    return hit.user;
  return undefined;
}

export async function findSession(
  load: (work: (tx: Tx) => Promise<SessionUser | null>) => Promise<SessionUser | null>,
  regionId: string,
  token: string,
): Promise<SessionUser | null> {
  const tokenHash = hashToken(token);
  // Keyed by region too: a token presented to another region must never match a cached session.
  const key = `${regionId}:${tokenHash}`;
  const hit = cachedByKey(regionId, key);
  if (hit !== undefined) return hit;
  // Single flight: when an entry expires under load, one lookup serves every waiting request.
  const inflight = pending.get(key);
  if (inflight) return inflight;
  const since = forgets;
  const lookup = load(async (tx) => {
    const [row] = await tx
      .select({
        sessionId: session.id,
        userId: session.userId,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
        name: appUser.name,
        disabledAt: appUser.disabledAt,
      })
      .from(session)
      .innerJoin(appUser, and(eq(appUser.regionId, session.regionId), eq(appUser.id, session.userId)))
      .where(and(eq(session.tokenHash, tokenHash), gt(session.expiresAt, new Date())));
    if (!row || row.disabledAt) return null;
    const roles = await tx
      .select({ role: userRole.role, opdId: userRole.opdId })
      .from(userRole)
      .where(eq(userRole.userId, row.userId));
    return {
      sessionId: row.sessionId,
      regionId,
      userId: row.userId,
      name: row.name,
      csrfToken: row.csrfToken,
      roles,
      expiresAt: row.expiresAt.getTime(),
    };
  })
    .then((user) => {
      if (since !== forgets) return user;
      if (cache.size > 50_000) cache.clear();
      cache.set(key, { user, until: Date.now() + CACHE_TTL_MS });
      return user;
    })
    .finally(() => {
      if (pending.get(key) === lookup) pending.delete(key);
    });
  pending.set(key, lookup);
  return lookup;
}

export async function deleteSession(tx: Tx, token: string) {
  const tokenHash = hashToken(token);
  await tx.delete(session).where(eq(session.tokenHash, tokenHash));
  afterCommit(tx, () => forgetSession(tokenHash));
}
