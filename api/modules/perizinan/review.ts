import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { checkInput, reviewInput } from '../../../shared/modules/perizinan';
import { calendarFor, todayInRegion } from '../../core/calendar/region-calendar';
import type { TimeZoneCode } from '../../core/calendar/working-days';
import type { Tx } from '../../core/db/client';
import { opd } from '../../core/db/schema';
import { revokeDocument, setDocumentSuspended } from '../../core/documents/service';
import type { SignatureAdapter } from '../../core/documents/signing';
import { invalid, notFound } from '../../core/errors';
import type { FileStore } from '../../core/files/store';
import { notify } from '../../core/notifications/notify';
import { technicalOpd } from './applications';
import {
  type Actor,
  authorise,
  type Loaded,
  loadForUpdate,
  move,
  nextState,
  pauseClock,
  startClock,
} from './engine';
import { permitNumber } from './numbers';
import { alreadyPaid, assessFee, type PaymentAdapter, recordPayment } from './payment';
import { issuePermit } from './permit';
import { izinItem, izinPayment } from './schema';
import { isAssigned } from './steps';

export type Region = { id: string; code: string; name: string; timeZone: TimeZoneCode };
export type Adapters = { files: FileStore; signer: SignatureAdapter; payment: PaymentAdapter };

const trackUrl = (id: string) => `/layanan/perizinan/permohonan/${id}`;

async function tellApplicant(
  tx: Tx,
  l: Loaded,
  title: { id: string; en: string },
  body: { id: string; en: string },
) {
  await notify(tx, l.app.regionId, {
    topic: 'perizinan.status',
    title,
    body,
    url: trackUrl(l.app.id),
    to: { users: [l.app.applicantId] },
  });
}

/** Leaves "berkas lengkap dan benar" or a technical recommendation: the fee is assessed on the way to payment. */
async function advance(
  tx: Tx,
  region: Region,
  adapters: Adapters,
  l: Loaded,
  to: ReturnType<typeof nextState>,
) {
  if (to !== 'payment') return {};
  const payment = await assessFee(tx, adapters.payment, {
    regionId: region.id,
    regionCode: region.code,
    year: (await todayInRegion(tx)).slice(0, 4),
    applicationId: l.app.id,
    def: l.def,
    form: l.app.form,
  });
  if (payment)
    await tellApplicant(
      tx,
      l,
      { id: 'Silakan bayar retribusi izin', en: 'Please pay the permit fee' },
      {
        id: `Kode bayar ${payment.billingCode}, Rp${payment.amount.toLocaleString('id-ID')}.`,
        en: `Billing code ${payment.billingCode}, IDR ${payment.amount.toLocaleString('en-US')}.`,
      },
    );
  return { feeAmount: payment?.amount ?? null };
}

/**
 * Front office: every attached document is checked ok or "fix" with a note. Any "fix" returns the
 * file to the applicant with exactly those items; all ok is "berkas lengkap dan benar": the SLA
 * clock starts and the application moves to the technical team, the cashier or approval.
 */
export async function checkDocuments(
  tx: Tx,
  region: Region,
  adapters: Adapters,
  actor: Actor,
  id: string,
  input: z.infer<typeof checkInput>,
) {
  const l = await loadForUpdate(tx, id);
  await authorise(tx, l, 'check', actor);
  const items = await tx.select().from(izinItem).where(eq(izinItem.applicationId, id));
  const attached = items.filter((i) => i.fileId);
  const decided = new Map(input.items.map((i) => [i.key, i]));
  const unknown = input.items.filter((i) => !items.some((x) => x.key === i.key && x.fileId));
  const undecided = attached.filter((i) => !decided.has(i.key));
  if (unknown.length || undecided.length)
    throw invalid(
      {
        id: 'Periksa setiap dokumen yang dilampirkan (dan hanya itu).',
        en: 'Check every attached document (and only those).',
      },
      { unknown: unknown.map((i) => i.key), undecided: undecided.map((i) => i.key) },
    );
  const now = new Date();
  for (const d of input.items)
    await tx
      .update(izinItem)
      .set({
        status: d.status,
        note: d.status === 'fix' ? d.note : null,
        checkedBy: actor.id,
        checkedAt: now,
      })
      .where(and(eq(izinItem.applicationId, id), eq(izinItem.key, d.key)));
  const fix = input.items.filter((i) => i.status === 'fix');
  if (fix.length) {
    await move(tx, l, {
      action: 'check',
      to: 'returned',
      actor,
      note: input.note,
      set: { returnedFrom: 'submitted', ...pauseClock(l.app, now) },
    });
    const labels = fix.map(
      (f) => l.def.requirements.find((r) => r.key === f.key)?.label ?? { id: f.key, en: f.key },
    );
    await tellApplicant(
      tx,
      l,
      { id: 'Permohonan izin perlu diperbaiki', en: 'Your permit application needs changes' },
      {
        id: `Perbaiki: ${labels.map((x) => x.id).join(', ')}.`,
        en: `Fix: ${labels.map((x) => x.en).join(', ')}.`,
      },
    );
    return;
  }
  const calendar = await calendarFor(tx, region);
  const to = nextState(l.def, 'complete');
  const clock = l.app.completeAt ? {} : startClock(calendar, l.def, now);
  await move(tx, l, {
    action: 'check',
    to,
    actor,
    note: input.note,
    set: { ...clock, ...(await advance(tx, region, adapters, l, to)) },
    technicalOpdId: to === 'technical' ? await technicalOpd(tx, l.def) : null,
  });
}

