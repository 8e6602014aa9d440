import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { maskNik } from '../../../shared/indonesia';
import {
  AK1_VALID_YEARS,
  type Ak1View,
  educationRank,
  LAPOR_DIRI_MONTHS,
  type laporDiriInput,
  type SeekerInput,
  type SeekerView,
} from '../../../shared/modules/siap-kerja';
import type { Tx } from '../../core/db/client';
import { regionArea } from '../../core/db/schema';
import { issuedDocument } from '../../core/documents/schema';
import { checkPath } from '../../core/documents/service';
import { conflict, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { notify } from '../../core/notifications/notify';
import { skAk1, skAk1Report, skSeeker } from './schema';
import { addMonths, todayIn } from './settings';

export type Actor = { id: string; name: string };
type SeekerRow = typeof skSeeker.$inferSelect;
type Ak1Row = typeof skAk1.$inferSelect;

export const noProfile = () =>
  notFound({
    id: 'Profil pencari kerja belum diisi.',
    en: 'The job-seeker profile has not been filled in yet.',
  });

/** Whole years of work, from the experience list (an open job counts up to this year). */
export function experienceYears(
  items: SeekerInput['experience'],
  thisYear = new Date().getUTCFullYear(),
): number {
  return items.reduce((sum, e) => sum + Math.max(0, (e.toYear ?? thisYear) - e.fromYear), 0);
}

/** Refuses area codes that are not kecamatan (or kelurahan) of this region. */
export async function checkAreas(tx: Tx, codes: (string | null | undefined)[]) {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  if (wanted.length === 0) return;
  const found = await tx
    .select({ code: regionArea.code })
    .from(regionArea)
    .where(inArray(regionArea.code, wanted));
  const missing = wanted.filter((c) => !found.some((f) => f.code === c));
  if (missing.length)
    throw invalid(
      { id: 'Kecamatan/kelurahan tidak ada di daerah ini.', en: 'Kecamatan/kelurahan not in this region.' },
      { areas: missing },
    );
}

export function seekerToView(s: SeekerRow): SeekerView {
  return {
    id: s.id,
    nikMasked: maskNik(s.nik),
    name: s.name,
    birthPlace: s.birthPlace,
    birthDate: s.birthDate,
    sex: s.sex,
    maritalStatus: s.maritalStatus as SeekerView['maritalStatus'],
    religion: s.religion as SeekerView['religion'],
    address: s.address,
    kecamatan: s.kecamatan,
    kelurahan: s.kelurahan,
    phone: s.phone,
    education: s.education,
    major: s.major,
    school: s.school,
    graduationYear: s.graduationYear,
    skills: s.skills,
    experience: s.experience,
    experienceYears: s.experienceYears,
    certificates: s.certificates,
    languages: s.languages,
    disability: s.disability,
    photoFileId: s.photoFileId,
    cvFileIds: s.cvFileIds,
    prefKecamatan: s.prefKecamatan,
    prefPositions: s.prefPositions,
    prefSalaryMin: s.prefSalaryMin,
    prefTypes: s.prefTypes as SeekerView['prefTypes'],
    employed: s.employed,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export async function seekerOf(tx: Tx, userId: string): Promise<SeekerRow | null> {
  const [row] = await tx.select().from(skSeeker).where(eq(skSeeker.userId, userId));
  return row ?? null;
}

export async function getMyProfile(tx: Tx, actor: Actor): Promise<SeekerView> {
  const s = await seekerOf(tx, actor.id);
  if (!s) throw noProfile();
  return seekerToView(s);
}

/** Creates or replaces the signed-in person's profile. The NIK cannot change once an AK/1 exists. */
export async function saveProfile(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: SeekerInput,
): Promise<SeekerView> {
  await checkAreas(tx, [input.kecamatan, input.kelurahan, ...input.prefKecamatan]);
  const existing = await seekerOf(tx, actor.id);
  const nik = input.nik ?? existing?.nik;
  if (!nik)
    throw invalid({ id: 'Isi NIK Anda (16 digit).', en: 'Enter your NIK (16 digits).' }, { field: 'nik' });
  const values = {
    ...input,
    nik,
    kelurahan: input.kelurahan ?? null,
    phone: input.phone ?? null,
    major: input.major ?? null,
    school: input.school ?? null,
    graduationYear: input.graduationYear ?? null,
    disability: input.disability ?? null,
    photoFileId: input.photoFileId ?? null,
    prefSalaryMin: input.prefSalaryMin ?? null,
    skills: [...new Set(input.skills)],
    educationRank: educationRank[input.education],
    experienceYears: Math.min(60, experienceYears(input.experience)),
    updatedAt: new Date(),
  };
  let row: SeekerRow | undefined;
  if (existing) {
    if (existing.nik !== nik) {
      const [card] = await tx
        .select({ id: skAk1.id })
        .from(skAk1)
        .where(
          and(eq(skAk1.seekerId, existing.id), inArray(skAk1.status, ['diajukan', 'perlu_datang', 'terbit'])),
        );
      if (card)
        throw conflict({
          id: 'NIK tidak dapat diubah selama AK/1 masih diajukan atau berlaku. Hubungi Disnaker.',
          en: 'The NIK cannot change while an AK/1 is requested or valid. Contact Disnaker.',
        });
    }
    [row] = await tx.update(skSeeker).set(values).where(eq(skSeeker.id, existing.id)).returning();
  } else {
    [row] = await tx
      .insert(skSeeker)
      .values({ regionId, userId: actor.id, ...values })
      .returning();
    await emitEvent(tx, regionId, {
      type: 'siap-kerja.seeker.registered',
      actor,
      summary: { id: 'Pencari kerja baru mendaftar', en: 'A new job seeker registered' },
      data: { kecamatan: input.kecamatan, education: input.education },
      permission: 'core:live.watch',
    });
  }
  return seekerToView(row!);
}

function ak1ToView(
  a: Ak1Row,
  s: Pick<SeekerRow, 'name' | 'nik'>,
  code: string | null,
  today: string,
): Ak1View {
  const expired = a.status === 'terbit' && a.validUntil !== null && a.validUntil < today;
  return {
    id: a.id,
    status: expired ? 'kedaluwarsa' : a.status,
    number: a.number,
    holderName: s.name,
    nikMasked: maskNik(s.nik),
    requestedAt: a.requestedAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
    note: a.note,
    validFrom: a.validFrom,
    validUntil: a.validUntil,
    nextReportDue: a.status === 'terbit' && !expired ? a.nextReportDue : null,
    lastReportAt: a.lastReportAt?.toISOString() ?? null,
    checkUrl: code ? checkPath(code) : null,
    documentCode: code,
  };
}

async function codeOf(tx: Tx, documentId: string | null) {
  if (!documentId) return null;
  const [d] = await tx
    .select({ code: issuedDocument.code })
    .from(issuedDocument)
    .where(eq(issuedDocument.id, documentId));
  return d?.code ?? null;
}

/** The seeker's latest AK/1 (request or card), or null. */
export async function myAk1(tx: Tx, actor: Actor): Promise<Ak1View | null> {
  const s = await seekerOf(tx, actor.id);
  if (!s) return null;
  const [a] = await tx
    .select()
    .from(skAk1)
    .where(eq(skAk1.seekerId, s.id))
    .orderBy(desc(skAk1.requestedAt))
    .limit(1);
  if (!a) return null;
  return ak1ToView(a, s, await codeOf(tx, a.documentId), await todayIn(tx));
}

export const ak1Exists = () =>
  conflict({
    id: 'NIK ini sudah memiliki AK/1 yang berlaku atau sedang diajukan di daerah ini.',
    en: 'This NIK already holds a valid or pending AK/1 in this region.',
  });

/** Requests an AK/1. One live request or card per NIK in the region (a clear 409 otherwise). */
export async function requestAk1(tx: Tx, regionId: string, actor: Actor): Promise<Ak1View> {
  const s = await seekerOf(tx, actor.id);
  if (!s) throw noProfile();
  const today = await todayIn(tx);
  // A card past its validity no longer blocks a new request.
  await tx
    .update(skAk1)
    .set({ status: 'kedaluwarsa' })
    .where(and(eq(skAk1.nik, s.nik), eq(skAk1.status, 'terbit'), sql`${skAk1.validUntil} < ${today}`));
  const [live] = await tx
    .select({ id: skAk1.id })
    .from(skAk1)
    .where(and(eq(skAk1.nik, s.nik), inArray(skAk1.status, ['diajukan', 'perlu_datang', 'terbit'])));
  if (live) throw ak1Exists();
  const [a] = await tx.insert(skAk1).values({ regionId, seekerId: s.id, nik: s.nik }).returning();
  await emitEvent(tx, regionId, {
    type: 'siap-kerja.ak1.requested',
    actor,
    summary: { id: 'Permohonan AK/1 baru', en: 'New AK/1 request' },
    data: { ak1Id: a!.id },
    permission: 'siap-kerja:verify',
  });
  return ak1ToView(a!, s, null, today);
}

/** Lapor diri: "masih mencari" moves the next due date 6 months on; "sudah bekerja" ends the reporting. */
export async function laporDiri(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof laporDiriInput>,
): Promise<Ak1View> {
  const s = await seekerOf(tx, actor.id);
  if (!s) throw noProfile();
  const today = await todayIn(tx);
  const [a] = await tx
    .select()
    .from(skAk1)
    .where(and(eq(skAk1.seekerId, s.id), eq(skAk1.status, 'terbit'), sql`${skAk1.validUntil} >= ${today}`));
  if (!a)
    throw conflict({
      id: 'Tidak ada AK/1 yang berlaku untuk dilaporkan.',
      en: 'There is no valid AK/1 to report on.',
    });
  await tx.insert(skAk1Report).values({
    regionId,
    ak1Id: a.id,
    status: input.status,
    employerName: input.status === 'sudah_bekerja' ? input.employerName : null,
    startedOn: input.status === 'sudah_bekerja' ? input.startedOn : null,
  });
  const next = input.status === 'sudah_bekerja' ? null : addMonths(today, LAPOR_DIRI_MONTHS);
  const [updated] = await tx
    .update(skAk1)
    .set({
      lastReportAt: new Date(),
      nextReportDue: next && a.validUntil && next > a.validUntil ? a.validUntil : next,
    })
    .where(eq(skAk1.id, a.id))
    .returning();
  if (input.status === 'sudah_bekerja') {
    await tx
      .update(skSeeker)
      .set({ employed: true, employedAt: input.startedOn })
      .where(eq(skSeeker.id, s.id));
    await emitEvent(tx, regionId, {
      type: 'siap-kerja.placement.recorded',
      actor,
      summary: { id: 'Pencari kerja melapor sudah bekerja', en: 'A job seeker reported being employed' },
      data: {
        source: 'lapor_diri',
        startedOn: input.startedOn,
        kecamatan: s.kecamatan,
        education: s.education,
      },
      permission: 'core:live.watch',
    });
  } else {
    await emitEvent(tx, regionId, {
      type: 'siap-kerja.ak1.reported',
      actor,
      summary: { id: 'Lapor diri AK/1', en: 'AK/1 self-report' },
      data: { ak1Id: a.id },
      permission: 'siap-kerja:verify',
    });
  }
  return ak1ToView(updated!, s, await codeOf(tx, a.documentId), today);
}

/** AK/1 validity from a day: two years less one day. */
export function ak1Validity(from: string): { validFrom: string; validUntil: string } {
  const until = addMonths(from, AK1_VALID_YEARS * 12);
  const d = new Date(Date.parse(`${until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { validFrom: from, validUntil: d };
}

export { ak1ToView, codeOf, notify };
