import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { maskNik } from '../../../shared/indonesia';
import {
  type ApplicationState,
  type ApplicationView,
  type ReviewStep,
  stepOfState,
} from '../../../shared/modules/perizinan';
import { todayInRegion } from '../../core/calendar/region-calendar';
import type { Tx } from '../../core/db/client';
import { documentState, findDocument } from '../../core/documents/service';
import { typeVersion } from './catalogue';
import { applicationNotFound } from './engine';
import {
  izinApplication,
  izinHistory,
  izinItem,
  izinLockerItem,
  izinPayment,
  izinTypeVersion,
} from './schema';
import { assignmentsOf } from './steps';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Whether an application is past due now (running clock, not paused, not decided). */
export const isOverdue = (
  a: { dueAt: Date | null; pausedAt: Date | null; state: ApplicationState },
  now = new Date(),
) =>
  Boolean(
    a.dueAt &&
      !a.pausedAt &&
      a.dueAt < now &&
      ['technical', 'payment', 'approval', 'signing'].includes(a.state),
  );

/** One application as its applicant or a reviewer sees it; `fullNik` for the applicant and front office only. */
export async function applicationView(
  tx: Tx,
  id: string,
  opts: { fullNik: boolean },
): Promise<ApplicationView> {
  const [a] = await tx.select().from(izinApplication).where(eq(izinApplication.id, id));
  if (!a) throw applicationNotFound();
  const t = await typeVersion(tx, a.typeId, a.typeVersion);
  const def = t.definition;
  const items = await tx
    .select({ item: izinItem, label: izinLockerItem.label })
    .from(izinItem)
    .leftJoin(
      izinLockerItem,
      and(eq(izinLockerItem.regionId, izinItem.regionId), eq(izinLockerItem.id, izinItem.lockerItemId)),
    )
    .where(eq(izinItem.applicationId, id));
  const byKey = new Map(items.map((i) => [i.item.key, i]));
  const history = await tx
    .select()
    .from(izinHistory)
    .where(eq(izinHistory.applicationId, id))
    .orderBy(asc(izinHistory.at));
  const [payment] = await tx.select().from(izinPayment).where(eq(izinPayment.applicationId, id));
  const doc = a.documentId ? await findDocument(tx, a.documentId) : null;
  return {
    id: a.id,
    number: a.number,
    type: { code: t.code, version: a.typeVersion, name: def.name },
    state: a.state,
    step: stepOfState[a.state] ?? null,
    applicant:
      a.applicantKind && a.applicantName
        ? {
            kind: a.applicantKind,
            name: a.applicantName,
            nik: a.nik ? (opts.fullNik ? a.nik : maskNik(a.nik)) : '',
            companyName: a.companyName,
            nib: a.nib,
          }
        : null,
    form: a.form,
    items: def.requirements.map((r) => {
      const i = byKey.get(r.key);
      return {
        key: r.key,
        label: r.label,
        mandatory: r.mandatory,
        docType: r.docType,
        formats: r.formats,
        maxKb: r.maxKb,
        lockerItemId: i?.item.lockerItemId ?? null,
        fileId: i?.item.fileId ?? null,
        fileName: i?.label ?? null,
        status: i?.item.status ?? 'pending',
        note: i?.item.note ?? null,
      };
    }),
    submittedAt: iso(a.submittedAt),
    completeAt: iso(a.completeAt),
    dueAt: iso(a.dueAt),
    paused: Boolean(a.pausedAt),
    overdue: isOverdue(a),
    fee:
      def.fee.kind === 'none'
        ? null
        : {
            amount: payment?.amount ?? a.feeAmount ?? 0,
            retributionCode: def.fee.retributionCode,
            billingCode: payment?.billingCode ?? null,
            paidAt: iso(payment?.paidAt ?? null),
            receiptNumber: payment?.receiptNumber ?? null,
          },
    survey: def.technicalReview ? { date: a.surveyDate, note: a.surveyNote } : null,
    permit: doc
      ? {
          number: doc.number,
          code: doc.code,
          validFrom: doc.validFrom,
          validUntil: doc.validUntil,
          state: documentState(doc, await todayInRegion(tx)),
        }
      : null,
    rejectReason: a.rejectReason,
    history: history.map((h) => ({
      at: h.at.toISOString(),
      action: h.action,
      fromState: h.fromState,
      toState: h.toState,
      actorName: h.actorName,
      note: h.note,
    })),
    createdAt: a.createdAt.toISOString(),
  };
}

