import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../core/db/client';
import { emitEvent } from '../../core/events/emit';
import type { ScheduledTask } from '../../core/modules/types';
import { notify } from '../../core/notifications/notify';
import { skAk1, skSeeker, skVacancy } from './schema';
import { addDays, settingsIn, todayIn } from './settings';

/**
 * Daily housekeeping per region, in one transaction: vacancies past their validity close
 * themselves, AK/1 cards past theirs are marked expired, and holders whose lapor diri is due
 * within `reminderDays` are reminded once per period.
 */
export async function dailyHousekeeping(tx: Tx, regionId: string) {
  const today = await todayIn(tx);
  const closed = await tx
    .update(skVacancy)
    .set({ status: 'ditutup', closedAt: new Date() })
    .where(and(eq(skVacancy.status, 'terbuka'), lt(skVacancy.validUntil, today)))
    .returning({ id: skVacancy.id, title: skVacancy.title });
  for (const v of closed)
    await emitEvent(tx, regionId, {
      type: 'siap-kerja.vacancy.expired',
      summary: { id: `Lowongan berakhir: ${v.title}`, en: `Vacancy expired: ${v.title}` },
      data: { vacancyId: v.id },
      permission: 'siap-kerja:verify',
    });
  await tx
    .update(skAk1)
    .set({ status: 'kedaluwarsa', nextReportDue: null })
    .where(and(eq(skAk1.status, 'terbit'), lt(skAk1.validUntil, today)));

  const { reminderDays } = await settingsIn(tx);
  const due = await tx
    .select({ id: skAk1.id, due: skAk1.nextReportDue, userId: skSeeker.userId })
    .from(skAk1)
    .innerJoin(skSeeker, and(eq(skSeeker.regionId, skAk1.regionId), eq(skSeeker.id, skAk1.seekerId)))
    .where(
      and(
        eq(skAk1.status, 'terbit'),
        isNotNull(skAk1.nextReportDue),
        sql`${skAk1.nextReportDue} <= ${addDays(today, reminderDays)}`,
        sql`${skAk1.remindedFor} is distinct from ${skAk1.nextReportDue}`,
      ),
    )
    .limit(1000);
  for (const d of due) {
    await notify(tx, regionId, {
      topic: 'siap-kerja.ak1',
      title: {
        id: `Waktunya lapor diri AK/1 (paling lambat ${d.due})`,
        en: `Your AK/1 self-report is due (by ${d.due})`,
      },
      body: {
        id: 'Buka Siap Kerja dan laporkan apakah Anda masih mencari kerja atau sudah bekerja.',
        en: 'Open Siap Kerja and report whether you are still looking or have found work.',
      },
      url: '/layanan/siap-kerja/ak1',
      to: { users: [d.userId] },
    });
    await tx.update(skAk1).set({ remindedFor: d.due }).where(eq(skAk1.id, d.id));
  }
  return { closed: closed.length, reminded: due.length };
}

export const housekeepingTask: ScheduledTask = {
  name: 'siap-kerja.housekeeping',
  everyMs: 60 * 60 * 1000,
  run: ({ tx, regionId }) => dailyHousekeeping(tx, regionId).then(() => undefined),
};
