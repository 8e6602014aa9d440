import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { appUser, regionArea } from '../db/schema';
import { notification, notificationJob, notificationPreference } from './schema';
import type { NotificationInput } from './types';

/** Channel the delivery workers LISTEN on; the payload is the region id. */
export const NOTIFY_CHANNEL = 'simpul_notifications';

const TOPIC = /^[a-z0-9-]+\.[a-z0-9.-]+$/;
const DAY_S = 24 * 3600;

export class NotificationTargetError extends Error {}

/**
 * Sends a notification through every channel its people chose: the in-app inbox, Web Push to
 * each device following the topic, and e-mail where someone asked for it. Call it inside the
 * transaction of the change it reports: it is stored and queued only if that change commits,
 * and the delivery workers are woken by a transactional NOTIFY. Delivery itself (encryption,
 * HTTP to the push services, retries, removing dead subscriptions) runs outside any request
 * (delivery.ts). Returns the ids of the stored notifications.
 */
export async function notify(tx: Tx, regionId: string, n: NotificationInput): Promise<string[]> {
  if (!TOPIC.test(n.topic)) throw new Error(`notification topic ${n.topic} is not <module>.<name>`);
  if (n.url != null && !(n.url.startsWith('/') && !n.url.startsWith('//')))
    throw new Error('a notification url is an app path on the same origin');
  const expiresAt = sql`now() + make_interval(secs => ${n.ttlSeconds ?? DAY_S})`;
  const urgency = n.urgency ?? 'normal';
  const content = { regionId, topic: n.topic, title: n.title, body: n.body ?? null, url: n.url ?? null };

  if ('broadcast' in n.to) {
    const areaCode = n.to.areaCode ?? null;
    if (areaCode) {
      const [area] = await tx
        .select({ code: regionArea.code })
        .from(regionArea)
        .where(eq(regionArea.code, areaCode));
      if (!area) throw new NotificationTargetError(`area ${areaCode} is not in this region`);
    }
    const [row] = await tx
      .insert(notification)
      .values({ ...content, areaCode })
      .returning({ id: notification.id });
    if (!row) throw new Error('notification insert returned nothing');
    await tx.insert(notificationJob).values({ regionId, notificationId: row.id, expiresAt, urgency });
    await wake(tx, regionId);
    return [row.id];
  }

  const userIds = [...new Set(n.to.users)];
  if (userIds.length === 0) return [];
  const rows = await tx
    .insert(notification)
    .values(userIds.map((userId) => ({ ...content, userId })))
    .returning({ id: notification.id, userId: notification.userId });
  const mailTo = await emailAddresses(tx, userIds, n.topic);
  await tx.insert(notificationJob).values(
    rows.map((r) => ({
      regionId,
      notificationId: r.id,
      emailTo: (r.userId && mailTo.get(r.userId)) ?? null,
      expiresAt,
      urgency,
    })),
  );
  await wake(tx, regionId);
  return rows.map((r) => r.id);
}

/** Verified e-mail addresses of those among `userIds` who asked for e-mail on `topic`. */
async function emailAddresses(tx: Tx, userIds: string[], topic: string): Promise<Map<string, string>> {
  const rows = await tx
    .select({ userId: appUser.id, email: appUser.email })
    .from(notificationPreference)
    .innerJoin(
      appUser,
      and(
        eq(appUser.regionId, notificationPreference.regionId),
        eq(appUser.id, notificationPreference.userId),
      ),
    )
    .where(
      and(
        inArray(notificationPreference.userId, userIds),
        eq(notificationPreference.topic, topic),
        eq(notificationPreference.email, true),
        isNotNull(appUser.email),
        isNotNull(appUser.verifiedAt),
      ),
    );
  return new Map(rows.flatMap((r) => (r.email ? [[r.userId, r.email] as const] : [])));
}

async function wake(tx: Tx, regionId: string) {
  await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${regionId})`);
}
