import { sql } from 'drizzle-orm';
import type { InboxItemView, PreferenceView } from '../../../shared/notifications';
import { rowsOf, type Tx } from '../db/client';
import { isoMicros } from '../db/times';

type Label = { id: string; en: string };

/** Broadcasts older than this do not count as unread: a new follower is not greeted by a year of news. */
const UNREAD_DAYS = 30;

/**
 * What one person's inbox holds: their own notifications, and the broadcasts on topics they
 * follow (for area topics, those for the whole region or for their area), since they began
 * following. Both halves read by index (notification_user_idx, notification_broadcast_idx).
 */
function inboxSource(userId: string) {
  return sql`(
    select n.id, n.topic, n.title, n.body, n.url, n.created_at, n.read_at is not null as read
    from notification n where n.user_id = ${userId}
    union all
    select n.id, n.topic, n.title, n.body, n.url, n.created_at,
      exists (select 1 from notification_read r where r.user_id = ${userId} and r.notification_id = n.id) as read
    from notification_preference p
    join notification n on n.user_id is null and n.topic = p.topic and n.created_at >= p.since - interval '7 days'
      and (n.area_code is null or n.area_code = p.area_code or starts_with(n.area_code, p.area_code || '.')
           or starts_with(p.area_code, n.area_code || '.'))
    where p.user_id = ${userId}
  )`;
}

export async function listInbox(
  tx: Tx,
  userId: string,
  q: { before?: string; limit: number },
): Promise<{ items: InboxItemView[]; unread: number }> {
  const before = q.before ? sql`where created_at < ${q.before}::timestamptz` : sql``;
  const items = rowsOf<Record<string, unknown>>(
    await tx.execute(
      sql`select *, ${isoMicros(sql`created_at`)} as at from ${inboxSource(userId)} i ${before}
        order by created_at desc limit ${q.limit}`,
    ),
  ).map((r) => ({
    id: String(r.id),
    topic: String(r.topic),
    title: parse<Label>(r.title),
    body: r.body == null ? null : parse<Label>(r.body),
    url: (r.url as string | null) ?? null,
    // To the microsecond: the next page asks for what came `before` this exact time.
    at: String(r.at),
    read: Boolean(r.read),
  }));
  return { items, unread: await unreadCount(tx, userId) };
}

export async function unreadCount(tx: Tx, userId: string): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await tx.execute(sql`
      select count(*) as n from ${inboxSource(userId)} i
      where not read and created_at > now() - make_interval(days => ${UNREAD_DAYS})`),
  );
  return Number(row?.n ?? 0);
}

export async function markRead(tx: Tx, userId: string, input: { ids: string[] } | { all: true }) {
  if ('all' in input) {
    await tx.execute(
      sql`update notification set read_at = now() where user_id = ${userId} and read_at is null`,
    );
    await tx.execute(sql`
      insert into notification_read (region_id, user_id, notification_id)
      select current_setting('app.region_id')::uuid, ${userId}, i.id from ${inboxSource(userId)} i
      where not read and created_at > now() - make_interval(days => ${UNREAD_DAYS})
      on conflict do nothing`);
    return;
  }
  const ids = `{${input.ids.join(',')}}`;
  await tx.execute(
    sql`update notification set read_at = now() where user_id = ${userId} and id = any(${ids}::uuid[]) and read_at is null`,
  );
  // Broadcasts: only ones this person can see (a stranger's id is ignored, not recorded).
  await tx.execute(sql`
    insert into notification_read (region_id, user_id, notification_id)
    select current_setting('app.region_id')::uuid, ${userId}, i.id from ${inboxSource(userId)} i
    where i.id = any(${ids}::uuid[])
    on conflict do nothing`);
}

export async function listPreferences(tx: Tx, userId: string): Promise<Omit<PreferenceView, 'follow'>[]> {
  return rowsOf<{ topic: string; email: boolean; areaCode: string | null }>(
    await tx.execute(
      sql`select topic, email, area_code as "areaCode" from notification_preference where user_id = ${userId}`,
    ),
  );
}

function parse<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}
