import { sql } from 'drizzle-orm';
import type { RegionWorker, ScheduledTask } from '../../core/modules/types';

type Claimed = {
  email: string;
  title: { id: string; en: string };
  body: string | null;
  ticket: string;
  region: string;
};

/**
 * The e-mail copy of in-app notifications, for accounts with a verified e-mail address. Claimed
 * in one short transaction (each at most once: a failed send is logged, the in-app notification
 * stays), sent outside it so a slow SMTP server never holds the database.
 */
export async function sendNotificationEmails(w: RegionWorker, limit = 50): Promise<number> {
  const claimed = await w.inRegion(async (tx) => {
    const res = await tx.execute(sql`
      with due as (
        select n.region_id, n.id from laksa_notification n
        join app_user u on u.region_id = n.region_id and u.id = n.user_id
        where n.emailed_at is null and n.created_at > now() - interval '1 day'
          and u.email is not null and u.verified_at is not null and u.disabled_at is null
        order by n.created_at limit ${limit}
        for update of n skip locked)
      update laksa_notification n set emailed_at = now()
      from due, app_user u, laksa_report r, region g
      where n.region_id = due.region_id and n.id = due.id
        and u.region_id = n.region_id and u.id = n.user_id
        and r.region_id = n.region_id and r.id = n.report_id and g.id = n.region_id
      returning u.email, n.title, n.body, r.ticket, g.name as region`);
    return (res as unknown as { rows: Claimed[] }).rows;
  });
  for (const m of claimed) {
    await w.mail({
      to: m.email,
      subject: `[LAKSA ${m.region}] ${m.title.id}`,
      text: [
        m.title.id,
        m.body ? `\n${m.body}` : '',
        `\nNomor tiket: ${m.ticket}. Buka aplikasi ${m.region} LIVE untuk melihat perkembangan laporan.`,
        `\n— ${m.title.en}. Ticket ${m.ticket}.`,
      ].join('\n'),
    });
  }
  return claimed.length;
}

export const emailTask: ScheduledTask = {
  name: 'email-notifications',
  everyMs: 15_000,
  hasWork: sql`select r.id as region_id from region r where exists (
    select 1 from laksa_notification n where n.region_id = r.id
      and n.emailed_at is null and n.created_at > now() - interval '1 day')`,
  transactional: false,
  run: async (w) => {
    await sendNotificationEmails(w);
  },
};
