import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '../../core/db/client';
import { laksaNotification, laksaSupport } from './schema';
import type { ReportRow } from './views';

type Title = { id: string; en: string };

/** Tells the reporter and everyone supporting (following) the report, in-app. Never the actor themself. */
export async function notifyFollowers(
  tx: Tx,
  r: ReportRow,
  title: Title,
  body: string | null,
  exceptUserId?: string,
) {
  const supporters = await tx
    .select({ userId: laksaSupport.userId })
    .from(laksaSupport)
    .where(
      and(eq(laksaSupport.reportId, r.id), exceptUserId ? ne(laksaSupport.userId, exceptUserId) : undefined),
    );
  const users = new Set(supporters.map((s) => s.userId));
  if (r.reporterId && r.reporterId !== exceptUserId) users.add(r.reporterId);
  await notifyUsers(tx, r, [...users], title, body);
}

export async function notifyUsers(
  tx: Tx,
  r: Pick<ReportRow, 'id' | 'regionId'>,
  userIds: string[],
  title: Title,
  body: string | null,
) {
  if (userIds.length === 0) return;
  await tx
    .insert(laksaNotification)
    .values(userIds.map((userId) => ({ regionId: r.regionId, userId, reportId: r.id, title, body })));
}
