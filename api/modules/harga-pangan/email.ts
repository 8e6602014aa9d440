import { sql } from 'drizzle-orm';
import type { RegionWorker, ScheduledTask } from '../../core/modules/types';

type Claimed = {
  email: string;
  name: string;
  kind: 'kenaikan' | 'het';
  average: number;
  reference: number;
  date: string;
  region: string;
};

/**
 * E-mail copy of alert notifications for TPID staff with a verified address: claimed once in a
 * short transaction, sent outside it (a slow SMTP server never holds the database).
 */
export async function sendAlertEmails(w: RegionWorker, limit = 50): Promise<number> {
  const claimed = await w.inRegion(async (tx) => {
    const res = await tx.execute(sql`
      with due as (
        select n.region_id, n.id from harga_pangan_notification n
        join app_user u on u.region_id = n.region_id and u.id = n.user_id
        where n.emailed_at is null and n.created_at > now() - interval '1 day'
          and u.email is not null and u.verified_at is not null and u.disabled_at is null
        order by n.created_at limit ${limit}
        for update of n skip locked)
      update harga_pangan_notification n set emailed_at = now()
      from due, app_user u, harga_pangan_alert a, harga_pangan_commodity c, region g
      where n.region_id = due.region_id and n.id = due.id
        and u.region_id = n.region_id and u.id = n.user_id
        and a.region_id = n.region_id and a.id = n.alert_id
        and c.region_id = a.region_id and c.id = a.commodity_id and g.id = n.region_id
      returning u.email, c.name, a.kind, a.average, a.reference, a.date::text as date, g.name as region`);
    return (res as unknown as { rows: Claimed[] }).rows;
  });
  for (const m of claimed) {
    const rp = (n: number) => `Rp${Math.round(n).toLocaleString('id-ID')}`;
    const what =
      m.kind === 'het'
        ? { id: `di atas HET ${rp(m.reference)}`, en: `above the HET of ${rp(m.reference)}` }
        : { id: `naik ${m.reference}%`, en: `up ${m.reference}%` };
    await w.mail({
      to: m.email,
      subject: `[Harga Pangan ${m.region}] ${m.name} ${what.id}`,
      text: [
        `${m.name} ${what.id}: rata-rata kota ${rp(m.average)} pada ${m.date}.`,
        `Buka konsol staf Simpul untuk melihat perbandingan antarpasar.`,
        `\n— ${m.name} ${what.en}: city average ${rp(m.average)} on ${m.date}.`,
      ].join('\n'),
    });
  }
  return claimed.length;
}

export const emailTask: ScheduledTask = {
  name: 'alert-emails',
  everyMs: 60_000,
  hasWork: sql`select r.id as region_id from region r where exists (
    select 1 from harga_pangan_notification n where n.region_id = r.id
      and n.emailed_at is null and n.created_at > now() - interval '1 day')`,
  transactional: false,
  run: async (w) => {
    await sendAlertEmails(w);
  },
};
