import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type EmployerView,
  educationRank,
  type employerInput,
  type VacancyInput,
  type VacancyView,
  type vacancyClose,
} from '../../../shared/modules/siap-kerja';
import type { Tx } from '../../core/db/client';
import { conflict, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { skApplication, skEmployer, skVacancy } from './schema';
import { type Actor, checkAreas } from './seekers';
import { addDays, settingsIn, todayIn } from './settings';

type EmployerRow = typeof skEmployer.$inferSelect;

export const employerNotFound = () =>
  notFound({ id: 'Perusahaan tidak ditemukan.', en: 'Employer not found.' });
export const vacancyNotFound = () => notFound({ id: 'Lowongan tidak ditemukan.', en: 'Vacancy not found.' });

export function employerToView(e: EmployerRow): EmployerView {
  return {
    id: e.id,
    name: e.name,
    nib: e.nib,
    kbli: e.kbli,
    sector: e.sector,
    address: e.address,
    kecamatan: e.kecamatan,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    contactEmail: e.contactEmail,
    website: e.website,
    status: e.status,
    note: e.note,
    verifiedAt: e.verifiedAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}

export async function myEmployers(tx: Tx, actor: Actor): Promise<EmployerView[]> {
  const rows = await tx
    .select()
    .from(skEmployer)
    .where(eq(skEmployer.ownerUserId, actor.id))
    .orderBy(desc(skEmployer.createdAt));
  return rows.map(employerToView);
}

/** The employer if the signed-in person owns it, else 404 (whether it exists is not theirs to know). */
export async function ownEmployer(tx: Tx, actor: Actor, employerId: string): Promise<EmployerRow> {
  const [e] = await tx
    .select()
    .from(skEmployer)
    .where(and(eq(skEmployer.id, employerId), eq(skEmployer.ownerUserId, actor.id)));
  if (!e) throw employerNotFound();
  return e;
}

export async function registerEmployer(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof employerInput>,
): Promise<EmployerView> {
  await checkAreas(tx, [input.kecamatan]);
  const [dupe] = await tx.select({ id: skEmployer.id }).from(skEmployer).where(eq(skEmployer.nib, input.nib));
  if (dupe)
    throw conflict({
      id: 'NIB ini sudah terdaftar di daerah ini.',
      en: 'This NIB is already registered in this region.',
    });
  const [row] = await tx
    .insert(skEmployer)
    .values({ regionId, ownerUserId: actor.id, ...input, kecamatan: input.kecamatan ?? null })
    .returning();
  await emitEvent(tx, regionId, {
    type: 'siap-kerja.employer.registered',
    actor,
    summary: { id: `Perusahaan mendaftar: ${input.name}`, en: `Employer registered: ${input.name}` },
    data: { employerId: row!.id },
    permission: 'siap-kerja:verify',
  });
  return employerToView(row!);
}

export async function updateEmployer(
  tx: Tx,
  regionId: string,
  actor: Actor,
  employerId: string,
  input: z.infer<typeof employerInput>,
): Promise<EmployerView> {
  const e = await ownEmployer(tx, actor, employerId);
  await checkAreas(tx, [input.kecamatan]);
  // A changed NIB needs a new verification.
  const reverify = e.nib !== input.nib || e.name !== input.name;
  const [row] = await tx
    .update(skEmployer)
    .set({
      ...input,
      kecamatan: input.kecamatan ?? null,
      ...(reverify ? { status: 'menunggu' as const, verifiedAt: null } : {}),
    })
    .where(eq(skEmployer.id, e.id))
    .returning();
  await emitEvent(tx, regionId, {
    type: 'siap-kerja.employer.updated',
    actor,
    summary: { id: `Data perusahaan diubah: ${input.name}`, en: `Employer changed: ${input.name}` },
    data: { employerId: e.id, reverify },
    permission: 'siap-kerja:verify',
  });
  return employerToView(row!);
}

const kecamatanName = sql<string | null>`(select a.name from region_area a
  where a.region_id = ${skVacancy.regionId} and a.code = ${skVacancy.kecamatan})`;
const applicantCount = sql<number>`(select count(*)::int from ${skApplication} ap
  where ap.region_id = ${skVacancy.regionId} and ap.vacancy_id = ${skVacancy.id} and ap.status <> 'ditarik')`;

export const vacancySelect = {
  v: skVacancy,
  employerName: skEmployer.name,
  kecamatanName,
  applicants: applicantCount,
};
type VacancyJoined = {
  v: typeof skVacancy.$inferSelect;
  employerName: string;
  kecamatanName: string | null;
  applicants: number;
};

export function vacancyToView(r: VacancyJoined): VacancyView {
  const v = r.v;
  return {
    id: v.id,
    employerId: v.employerId,
    employerName: r.employerName,
    title: v.title,
    position: v.position,
    description: v.description,
    count: v.count,
    filled: v.filled,
    validFrom: v.validFrom,
    validUntil: v.validUntil,
    ageMin: v.ageMin,
    ageMax: v.ageMax,
    sex: v.sex,
    education: v.education,
    majors: v.majors,
    skills: v.skills,
    experienceYears: v.experienceYears,
    wageMin: v.wageMin,
    wageMax: v.wageMax,
    kecamatan: v.kecamatan,
    kecamatanName: r.kecamatanName,
    location: v.location,
    type: v.type,
    hours: v.hours,
    benefits: v.benefits,
    disabilityFriendly: v.disabilityFriendly,
    status: v.status,
    note: v.note,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    createdAt: v.createdAt.toISOString(),
    applicants: Number(r.applicants),
  };
}

export async function findVacancy(tx: Tx, id: string): Promise<VacancyJoined | null> {
  const [r] = await tx
    .select(vacancySelect)
    .from(skVacancy)
    .innerJoin(
      skEmployer,
      and(eq(skEmployer.regionId, skVacancy.regionId), eq(skEmployer.id, skVacancy.employerId)),
    )
    .where(eq(skVacancy.id, id));
  return r ?? null;
}

/** A vacancy of an employer the signed-in person owns, else 404. */
export async function ownVacancy(tx: Tx, actor: Actor, vacancyId: string) {
  const r = await findVacancy(tx, vacancyId);
  if (!r) throw vacancyNotFound();
  const [e] = await tx
    .select({ owner: skEmployer.ownerUserId })
    .from(skEmployer)
    .where(eq(skEmployer.id, r.v.employerId));
  if (e?.owner !== actor.id) throw vacancyNotFound();
  return r;
}

export async function employerVacancies(tx: Tx, actor: Actor, employerId: string): Promise<VacancyView[]> {
  await ownEmployer(tx, actor, employerId);
  const rows = await tx
    .select(vacancySelect)
    .from(skVacancy)
    .innerJoin(
      skEmployer,
      and(eq(skEmployer.regionId, skVacancy.regionId), eq(skEmployer.id, skVacancy.employerId)),
    )
    .where(eq(skVacancy.employerId, employerId))
    .orderBy(desc(skVacancy.createdAt));
  return rows.map(vacancyToView);
}

async function checkVacancyDates(tx: Tx, input: VacancyInput) {
  const today = await todayIn(tx);
  const { maxVacancyDays } = await settingsIn(tx);
  if (input.validUntil < today)
    throw invalid(
      { id: 'Batas berlaku lowongan sudah lewat.', en: 'The vacancy validity has already ended.' },
      { field: 'validUntil' },
    );
  if (input.validUntil > addDays(input.validFrom, maxVacancyDays))
    throw invalid(
      {
        id: `Lowongan berlaku paling lama ${maxVacancyDays} hari.`,
        en: `A vacancy may be open for at most ${maxVacancyDays} days.`,
      },
      { field: 'validUntil' },
    );
}

const vacancyValues = (input: VacancyInput) => ({
  ...input,
  ageMin: input.ageMin ?? null,
  ageMax: input.ageMax ?? null,
  sex: input.sex ?? null,
  majors: input.majors ?? null,
  skills: [...new Set(input.skills)],
  wageMin: input.wageMin ?? null,
  wageMax: input.wageMax ?? null,
  kecamatan: input.kecamatan ?? null,
  hours: input.hours ?? null,
  benefits: input.benefits ?? null,
  educationRank: educationRank[input.education],
});

/**
 * Posts a vacancy. It waits for Disnaker (`menunggu`) and is public only once verified; an
 * employer Disnaker has not verified yet may prepare vacancies, which wait with it.
 */
export async function createVacancy(
  tx: Tx,
  regionId: string,
  actor: Actor,
  employerId: string,
  input: VacancyInput,
): Promise<VacancyView> {
  const e = await ownEmployer(tx, actor, employerId);
  if (e.status === 'ditolak')
    throw conflict({
      id: 'Perusahaan ditolak Disnaker; perbaiki datanya terlebih dahulu.',
      en: 'Disnaker refused this employer; correct its data first.',
    });
  await checkAreas(tx, [input.kecamatan]);
  await checkVacancyDates(tx, input);
  const [row] = await tx
    .insert(skVacancy)
    .values({ regionId, employerId, ...vacancyValues(input) })
    .returning({ id: skVacancy.id });
  await emitEvent(tx, regionId, {
    type: 'siap-kerja.vacancy.submitted',
    actor,
    summary: {
      id: `Lowongan baru menunggu verifikasi: ${input.title}`,
      en: `New vacancy awaiting review: ${input.title}`,
    },
    data: { vacancyId: row!.id, employerId },
    permission: 'siap-kerja:verify',
  });
  return vacancyToView((await findVacancy(tx, row!.id))!);
}

/** Changes a vacancy: an open one goes back to Disnaker's queue. */
export async function updateVacancy(
  tx: Tx,
  regionId: string,
  actor: Actor,
  vacancyId: string,
  input: VacancyInput,
): Promise<VacancyView> {
  const r = await ownVacancy(tx, actor, vacancyId);
  if (r.v.status === 'ditutup' || r.v.status === 'terisi')
    throw conflict({ id: 'Lowongan sudah ditutup.', en: 'The vacancy is closed.' });
  await checkAreas(tx, [input.kecamatan]);
  await checkVacancyDates(tx, input);
  await tx
    .update(skVacancy)
    .set({ ...vacancyValues(input), status: 'menunggu', note: null })
    .where(eq(skVacancy.id, vacancyId));
  await emitEvent(tx, regionId, {
    type: 'siap-kerja.vacancy.submitted',
    actor,
    summary: {
      id: `Lowongan diubah, menunggu verifikasi: ${input.title}`,
      en: `Vacancy changed, awaiting review: ${input.title}`,
    },
    data: { vacancyId, employerId: r.v.employerId },
    permission: 'siap-kerja:verify',
  });
  return vacancyToView((await findVacancy(tx, vacancyId))!);
}

/** A copy of a vacancy as a new one (waiting for Disnaker), valid from today for the same length. */
export async function duplicateVacancy(tx: Tx, regionId: string, actor: Actor, vacancyId: string) {
  const r = await ownVacancy(tx, actor, vacancyId);
  const today = await todayIn(tx);
  const days = Math.max(1, Math.round((Date.parse(r.v.validUntil) - Date.parse(r.v.validFrom)) / 86_400_000));
  const view = vacancyToView(r);
  return createVacancy(tx, regionId, actor, r.v.employerId, {
    ...view,
    title: view.title,
    validFrom: today,
    validUntil: addDays(today, days),
  } as VacancyInput);
}

/** Closes a vacancy (`ditutup`) or reports it filled (`terisi`, with how many were placed). */
export async function closeVacancy(
  tx: Tx,
  regionId: string,
  actor: Actor,
  vacancyId: string,
  input: z.infer<typeof vacancyClose>,
): Promise<VacancyView> {
  const r = await ownVacancy(tx, actor, vacancyId);
  if (r.v.status === 'ditutup' || r.v.status === 'terisi')
    throw conflict({ id: 'Lowongan sudah ditutup.', en: 'The vacancy is already closed.' });
  const [hired] = (
    (await tx.execute(sql`select count(*)::int as n from siap_kerja_application
      where vacancy_id = ${vacancyId} and status = 'diterima'`)) as unknown as { rows: { n: number }[] }
  ).rows;
  const filled =
    input.outcome === 'terisi' ? Math.max(input.filled ?? r.v.count, Number(hired?.n ?? 0)) : r.v.filled;
  await tx
    .update(skVacancy)
    .set({ status: input.outcome, closedAt: new Date(), filled })
    .where(eq(skVacancy.id, vacancyId));
  await emitEvent(tx, regionId, {
    type: 'siap-kerja.vacancy.closed',
    actor,
    summary: {
      id: `Lowongan ${input.outcome === 'terisi' ? 'terisi' : 'ditutup'}: ${r.v.title}`,
      en: `Vacancy ${input.outcome === 'terisi' ? 'filled' : 'closed'}: ${r.v.title}`,
    },
    data: { vacancyId, outcome: input.outcome, filled },
    permission: 'core:live.watch',
  });
  return vacancyToView((await findVacancy(tx, vacancyId))!);
}