/** Technical team: recommend (with the field survey's date and notes), return items to fix, or reject. */
export async function technicalReview(
  tx: Tx,
  region: Region,
  adapters: Adapters,
  actor: Actor,
  id: string,
  input: z.infer<typeof reviewInput>,
) {
  const l = await loadForUpdate(tx, id);
  await authorise(tx, l, 'review', actor);
  const survey = { surveyDate: input.surveyDate, surveyNote: input.note };
  if (l.def.technicalReview?.fieldSurvey && input.decision === 'recommend' && !input.surveyDate)
    throw invalid({ id: 'Isi tanggal survei lapangan.', en: 'Enter the field survey date.' });
  if (input.decision === 'reject') return reject(tx, actor, id, input.note, l);
  if (input.decision === 'return') {
    const keys = new Set(l.def.requirements.map((r) => r.key));
    if (input.fix.length === 0 || input.fix.some((f) => !keys.has(f.key)))
      throw invalid({ id: 'Sebutkan dokumen yang harus diperbaiki.', en: 'Name the documents to fix.' });
    for (const f of input.fix)
      await tx
        .update(izinItem)
        .set({ status: 'fix', note: f.note, checkedBy: actor.id, checkedAt: new Date() })
        .where(and(eq(izinItem.applicationId, id), eq(izinItem.key, f.key)));
    await move(tx, l, {
      action: 'review',
      to: 'returned',
      actor,
      note: input.note,
      set: { ...survey, returnedFrom: 'technical', ...pauseClock(l.app, new Date()) },
    });
    await tellApplicant(
      tx,
      l,
      { id: 'Tim teknis meminta perbaikan', en: 'The technical team asks for changes' },
      { id: input.note, en: input.note },
    );
    return;
  }
  const to = nextState(l.def, 'technical');
  await move(tx, l, {
    action: 'review',
    to,
    actor,
    note: input.note,
    set: { ...survey, ...(await advance(tx, region, adapters, l, to)) },
  });
}

/** Cashier: the fee is paid (receipt number from the cash register or bank slip). Once only. */
export async function confirmPayment(tx: Tx, actor: Actor, id: string, receiptNumber: string) {
  const l = await loadForUpdate(tx, id);
  // A second confirmation (another cashier, a stale screen) finds the application already moved on:
  // tell that cashier it is paid, not that the action does not fit the state.
  if (l.app.state !== 'payment' && (await isAssigned(tx, actor.id, 'cashier', l.ownerOpdId))) {
    const [paid] = await tx.select().from(izinPayment).where(eq(izinPayment.applicationId, id));
    if (paid?.paidAt) throw alreadyPaid();
  }
  await authorise(tx, l, 'pay', actor);
  const { already } = await recordPayment(tx, { applicationId: id, receiptNumber, confirmedBy: actor.id });
  if (already) throw alreadyPaid();
  await move(tx, l, { action: 'pay', to: 'approval', actor, note: `Kuitansi ${receiptNumber}` });
}

/**
 * A payment gateway's paid-callback (bank or Bapenda billing): the same once-only record as the
 * cashier's, by billing code and amount. A retried callback answers `already` and changes nothing.
 */
