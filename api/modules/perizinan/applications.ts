import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type applicantInput,
  type DocumentFormat,
  type draftInput,
  type draftUpdate,
  type FormValues,
  formatMime,
  type Requirement,
  type TypeDefinition,
} from '../../../shared/modules/perizinan';
import { calendarFor, todayInRegion } from '../../core/calendar/region-calendar';
import type { TimeZoneCode } from '../../core/calendar/working-days';
import type { Tx } from '../../core/db/client';
import { conflict, invalid } from '../../core/errors';
import { getType, typeNotFound } from './catalogue';
import { type Actor, applicationNotFound, authorise, loadForUpdate, move, resumeClock } from './engine';
import { lockerItem } from './locker';
import { registrationNumber } from './numbers';
import { izinApplication, izinItem } from './schema';
import { opdIdsByCode } from './steps';

type Region = { id: string; timeZone: TimeZoneCode };

/** Opens a draft of the type's current version, with one empty slot per requirement. */
export async function createDraft(tx: Tx, regionId: string, actor: Actor, input: z.infer<typeof draftInput>) {
  const type = await getType(tx, input.typeCode);
  if (!type.active) throw typeNotFound();
  const [row] = await tx
    .insert(izinApplication)
    .values({
      regionId,
      typeId: type.id,
      typeVersion: type.version,
      applicantId: actor.id,
      ...applicantColumns(input.applicant),
      form: input.form,
    })
    .returning({ id: izinApplication.id });
  await tx
    .insert(izinItem)
    .values(type.definition.requirements.map((r) => ({ regionId, applicationId: row!.id, key: r.key })));
  return row!.id;
}

const applicantColumns = (a: z.infer<typeof applicantInput> | undefined) =>
  a
    ? {
        applicantKind: a.kind,
        applicantName: a.name,
        nik: a.nik,
        companyName: a.kind === 'company' ? a.companyName : null,
        nib: a.kind === 'company' ? a.nib : null,
      }
    : {};

/** The draft saves whatever is there so far (the phone saves as the applicant types). */
export async function updateDraft(tx: Tx, actor: Actor, id: string, input: z.infer<typeof draftUpdate>) {
  const l = await loadForUpdate(tx, id);
  if (l.app.applicantId !== actor.id) throw applicationNotFound();
  if (l.app.state !== 'draft')
    throw conflict({
      id: 'Permohonan sudah diajukan; isian tidak bisa diubah.',
      en: 'Already submitted; the form cannot change.',
    });
  await tx
    .update(izinApplication)
    .set({
      ...applicantColumns(input.applicant),
      ...(input.form ? { form: input.form } : {}),
      updatedAt: new Date(),
    })
    .where(eq(izinApplication.id, id));
}

/** Whether a stored file fits a requirement's formats and size. Photos are stored as WebP. */
export function fileFits(r: Requirement, file: { mime: string; bytes: number }): string | null {
  const pdf = file.mime === 'application/pdf';
  const formats = new Set<DocumentFormat>(r.formats);
  const ok = pdf
    ? formats.has('pdf')
    : file.mime.startsWith('image/') && (formats.has('jpg') || formats.has('png'));
  if (!ok) return `format (${r.formats.map((f) => formatMime[f]).join(', ')})`;
  if (file.bytes > r.maxKb * 1024) return `size (≤ ${r.maxKb} KB)`;
  return null;
}

/**
 * Puts a locker document in a requirement's slot. In a draft any slot; once returned for
 * revision only the slots the reviewer flagged ("fix"), which become pending again.
 */
export async function attach(tx: Tx, actor: Actor, id: string, key: string, lockerItemId: string) {
  const l = await loadForUpdate(tx, id);
  if (l.app.applicantId !== actor.id) throw applicationNotFound();
  const requirement = l.def.requirements.find((r) => r.key === key);
  if (!requirement) throw invalid({ id: `Persyaratan "${key}" tidak ada.`, en: `No requirement "${key}".` });
  const [slot] = await tx
    .select()
    .from(izinItem)
    .where(and(eq(izinItem.applicationId, id), eq(izinItem.key, key)));
  const editable = l.app.state === 'draft' || (l.app.state === 'returned' && slot?.status === 'fix');
  if (!editable)
    throw conflict({
      id: 'Dokumen ini tidak bisa diganti sekarang. Setelah dikembalikan, hanya dokumen yang diminta diperbaiki yang bisa diganti.',
      en: 'This document cannot be changed now. Once returned, only the documents marked for revision can be replaced.',
    });
  const doc = await lockerItem(tx, actor.id, lockerItemId);
  if (doc.docType !== requirement.docType)
    throw invalid({
      id: `Persyaratan ini meminta dokumen jenis "${requirement.docType}", bukan "${doc.docType}".`,
      en: `This requirement asks for a "${requirement.docType}" document, not "${doc.docType}".`,
    });
  const misfit = fileFits(requirement, doc);
  if (misfit)
    throw invalid(
      { id: `Berkas tidak sesuai ketentuan: ${misfit}.`, en: `The file does not meet the rule: ${misfit}.` },
      { key, rule: misfit },
    );
  await tx
    .update(izinItem)
    .set({ lockerItemId: doc.id, fileId: doc.fileId, status: 'pending' })
    .where(and(eq(izinItem.applicationId, id), eq(izinItem.key, key)));
}

