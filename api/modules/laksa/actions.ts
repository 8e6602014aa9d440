import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import {
  type ActionInput,
  type LaksaSettings,
  type ReportStatus,
  statusLabels,
} from '../../../shared/modules/laksa';
import type { WorkingCalendar } from '../../core/calendar/working-days';
import type { Tx } from '../../core/db/client';
import { opd } from '../../core/db/schema';
import { AppError, conflict, forbidden, invalid } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { checkPhotos } from './intake';
import { notifyFollowers } from './notifications';
import {
  laksaCategory,
  laksaReport,
  laksaReportOpd,
  laksaReportPhoto,
  laksaReportStep,
  laksaRoutingRule,
} from './schema';
import { countFirstResponse, countReceived, countResolved } from './stats';
import type { ReportRow } from './views';
import { wallChange } from './wall';
import { actionEvent, type Capacity, checkTransition } from './workflow';

export type ActionEnv = {
  regionId: string;
  settings: LaksaSettings;
  calendar: WorkingCalendar;
  /** null = the system (automatic disposition, escalation). */
  actor: { id: string; name: string; label: string } | null;
  capacities: ReadonlySet<Capacity>;
  /** The actor's own OPD (for `return`). */
  actorOpdIds?: string[];
};

const needMessages = {
  note: { id: 'Catatan/alasan wajib diisi.', en: 'A note/reason is required.' },
  opdIds: { id: 'Pilih minimal satu OPD.', en: 'Choose at least one OPD.' },
  redirect: {
    id: 'Isi tujuan pengalihan dan nomor rujukannya.',
    en: 'Give the redirect target and its reference.',
  },
};

