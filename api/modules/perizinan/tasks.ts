import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { perizinanSettings, slaRunningStates } from '../../../shared/modules/perizinan';
import { calendarFor } from '../../core/calendar/region-calendar';
import type { TimeZoneCode } from '../../core/calendar/working-days';
import { region } from '../../core/db/schema';
import { emitEvent } from '../../core/events/emit';
import { moduleSettingsIn } from '../../core/modules/settings';
import type { RegionContext, ScheduledTask } from '../../core/modules/types';
import { notify } from '../../core/notifications/notify';
import { loadForUpdate, move } from './engine';
import { izinApplication, izinType } from './schema';
import { assignees } from './steps';

/**
 * Escalation like LAKSA's: an application whose working-day SLA has passed (clock running, not
 * paused with the applicant) is flagged once, announced on the LIVE Room, and its OPD's signers
 * (the head of office) are told.
 */
export async function flagOverdue({ tx, regionId }: RegionContext, now = new Date()) {
  const late = await tx
    .select({
      id: izinApplication.id,
      number: izinApplication.number,
      opdId: izinType.opdId,
      typeCode: izinType.code,
    })
    .from(izinApplication)
    .innerJoin(
      izinType,
      and(eq(izinType.regionId, izinApplication.regionId), eq(izinType.id, izinApplication.typeId)),
    )
    .where(
      and(
        lt(izinApplication.dueAt, now),
        isNull(izinApplication.overdueAt),
        isNull(izinApplication.pausedAt),
        inArray(izinApplication.state, [...slaRunningStates]),
      ),
    )
    .limit(500);
  for (const a of late) {
    await tx.update(izinApplication).set({ overdueAt: now }).where(eq(izinApplication.id, a.id));
    await emitEvent(tx, regionId, {
      type: 'perizinan.application.overdue',
      summary: {
        id: `Permohonan izin ${a.number} melewati batas waktu`,
        en: `Permit application ${a.number} is overdue`,
      },
      subject: a.id,
      data: { applicationId: a.id, opdId: a.opdId, typeCode: a.typeCode },
      permission: 'core:live.watch',
    });
    const heads = await assignees(tx, 'signer', a.opdId);
    if (heads.length)
      await notify(tx, regionId, {
        topic: 'perizinan.overdue',
        title: { id: `Izin ${a.number} melewati SLA`, en: `Permit ${a.number} is past its SLA` },
        body: {
          id: 'Periksa di mana permohonan ini tertahan.',
          en: 'Check where this application is held up.',
        },
        url: `/staf/perizinan/permohonan/${a.id}`,
        to: { users: heads },
      });
  }
  return late.length;
}

/**
 * An application left "returned for revision" longer than the region's `revisionDays` (working
 * days) lapses: withdrawn, with the reason in its history, and the applicant told.
 */
export async function lapseReturned({ tx, regionId }: RegionContext, now = new Date()) {
  const settings = await moduleSettingsIn(tx, 'perizinan', perizinanSettings);
  const [reg] = await tx.select({ timeZone: region.timeZone }).from(region).where(eq(region.id, regionId));
  const calendar = await calendarFor(tx, {
    id: regionId,
    timeZone: (reg?.timeZone ?? 'WIB') as TimeZoneCode,
  });
  const returned = await tx
    .select({
      id: izinApplication.id,
      updatedAt: izinApplication.updatedAt,
      applicantId: izinApplication.applicantId,
      number: izinApplication.number,
    })
    .from(izinApplication)
    .where(
      and(
        eq(izinApplication.state, 'returned'),
        lt(izinApplication.updatedAt, new Date(now.getTime() - settings.revisionDays * 86_400_000)),
      ),
    )
    .limit(500);
  let lapsed = 0;
  for (const a of returned) {
    if (calendar.workingDaysBetween(a.updatedAt, now) < settings.revisionDays) continue;
    const l = await loadForUpdate(tx, a.id);
    if (l.app.state !== 'returned') continue;
    const note = `Tidak diperbaiki dalam ${settings.revisionDays} hari kerja`;
    await move(tx, l, {
      action: 'withdraw',
      to: 'withdrawn',
      actor: null,
      note,
      set: { decidedAt: now, pausedAt: null },
    });
    await notify(tx, regionId, {
      topic: 'perizinan.status',
      title: { id: `Permohonan ${a.number} gugur`, en: `Application ${a.number} lapsed` },
      body: {
        id: `${note}. Silakan ajukan kembali.`,
        en: `Not revised within ${settings.revisionDays} working days. Please apply again.`,
      },
      url: `/layanan/perizinan/permohonan/${a.id}`,
      to: { users: [a.applicantId] },
    });
    lapsed++;
  }
  return lapsed;
}

export const overdueTask: ScheduledTask = {
  name: 'perizinan.overdue',
  everyMs: 5 * 60_000,
  run: async (ctx) => {
    await flagOverdue(ctx);
    await lapseReturned(ctx);
  },
};

/** Issued permits per type per month (open data: counts only). */
export async function issuedPerMonth({ tx }: Pick<RegionContext, 'tx'>) {
  const rows = (await tx.execute(sql`
    select to_char(d.issued_at at time zone case r.time_zone when 'WITA' then 'Asia/Makassar'
        when 'WIT' then 'Asia/Jayapura' else 'Asia/Jakarta' end, 'YYYY-MM') as month, t.code as type_code,
      v.definition->'name'->>'id' as type_name, count(*)::int as issued
    from izin_application a
    join issued_document d on d.region_id = a.region_id and d.id = a.document_id
    join izin_type t on t.region_id = a.region_id and t.id = a.type_id
    join izin_type_version v on v.region_id = a.region_id and v.type_id = a.type_id and v.version = a.type_version
    join region r on r.id = a.region_id
    group by 1, 2, 3 order by 1 desc, 2`)) as unknown as {
    rows: { month: string; type_code: string; type_name: string; issued: number }[];
  };
  return rows.rows.map((r) => ({
    month: r.month,
    typeCode: r.type_code,
    typeName: r.type_name,
    issued: r.issued,
  }));
}

/** The LIVE Room's figures: permits in and issued today, overdue now per OPD. */
export async function liveFigures({ tx }: Pick<RegionContext, 'tx'>, todayStart: Date) {
  const rows = (await tx.execute(sql`
    select
      (select count(*)::int from izin_application where submitted_at >= ${todayStart}) as submitted_today,
      (select count(*)::int from izin_application a join issued_document d on d.region_id = a.region_id and d.id = a.document_id
        where d.issued_at >= ${todayStart}) as issued_today,
      (select count(*)::int from izin_application where state not in ('draft','returned','issued','rejected','withdrawn','suspended','revoked')) as in_progress`)) as unknown as {
    rows: { submitted_today: number; issued_today: number; in_progress: number }[];
  };
  const overdue = (await tx.execute(sql`
    select o.short_name as opd, count(*)::int as n
    from izin_application a join izin_type t on t.region_id = a.region_id and t.id = a.type_id
    join opd o on o.region_id = t.region_id and o.id = t.opd_id
    where a.due_at < now() and a.paused_at is null
      and a.state in ('technical','payment','approval','signing')
    group by 1 order by 2 desc`)) as unknown as { rows: { opd: string; n: number }[] };
  const r = rows.rows[0];
  return {
    submittedToday: r?.submitted_today ?? 0,
    issuedToday: r?.issued_today ?? 0,
    inProgress: r?.in_progress ?? 0,
    overdueByOpd: overdue.rows.map((o) => ({ opd: o.opd, count: o.n })),
  };
}