/** Everything a submission lacks, per requirement and field: the list the applicant is shown. */
export function submissionProblems(
  def: TypeDefinition,
  app: { applicantKind: string | null; applicantName: string | null; form: FormValues },
  items: { key: string; fileId: string | null; documentDate: string | null }[],
  today: string,
) {
  const problems: { key: string; problem: 'missing' | 'expired' | 'undated' | 'invalid'; label: string }[] =
    [];
  if (!app.applicantKind || !app.applicantName)
    problems.push({ key: 'applicant', problem: 'missing', label: 'Pemohon' });
  else if (!def.applicantKinds.includes(app.applicantKind as 'individual'))
    problems.push({ key: 'applicant', problem: 'invalid', label: 'Pemohon' });
  const byKey = new Map(items.map((i) => [i.key, i]));
  for (const r of def.requirements) {
    const item = byKey.get(r.key);
    if (!item?.fileId) {
      if (r.mandatory) problems.push({ key: r.key, problem: 'missing', label: r.label.id });
      continue;
    }
    if (r.maxAgeDays) {
      if (!item.documentDate) problems.push({ key: r.key, problem: 'undated', label: r.label.id });
      else if (Date.parse(today) - Date.parse(item.documentDate) > r.maxAgeDays * 86_400_000)
        problems.push({ key: r.key, problem: 'expired', label: r.label.id });
    }
  }
  for (const f of def.fields) {
    const v = app.form[f.key];
    const empty = v === undefined || v === null || v === '';
    if (empty) {
      if (f.required) problems.push({ key: f.key, problem: 'missing', label: f.label.id });
      continue;
    }
    const bad =
      (f.kind === 'number' && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) ||
      (f.kind === 'date' &&
        (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))) ||
      (f.kind === 'choice' && (typeof v !== 'string' || !f.options.includes(v))) ||
      (f.kind === 'point' && (typeof v !== 'object' || !('lat' in v))) ||
      ((f.kind === 'text' || f.kind === 'address') && typeof v !== 'string');
    if (bad) problems.push({ key: f.key, problem: 'invalid', label: f.label.id });
  }
  return problems;
}

async function itemsWithDates(tx: Tx, applicantId: string, applicationId: string) {
  const items = await tx.select().from(izinItem).where(eq(izinItem.applicationId, applicationId));
  const out = [];
  for (const i of items) {
    const doc = i.lockerItemId ? await lockerItem(tx, applicantId, i.lockerItemId).catch(() => null) : null;
    out.push({ ...i, documentDate: doc?.documentDate ?? null });
  }
  return out;
}

/** Submits a draft: refused with the whole list of what is missing, else numbered at once. */
export async function submit(tx: Tx, region: Region, actor: Actor, id: string) {
  const l = await loadForUpdate(tx, id);
  await authorise(tx, l, 'submit', actor);
  const today = await todayInRegion(tx);
  const problems = submissionProblems(l.def, l.app, await itemsWithDates(tx, actor.id, id), today);
  if (problems.length)
    throw invalid(
      {
        id: `Permohonan belum lengkap: ${problems.map((p) => p.label).join(', ')}.`,
        en: `The application is incomplete: ${problems.map((p) => p.key).join(', ')}.`,
      },
      { problems },
    );
  const number = await registrationNumber(tx, region.id, today.slice(0, 4));
  await move(tx, l, { action: 'submit', to: 'submitted', actor, set: { number, submittedAt: new Date() } });
}

/** Sends a returned application back to whoever returned it, once every flagged document is replaced. */
export async function resubmit(tx: Tx, region: Region, actor: Actor, id: string, note: string | null) {
  const l = await loadForUpdate(tx, id);
  await authorise(tx, l, 'resubmit', actor);
  const items = await tx.select().from(izinItem).where(eq(izinItem.applicationId, id));
  const unfixed = items.filter((i) => i.status === 'fix');
  if (unfixed.length)
    throw invalid(
      {
        id: `Masih ada dokumen yang harus diperbaiki: ${unfixed.map((i) => l.def.requirements.find((r) => r.key === i.key)?.label.id ?? i.key).join(', ')}.`,
        en: `Some documents still need fixing: ${unfixed.map((i) => i.key).join(', ')}.`,
      },
      { keys: unfixed.map((i) => i.key) },
    );
  const back = l.app.returnedFrom ?? 'submitted';
  const calendar = await calendarFor(tx, region);
  await move(tx, l, {
    action: 'resubmit',
    to: back,
    actor,
    note,
    set: { ...resumeClock(calendar, l.app, new Date()), returnedFrom: null },
    technicalOpdId: back === 'technical' ? await technicalOpd(tx, l.def) : null,
  });
}

export async function withdraw(tx: Tx, actor: Actor, id: string, note: string | null) {
  const l = await loadForUpdate(tx, id);
  await authorise(tx, l, 'withdraw', actor);
  await move(tx, l, {
    action: 'withdraw',
    to: 'withdrawn',
    actor,
    note,
    set: { decidedAt: new Date(), pausedAt: null },
  });
}

/** The applicant's applications, newest first. */
export async function myApplications(tx: Tx, applicantId: string) {
  return tx
    .select({ id: izinApplication.id })
    .from(izinApplication)
    .where(eq(izinApplication.applicantId, applicantId))
    .orderBy(desc(izinApplication.createdAt))
    .limit(100);
}

/** The id of the technical team's OPD of a type version. */
export async function technicalOpd(tx: Tx, def: TypeDefinition): Promise<string | null> {
  if (!def.technicalReview) return null;
  return (await opdIdsByCode(tx, [def.technicalReview.opdCode])).get(def.technicalReview.opdCode) ?? null;
}