/** Applies one workflow action (see workflow.ts) to a report, with its timeline step, event and notifications. */
export async function applyAction(
  tx: Tx,
  env: ActionEnv,
  r: ReportRow,
  input: ActionInput,
): Promise<ReportStatus> {
  const check = checkTransition(input.action, r.status, env.capacities, input, r.pausedFrom);
  if (!check.ok) {
    if (check.reason === 'forbidden') throw forbidden();
    if (check.reason === 'missing')
      throw invalid(needMessages[check.missing ?? 'note'], { field: check.missing });
    const label = statusLabels[r.status];
    throw new AppError('CONFLICT', {
      messages: {
        id: `Laporan berstatus "${label.id}" tidak dapat di-${input.action}.`,
        en: `A report in state "${label.en}" cannot be moved by "${input.action}".`,
      },
      details: { status: r.status, action: input.action },
    });
  }
  const now = new Date();
  let to = check.to;
  const set: Partial<typeof laksaReport.$inferInsert> = { updatedAt: now };
  let visibility: 'public' | 'internal' = 'public';
  let note = input.note ?? null;

  switch (input.action) {
    case 'verify': {
      const [cat] = await tx
        .select({ days: laksaCategory.resolveDays })
        .from(laksaCategory)
        .where(eq(laksaCategory.id, r.categoryId));
      Object.assign(set, {
        verifiedAt: now,
        resolveDueAt: env.calendar.dueAfter(now, cat?.days ?? 14),
        overdueLevel: 0,
      });
      break;
    }
    case 'dispose':
    case 'reroute':
      await countReceived(tx, env.regionId, await assignOpds(tx, env.regionId, r.id, input.opdIds ?? []));
      Object.assign(set, {
        disposedAt: now,
        respondedAt: null,
        followUpDueAt: env.calendar.dueAfter(now, env.settings.followUpDays),
        overdueLevel: 0,
      });
      if (input.action === 'reroute') visibility = 'internal';
      break;
    case 'return': {
      const mine = env.actorOpdIds ?? [];
      await tx
        .update(laksaReportOpd)
        .set({ active: false })
        .where(
          and(
            eq(laksaReportOpd.reportId, r.id),
            inArray(laksaReportOpd.opdId, mine.length ? mine : ['00000000-0000-0000-0000-000000000000']),
          ),
        );
      const [left] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(laksaReportOpd)
        .where(and(eq(laksaReportOpd.reportId, r.id), eq(laksaReportOpd.active, true)));
      if ((left?.n ?? 0) > 0) to = r.status; // other OPD still hold it
      visibility = 'internal';
      break;
    }
    case 'start':
      if (!r.respondedAt) await countFirstResponse(tx, env.regionId, r, now);
      Object.assign(set, { respondedAt: r.respondedAt ?? now, overdueLevel: 0 });
      break;
    case 'resolve':
      if (input.photoIds?.length) {
        await checkPhotos(tx, input.photoIds, env.actor?.id ?? null);
        await tx
          .insert(laksaReportPhoto)
          .values(
            input.photoIds.map((fileId) => ({
              regionId: env.regionId,
              reportId: r.id,
              fileId,
              stage: 'after' as const,
            })),
          )
          .onConflictDoNothing();
      }
      if (!r.respondedAt) await countFirstResponse(tx, env.regionId, r, now);
      await countResolved(tx, env.regionId, r, now);
      Object.assign(set, { resolvedAt: now, respondedAt: r.respondedAt ?? now, overdueLevel: 0 });
      break;
    case 'defer':
      Object.assign(set, { pausedFrom: r.status, pausedAt: now });
      break;
    case 'resume': {
      // Timers pause while Ditunda: every running deadline moves by the working days spent on hold.
      const since = r.pausedAt ?? now;
      const shift = (d: Date | null) => (d ? env.calendar.extendForPause(d, since, now) : null);
      Object.assign(set, {
        pausedFrom: null,
        pausedAt: null,
        verifyDueAt: shift(r.verifyDueAt),
        followUpDueAt: shift(r.followUpDueAt),
        resolveDueAt: shift(r.resolveDueAt),
      });
      break;
    }
    case 'reopen': {
      const until = r.resolvedAt ? r.resolvedAt.getTime() + env.settings.reopenWindowDays * 86_400_000 : 0;
      if (now.getTime() > until)
        throw conflict({
          id: `Batas waktu peninjauan ulang (${env.settings.reopenWindowDays} hari setelah selesai) sudah lewat.`,
          en: `The reopen window (${env.settings.reopenWindowDays} days after resolution) has passed.`,
        });
      Object.assign(set, {
        resolvedAt: null,
        resolveDueAt: env.calendar.dueAfter(now, env.settings.followUpDays),
        overdueLevel: 0,
      });
      break;
    }
    case 'redirect':
      note = `${input.redirectTarget} — ${input.redirectReference}${input.note ? `: ${input.note}` : ''}`;
      break;
    case 'reject':
      break;
  }

  await tx
    .update(laksaReport)
    .set({ ...set, status: to })
    .where(eq(laksaReport.id, r.id));
  await recordStatusStep(
    tx,
    env,
    r,
    input.action,
    to,
    note,
    input.action === 'resolve' ? (input.photoIds ?? []) : [],
    visibility,
  );

  // Verified and a routing rule knows the OPD: disposition at once (the operator may still re-route).
  if (input.action === 'verify' && env.settings.autoDispose) {
    const opdIds = await routeFor(tx, r);
    if (opdIds.length > 0) {
      const updated = { ...r, ...set, status: to } as ReportRow;
      return applyAction(tx, { ...env, actor: null, capacities: new Set(['operator']) }, updated, {
        action: 'dispose',
        opdIds,
      });
    }
  }
  return to;
}