/** Joins an application to the type version it was filed under. */
const filedVersion = and(
  eq(izinTypeVersion.regionId, izinApplication.regionId),
  eq(izinTypeVersion.typeId, izinApplication.typeId),
  eq(izinTypeVersion.version, izinApplication.typeVersion),
);

const stateOfStep = Object.fromEntries(Object.entries(stepOfState).map(([s, step]) => [step, s])) as Record<
  ReviewStep,
  ApplicationState
>;

/**
 * A reviewer's inbox: applications in the states of the steps they are assigned to, for the OPDs
 * they are assigned for, oldest submission first (the partial index izin_application_inbox_idx).
 */
export async function inbox(
  tx: Tx,
  userId: string,
  opts: { step?: ReviewStep; limit: number; offset: number },
) {
  const mine = (await assignmentsOf(tx, userId)).filter((a) => !opts.step || a.step === opts.step);
  if (mine.length === 0) return [];
  const rows = await inboxQuery(tx, mine, opts);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    typeName: r.definition.name,
    applicantName: r.companyName ?? r.applicantName ?? '-',
    state: r.state,
    step: stepOfState[r.state] ?? null,
    submittedAt: iso(r.submittedAt),
    dueAt: iso(r.dueAt),
    overdue: isOverdue(r),
    paused: Boolean(r.pausedAt),
  }));
}

/** The inbox SELECT for a set of (step, OPD) assignments (also rendered for bench:izin's pgbench). */
export function inboxQuery(
  tx: Tx,
  mine: { step: ReviewStep; opdId: string }[],
  opts: { limit: number; offset: number },
) {
  return tx
    .select({
      id: izinApplication.id,
      number: izinApplication.number,
      definition: izinTypeVersion.definition,
      applicantName: izinApplication.applicantName,
      companyName: izinApplication.companyName,
      state: izinApplication.state,
      submittedAt: izinApplication.submittedAt,
      dueAt: izinApplication.dueAt,
      pausedAt: izinApplication.pausedAt,
    })
    .from(izinApplication)
    .innerJoin(izinTypeVersion, filedVersion)
    .where(
      or(
        ...mine.map((a) =>
          and(eq(izinApplication.stepOpdId, a.opdId), eq(izinApplication.state, stateOfStep[a.step])),
        ),
      ),
    )
    .orderBy(asc(izinApplication.submittedAt), asc(izinApplication.id))
    .limit(opts.limit)
    .offset(opts.offset);
}

/** Whether a staff member may read an application: assigned to a step of its OPD, holding it now, or having acted on it. */
export async function staffMayRead(tx: Tx, userId: string, id: string, monitor: boolean) {
  if (monitor) return true;
  const mine = await assignmentsOf(tx, userId);
  if (mine.length === 0) return false;
  const opds = [...new Set(mine.map((m) => m.opdId))];
  const [row] = await tx
    .select({ id: izinApplication.id })
    .from(izinApplication)
    .innerJoin(izinTypeVersion, filedVersion)
    .where(
      and(
        eq(izinApplication.id, id),
        sql`${izinApplication.state} <> 'draft'`,
        or(
          inArray(izinApplication.stepOpdId, opds),
          // A technical officer keeps reading what they reviewed after it moved on.
          sql`exists (select 1 from izin_history h where h.region_id = ${izinApplication.regionId} and h.application_id = ${izinApplication.id} and h.actor_id = ${userId})`,
          sql`exists (select 1 from izin_type t where t.region_id = ${izinApplication.regionId} and t.id = ${izinApplication.typeId} and t.opd_id in ${opds})`,
        ),
      ),
    );
  return Boolean(row);
}
