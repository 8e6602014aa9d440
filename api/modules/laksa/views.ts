import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import {
  type MyReportView,
  type PublicReportView,
  type StaffReportView,
  type StepView,
  statusLabels,
} from '../../../shared/modules/laksa';
import type { Tx } from '../../core/db/client';
import { appUser, opd, regionArea } from '../../core/db/schema';
import { inOrder } from './in-order';
import { laksaCategory, laksaReport, laksaReportOpd, laksaReportPhoto, laksaReportStep } from './schema';

export type ReportRow = typeof laksaReport.$inferSelect;
export type Viewer = 'public' | 'reporter' | 'staff';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Photos are served by LAKSA itself, which checks who may see them (public reports need no sign-in). */
export const photoUrl = (basePath: string, fileId: string) => `${basePath}/api/m/laksa/photos/${fileId}`;

/** A report is public (map, list, tracking description) once verified, unless rahasia, rejected or hidden as duplicate. */
export const isPublic = (r: Pick<ReportRow, 'confidential' | 'status'>) =>
  !r.confidential && r.status !== 'menunggu_verifikasi' && r.status !== 'ditolak';

export async function findReport(
  tx: Tx,
  by: { id: string } | { ticket: string },
): Promise<ReportRow | undefined> {
  const where = 'id' in by ? eq(laksaReport.id, by.id) : eq(laksaReport.ticket, by.ticket.toUpperCase());
  const [row] = await tx.select().from(laksaReport).where(where).limit(1);
  return row;
}

/** Loads what every view of one report shows, limited to what `viewer` may see. */
export async function reportParts(tx: Tx, r: ReportRow, viewer: Viewer, basePath: string) {
  const visibilities =
    viewer === 'staff'
      ? ['public', 'reporter', 'internal']
      : viewer === 'reporter'
        ? ['public', 'reporter']
        : ['public'];
  const [category, areas, opds, photos, steps, duplicateOf] = await inOrder([
    tx.select().from(laksaCategory).where(eq(laksaCategory.id, r.categoryId)),
    tx
      .select({ code: regionArea.code, name: regionArea.name })
      .from(regionArea)
      .where(inArray(regionArea.code, [r.kecamatan ?? '-', r.kelurahan ?? '-'])),
    tx
      .select({ id: opd.id, name: opd.name, shortName: opd.shortName })
      .from(laksaReportOpd)
      .innerJoin(opd, and(eq(opd.regionId, laksaReportOpd.regionId), eq(opd.id, laksaReportOpd.opdId)))
      .where(and(eq(laksaReportOpd.reportId, r.id), eq(laksaReportOpd.active, true))),
    tx
      .select()
      .from(laksaReportPhoto)
      .where(
        and(
          eq(laksaReportPhoto.reportId, r.id),
          viewer === 'staff' ? undefined : isNull(laksaReportPhoto.hiddenAt),
        ),
      )
      .orderBy(asc(laksaReportPhoto.createdAt)),
    tx
      .select()
      .from(laksaReportStep)
      .where(
        and(eq(laksaReportStep.reportId, r.id), inArray(laksaReportStep.visibility, visibilities as never[])),
      )
      .orderBy(asc(laksaReportStep.id)),
    r.duplicateOfId
      ? tx.select({ ticket: laksaReport.ticket }).from(laksaReport).where(eq(laksaReport.id, r.duplicateOfId))
      : Promise.resolve([]),
  ]);
  const cat = category[0]!;
  const areaName = (code: string | null) => (code ? (areas.find((a) => a.code === code) ?? null) : null);
  const visiblePhotos = new Map(photos.map((p) => [p.fileId, p]));
  const photoView = (fileId: string) => {
    const p = visiblePhotos.get(fileId);
    return p ? [{ fileId, url: photoUrl(basePath, fileId), stage: p.stage }] : [];
  };
  const timeline: StepView[] = steps.map((s) => ({
    id: s.id,
    kind: s.kind,
    fromStatus: s.fromStatus,
    toStatus: s.toStatus,
    actor:
      viewer === 'staff' && s.actorName
        ? `${s.actorName} · ${s.actorLabel ?? ''}`.replace(/ · $/, '')
        : s.actorLabel,
    note: s.note,
    photos: s.photoIds.flatMap(photoView),
    visibility: s.visibility,
    createdAt: s.createdAt.toISOString(),
  }));
  return {
    category: cat,
    kecamatan: areaName(r.kecamatan),
    kelurahan: areaName(r.kelurahan),
    opds,
    photos: photos.map((p) => ({ fileId: p.fileId, url: photoUrl(basePath, p.fileId), stage: p.stage })),
    hiddenPhotoIds: photos.filter((p) => p.hiddenAt).map((p) => p.fileId),
    timeline,
    duplicateOf: duplicateOf[0]?.ticket ?? null,
  };
}