async function recordStatusStep(
  tx: Tx,
  env: ActionEnv,
  r: ReportRow,
  action: ActionInput['action'],
  to: ReportStatus,
  note: string | null,
  photoIds: string[],
  visibility: 'public' | 'internal',
) {
  const opdNames = await currentOpdNames(tx, r.id);
  await tx.insert(laksaReportStep).values({
    regionId: env.regionId,
    reportId: r.id,
    kind: 'status',
    fromStatus: r.status,
    toStatus: to,
    actorId: env.actor?.id ?? null,
    actorName: env.capacities.has('reporter') ? null : (env.actor?.name ?? null),
    actorLabel: env.actor?.label ?? 'Sistem',
    note:
      action === 'dispose' || action === 'reroute'
        ? [opdNames.join(', '), note].filter(Boolean).join(' — ')
        : note,
    photoIds,
    visibility,
  });
  const [cat] = await tx
    .select({ name: laksaCategory.name, nameEn: laksaCategory.nameEn })
    .from(laksaCategory)
    .where(eq(laksaCategory.id, r.categoryId));
  const label = statusLabels[to];
  const now = new Date();
  await emitEvent(tx, env.regionId, {
    type: `laksa.report.${actionEvent[action]}`,
    permission: 'core:live.watch',
    actor: env.actor && !env.capacities.has('reporter') ? { id: env.actor.id, name: env.actor.name } : null,
    subject: r.id,
    summary: { id: `${r.ticket}: ${label.id}`, en: `${r.ticket}: ${label.en}` },
    data: {
      ticket: r.ticket,
      from: r.status,
      status: to,
      categoryId: r.categoryId,
      categoryName: cat?.name ?? null,
      kecamatan: r.kecamatan,
      opds: opdNames,
      confidential: r.confidential,
      createdAt: r.createdAt.toISOString(),
      // The LIVE Room map moves from this (the overdue flag clears: every action resets it).
      wall: wallChange({
        ...r,
        status: to,
        overdue: false,
        overdueLevel: 0,
        category: cat ?? null,
        at: now,
      }),
    },
  });
  if (visibility === 'public' && to !== r.status)
    await notifyFollowers(
      tx,
      r,
      { id: `Laporan ${r.ticket}: ${label.id}`, en: `Report ${r.ticket}: ${label.en}` },
      note,
      env.actor?.id,
    );
}

/** The routing rule for the report's category: a kecamatan-specific rule wins over the region-wide one. */
export async function routeFor(tx: Tx, r: Pick<ReportRow, 'categoryId' | 'kecamatan'>): Promise<string[]> {
  const rules = await tx
    .select({ opdId: laksaRoutingRule.opdId, kecamatan: laksaRoutingRule.kecamatan })
    .from(laksaRoutingRule)
    .where(eq(laksaRoutingRule.categoryId, r.categoryId));
  const specific = rules.filter((x) => x.kecamatan !== null && x.kecamatan === r.kecamatan);
  return (specific.length > 0 ? specific : rules.filter((x) => x.kecamatan === null)).map((x) => x.opdId);
}

/** Makes exactly `opdIds` the report's active OPDs; returns those that did not hold it before. */
async function assignOpds(tx: Tx, regionId: string, reportId: string, opdIds: string[]): Promise<string[]> {
  const known = await tx
    .select({ id: opd.id })
    .from(opd)
    .where(and(inArray(opd.id, opdIds), eq(opd.active, true)));
  if (known.length !== new Set(opdIds).size)
    throw invalid(
      { id: 'OPD tidak dikenal di daerah ini.', en: 'Unknown OPD for this region.' },
      { field: 'opdIds' },
    );
  const before = await tx
    .select({ id: laksaReportOpd.opdId })
    .from(laksaReportOpd)
    .where(and(eq(laksaReportOpd.reportId, reportId), eq(laksaReportOpd.active, true)));
  await tx
    .update(laksaReportOpd)
    .set({ active: false })
    .where(and(eq(laksaReportOpd.reportId, reportId), notInArray(laksaReportOpd.opdId, opdIds)));
  await tx
    .insert(laksaReportOpd)
    .values(opdIds.map((opdId) => ({ regionId, reportId, opdId })))
    .onConflictDoUpdate({
      target: [laksaReportOpd.regionId, laksaReportOpd.reportId, laksaReportOpd.opdId],
      set: { active: true, assignedAt: sql`now()` },
    });
  const held = new Set(before.map((b) => b.id));
  return [...new Set(opdIds)].filter((id) => !held.has(id));
}

async function currentOpdNames(tx: Tx, reportId: string) {
  const rows = await tx
    .select({ name: opd.shortName })
    .from(laksaReportOpd)
    .innerJoin(opd, and(eq(opd.regionId, laksaReportOpd.regionId), eq(opd.id, laksaReportOpd.opdId)))
    .where(and(eq(laksaReportOpd.reportId, reportId), eq(laksaReportOpd.active, true)));
  return rows.map((x) => x.name);
}
