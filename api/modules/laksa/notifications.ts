import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '../../core/db/client';
import { notify } from '../../core/notifications/notify';
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

/**
 * Records it on the report (the "Laporan saya" badges) and sends it through the core notification
 * service: the inbox, a push to their devices, an e-mail if they asked. Reporters and followers get
 * `laksa.my-reports` with a link to the ticket; staff get `laksa.escalations` with a link to the inbox.
 */
export async function notifyUsers(
  tx: Tx,
  r: Pick<ReportRow, 'id' | 'regionId' | 'ticket'>,
  userIds: string[],
  title: Title,
  body: string | null,
  audience: 'citizen' | 'staff' = 'citizen',
) {
  if (userIds.length === 0) return;
  await tx
    .insert(laksaNotification)
    .values(userIds.map((userId) => ({ regionId: r.regionId, userId, reportId: r.id, title, body })));
  await notify(tx, r.regionId, {
    topic: audience === 'citizen' ? 'laksa.my-reports' : 'laksa.escalations',
    title,
    body: body ? { id: body, en: body } : null,
    url:
      audience === 'citizen'
        ? `/layanan/laksa/tiket/${encodeURIComponent(r.ticket)}`
        : `/staf/m/laksa/r/${r.id}`,
    to: { users: userIds },
  });
}