type Parts = Awaited<ReturnType<typeof reportParts>>;

export function toPublicView(r: ReportRow, p: Parts, opts: { showDetails: boolean }): PublicReportView {
  const details = opts.showDetails;
  return {
    ticket: r.ticket,
    type: r.type,
    category: { id: p.category.id, name: p.category.name, nameEn: p.category.nameEn },
    status: r.status,
    statusLabel: statusLabels[r.status],
    description: details ? r.description : null,
    address: details ? r.address : null,
    kecamatan: p.kecamatan,
    kelurahan: details ? p.kelurahan : null,
    lat: details ? r.lat : null,
    lng: details ? r.lng : null,
    opds: p.opds,
    supportCount: r.supportCount,
    photos: details ? p.photos.filter((ph) => !p.hiddenPhotoIds.includes(ph.fileId)) : [],
    rating: r.rating,
    duplicateOf: p.duplicateOf,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    resolvedAt: iso(r.resolvedAt),
    timeline: details
      ? p.timeline
      : p.timeline.map((s) => ({ ...s, note: s.kind === 'status' ? null : s.note, photos: [] })),
  };
}

export function toMyView(
  r: ReportRow,
  p: Parts,
  opts: { reopenWindowDays: number; supporting: boolean; isReporter: boolean; now?: Date },
): MyReportView {
  const now = opts.now ?? new Date();
  const reopenUntil =
    r.status === 'selesai' && r.resolvedAt
      ? new Date(r.resolvedAt.getTime() + opts.reopenWindowDays * 86_400_000)
      : null;
  return {
    ...toPublicView(r, p, { showDetails: true }),
    id: r.id,
    anonymous: r.anonymous,
    confidential: r.confidential,
    ratingComment: r.ratingComment,
    canRate: opts.isReporter && r.status === 'selesai' && r.rating === null,
    canReopen: opts.isReporter && !!reopenUntil && now < reopenUntil,
    reopenUntil: iso(reopenUntil),
    supporting: opts.supporting,
  };
}

export async function toStaffView(
  tx: Tx,
  r: ReportRow,
  p: Parts,
  extra: Pick<StaffReportView, 'allowedActions' | 'canModerate'>,
  now = new Date(),
): Promise<StaffReportView> {
  const [reporter, duplicates] = await inOrder([
    // An anonim reporter's identity is never loaded for staff, so it cannot leak into any response.
    r.anonymous || !r.reporterId
      ? Promise.resolve([])
      : tx
          .select({ name: appUser.name, phone: appUser.phone, email: appUser.email })
          .from(appUser)
          .where(eq(appUser.id, r.reporterId)),
    tx.select({ ticket: laksaReport.ticket }).from(laksaReport).where(eq(laksaReport.duplicateOfId, r.id)),
  ]);
  const contact =
    !r.anonymous && r.contact
      ? { name: r.contact.name ?? 'Warga', phone: r.contact.phone ?? null, email: r.contact.email ?? null }
      : null;
  const my = toMyView(r, p, { reopenWindowDays: 0, supporting: false, isReporter: false, now });
  const { canRate: _r, canReopen: _o, supporting: _s, ...rest } = my;
  return {
    ...rest,
    photos: p.photos,
    reporter: reporter[0] ?? contact,
    source: r.source,
    redacted: r.originalDescription !== null,
    sla: slaOf(r, now),
    duplicates: duplicates.map((d) => d.ticket),
    ...extra,
  };
}

/**
 * The deadlines running in the report's state: verification while unverified, the OPD's follow-up
 * until its first response, resolution while open. Ditunda runs none (its timers are paused).
 * inbox.ts `overdueSql` is the same rule in SQL.
 */
export function runningDeadlines(r: ReportRow): Date[] {
  return [
    r.status === 'menunggu_verifikasi' ? r.verifyDueAt : null,
    r.status === 'didisposisikan' && !r.respondedAt ? r.followUpDueAt : null,
    ['terverifikasi', 'didisposisikan', 'diproses', 'ditinjau_ulang'].includes(r.status)
      ? r.resolveDueAt
      : null,
  ].filter((d): d is Date => d !== null);
}

/** Which deadlines a report has, and whether a running one has passed. */
export function slaOf(r: ReportRow, now = new Date()) {
  const paused = r.status === 'ditunda';
  const running = runningDeadlines(r);
  return {
    verifyDueAt: iso(r.verifyDueAt),
    followUpDueAt: iso(r.followUpDueAt),
    resolveDueAt: iso(r.resolveDueAt),
    overdue: !paused && running.some((d) => d < now),
    overdueLevel: r.overdueLevel,
    paused,
  };
}