export async function gatewayPaid(
  tx: Tx,
  input: { billingCode: string; amount: number; paidAt: string; reference: string },
): Promise<'paid' | 'already'> {
  const [bill] = await tx.select().from(izinPayment).where(eq(izinPayment.billingCode, input.billingCode));
  if (!bill) throw notFound({ id: 'Kode bayar tidak dikenal.', en: 'Unknown billing code.' });
  if (bill.amount !== input.amount)
    throw invalid(
      { id: 'Jumlah tidak sama dengan tagihan.', en: 'The amount differs from the bill.' },
      { expected: bill.amount },
    );
  const l = await loadForUpdate(tx, bill.applicationId);
  const { already } = await recordPayment(tx, {
    applicationId: bill.applicationId,
    receiptNumber: input.reference,
    reference: input.reference,
    confirmedBy: null,
    paidAt: new Date(input.paidAt),
  });
  if (already) return 'already';
  if (l.app.state === 'payment')
    await move(tx, l, {
      action: 'pay',
      to: 'approval',
      actor: null,
      note: `Dibayar melalui ${bill.provider}: ${input.reference}`,
    });
  return 'paid';
}

export async function approve(tx: Tx, actor: Actor, id: string, note: string | null) {
  const l = await loadForUpdate(tx, id);
  await authorise(tx, l, 'approve', actor);
  await move(tx, l, { action: 'approve', to: 'signing', actor, note });
}

/** Signer: the permit is numbered, rendered, signed through the adapter and issued. */
export async function sign(
  tx: Tx,
  region: Region,
  adapters: Adapters,
  actor: Actor,
  id: string,
  origin: string,
) {
  const l = await loadForUpdate(tx, id);
  await authorise(tx, l, 'sign', actor);
  const today = await todayInRegion(tx);
  const [office] = await tx.select().from(opd).where(eq(opd.id, l.ownerOpdId));
  const number = await permitNumber(
    tx,
    region.id,
    l.typeCode,
    office?.shortName ?? 'DPMPTSP',
    today.slice(0, 4),
  );
  const issued = await issuePermit(tx, adapters, {
    region,
    officeName: office?.name ?? 'DPMPTSP',
    app: l.app,
    def: l.def,
    number,
    today,
    signer: actor,
    origin,
  });
  await move(tx, l, {
    action: 'sign',
    to: 'issued',
    actor,
    set: { decidedAt: new Date(), documentId: issued.doc.id, permitFileId: issued.fileId },
  });
  await tellApplicant(
    tx,
    l,
    { id: `Izin Anda terbit: ${number}`, en: `Your permit is issued: ${number}` },
    {
      id: 'Unduh PDF izin dari halaman permohonan.',
      en: 'Download the permit PDF from the application page.',
    },
  );
}

/** Any acting step may reject with a reason; the applicant is told why. */
export async function reject(tx: Tx, actor: Actor, id: string, reason: string, loaded?: Loaded) {
  const l = loaded ?? (await loadForUpdate(tx, id));
  await authorise(tx, l, 'reject', actor);
  await move(tx, l, {
    action: 'reject',
    to: 'rejected',
    actor,
    note: reason,
    set: { rejectReason: reason, decidedAt: new Date(), pausedAt: null },
  });
  await tellApplicant(
    tx,
    l,
    { id: 'Permohonan izin ditolak', en: 'Permit application rejected' },
    { id: reason, en: reason },
  );
}

/** Signer: suspend, reinstate or revoke an issued permit; the public check shows it at once. */
export async function changePermit(
  tx: Tx,
  actor: Actor,
  id: string,
  action: 'suspend' | 'reinstate' | 'revoke',
  reason: string,
) {
  const l = await loadForUpdate(tx, id);
  await authorise(tx, l, action, actor);
  const documentId = l.app.documentId;
  if (!documentId) throw invalid({ id: 'Izin belum terbit.', en: 'No permit issued.' });
  if (action === 'revoke') await revokeDocument(tx, documentId, reason);
  else await setDocumentSuspended(tx, documentId, action === 'suspend');
  const to = action === 'suspend' ? 'suspended' : action === 'reinstate' ? 'issued' : 'revoked';
  await move(tx, l, { action, to, actor, note: reason, set: { suspended: action === 'suspend' } });
  await tellApplicant(
    tx,
    l,
    {
      id:
        action === 'revoke'
          ? 'Izin Anda dicabut'
          : action === 'suspend'
            ? 'Izin Anda dibekukan'
            : 'Izin Anda berlaku kembali',
      en:
        action === 'revoke'
          ? 'Your permit was revoked'
          : action === 'suspend'
            ? 'Your permit was suspended'
            : 'Your permit is valid again',
    },
    { id: reason, en: reason },
  );
}

/** The OPDs' names for views (id → short name). */
export async function opdNames(tx: Tx, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await tx.select({ id: opd.id, name: opd.shortName }).from(opd).where(inArray(opd.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
