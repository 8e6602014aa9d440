import { and, eq, inArray, lt } from 'drizzle-orm';
import { calendarFor } from '../../core/calendar/region-calendar';
import type { TimeZoneCode } from '../../core/calendar/working-days';
import type { Tx } from '../../core/db/client';
import { region, userRole } from '../../core/db/schema';
import { emitEvent } from '../../core/events/emit';
import type { RegionContext, ScheduledTask } from '../../core/modules/types';
import { overdueSql } from './inbox';
import { notifyUsers } from './notifications';
import { laksaCategory, laksaReport, laksaReportOpd, laksaReportStep } from './schema';
import { laksaSettingsIn } from './settings';
import { type ReportRow, runningDeadlines } from './views';
import { wallChange } from './wall';

/** The earliest running deadline that has passed (views.ts `runningDeadlines` decides which run). */
function passedDeadline(r: ReportRow, now: Date): Date | null {
  const passed = runningDeadlines(r).filter((d) => d < now);
  return passed.sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
}

async function usersWithRole(tx: Tx, roles: string[], opdIds?: string[]) {
  const rows = await tx
    .selectDistinct({ userId: userRole.userId })
    .from(userRole)
    .where(
      and(inArray(userRole.role, roles as never[]), opdIds ? inArray(userRole.opdId, opdIds) : undefined),
    );
  return rows.map((r) => r.userId);
}

/**
 * Flags overdue reports and escalates: the OPD head (opd_admin of the assigned OPD; operators while
 * unverified) at once, leadership after `escalateLeadershipAfterDays` more working days.
 */
export async function escalateOverdue({ tx, regionId }: RegionContext, now = new Date()) {
  const [reg] = await tx.select({ timeZone: region.timeZone }).from(region).where(eq(region.id, regionId));
  const settings = await laksaSettingsIn(tx);
  const calendar = await calendarFor(tx, {
    id: regionId,
    timeZone: (reg?.timeZone ?? 'WIB') as TimeZoneCode,
  });
  const due = await tx
    .select()
    .from(laksaReport)
    .where(and(overdueSql, lt(laksaReport.overdueLevel, 2)))
    .limit(500);
  const categories = new Map(
    (
      await tx
        .select({ id: laksaCategory.id, name: laksaCategory.name, nameEn: laksaCategory.nameEn })
        .from(laksaCategory)
    ).map((c) => [c.id, c]),
  );
  let flagged = 0;
  for (const r of due) {
    const deadline = passedDeadline(r, now);
    if (!deadline) continue;
    const late = calendar.workingDaysBetween(deadline, now);
    const level = r.overdueLevel === 0 ? 1 : late >= settings.escalateLeadershipAfterDays ? 2 : 1;
    if (level <= r.overdueLevel) continue;
    await tx.update(laksaReport).set({ overdueLevel: level }).where(eq(laksaReport.id, r.id));
    const opdIds = (
      await tx
        .select({ id: laksaReportOpd.opdId })
        .from(laksaReportOpd)
        .where(and(eq(laksaReportOpd.reportId, r.id), eq(laksaReportOpd.active, true)))
    ).map((o) => o.id);
    const recipients =
      level === 2
        ? await usersWithRole(tx, ['leadership'])
        : opdIds.length > 0
          ? await usersWithRole(tx, ['opd_admin'], opdIds)
          : await usersWithRole(tx, ['operator']);
    const note =
      level === 2
        ? `Terlambat ${late} hari kerja: dieskalasi ke pimpinan`
        : `Melewati batas SLA (${deadline.toISOString().slice(0, 10)}): kepala OPD diberi tahu`;
    await tx
      .insert(laksaReportStep)
      .values({ regionId, reportId: r.id, kind: 'note', actorLabel: 'Sistem', note, visibility: 'internal' });
    await notifyUsers(
      tx,
      r,
      recipients,
      { id: `Laporan ${r.ticket} terlambat`, en: `Report ${r.ticket} is overdue` },
      note,
      'staff',
    );
    await emitEvent(tx, regionId, {
      type: level === 2 ? 'laksa.report.escalated' : 'laksa.report.overdue',
      permission: 'core:live.watch',
      subject: r.id,
      summary:
        level === 2
          ? {
              id: `${r.ticket} dieskalasi ke pimpinan (${late} hari kerja terlambat)`,
              en: `${r.ticket} escalated to leadership (${late} working days late)`,
            }
          : { id: `${r.ticket} melewati batas SLA`, en: `${r.ticket} is past its SLA` },
      data: {
        ticket: r.ticket,
        status: r.status,
        level,
        workingDaysLate: late,
        dueAt: deadline.toISOString(),
        categoryId: r.categoryId,
        kecamatan: r.kecamatan,
        opdIds,
        wall: wallChange({
          ...r,
          overdue: true,
          overdueLevel: level,
          category: categories.get(r.categoryId) ?? null,
          at: now,
        }),
      },
    });
    flagged++;
  }
  return flagged;
}

export const escalationTask: ScheduledTask = {
  name: 'escalate-overdue',
  everyMs: 5 * 60_000,
  run: async (ctx) => {
    await escalateOverdue(ctx);
  },
};
