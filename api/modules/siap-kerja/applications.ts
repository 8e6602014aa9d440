import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type ApplicantView,
  type ApplicationStatus,
  type applicationMove,
  applicationStatuses,
  employerMoves,
  type MyApplicationView,
} from '../../../shared/modules/siap-kerja';
import type { Tx } from '../../core/db/client';
import { conflict, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { notify } from '../../core/notifications/notify';
import { findVacancy, ownVacancy, vacancyNotFound } from './employers';
import {
  explain,
  type MatchParts,
  matchParts,
  seekerColumns,
  type VacancySide,
  vacancyValues,
} from './matching';
import { skApplication, skEmployer, skSeeker, skVacancy } from './schema';
import { isOpen } from './search';
import { type Actor, noProfile, seekerOf } from './seekers';
import { todayIn } from './settings';
import { queueWebhook } from './webhooks';

const statusWords: Record<ApplicationStatus, { id: string; en: string }> = {
  dilamar: { id: 'dilamar', en: 'applied' },
  disaring: { id: 'disaring', en: 'screened' },
  wawancara: { id: 'wawancara', en: 'interview' },
  ditawari: { id: 'ditawari', en: 'offered' },
  diterima: { id: 'diterima', en: 'hired' },
  ditolak: { id: 'ditolak', en: 'not selected' },
  ditarik: { id: 'ditarik', en: 'withdrawn' },
};

const notOpen = () =>
  conflict({
    id: 'Lowongan ini sudah ditutup atau melewati batas berlaku; lamaran tidak dapat dikirim.',
    en: 'This vacancy is closed or past its validity; applications are no longer accepted.',
  });

/** One tap: applies with the profile as it is. Refused for closed or expired vacancies. */
export async function apply(
  tx: Tx,
  regionId: string,
  actor: Actor,
  vacancyId: string,
  message: string | null,
): Promise<MyApplicationView> {
  const s = await seekerOf(tx, actor.id);
  if (!s) throw noProfile();
  const r = await findVacancy(tx, vacancyId);
  if (!r || r.v.status === 'menunggu' || r.v.status === 'ditolak') throw vacancyNotFound();
  if (!isOpen(r.v, await todayIn(tx))) throw notOpen();
  const [existing] = await tx
    .select()
    .from(skApplication)
    .where(and(eq(skApplication.vacancyId, vacancyId), eq(skApplication.seekerId, s.id)));
  let id: string;
  if (existing) {
    if (existing.status !== 'ditarik')
      throw conflict({
        id: 'Anda sudah melamar lowongan ini.',
        en: 'You have already applied for this vacancy.',
      });
    await tx
      .update(skApplication)
      .set({ status: 'dilamar', message, updatedAt: new Date(), interviewAt: null })
      .where(eq(skApplication.id, existing.id));
    id = existing.id;
  } else {
    const [row] = await tx
      .insert(skApplication)
      .values({ regionId, vacancyId, seekerId: s.id, message })
      .returning({ id: skApplication.id });
    id = row!.id;
  }
  await emitEvent(tx, regionId, {
    type: 'siap-kerja.application.submitted',
    actor,
    summary: { id: `Lamaran baru untuk ${r.v.title}`, en: `New application for ${r.v.title}` },
    data: { applicationId: id, vacancyId },
    permission: 'core:live.watch',
  });
  const [owner] = await tx
    .select({ userId: skEmployer.ownerUserId })
    .from(skEmployer)
    .where(eq(skEmployer.id, r.v.employerId));
  if (owner)
    await notify(tx, regionId, {
      topic: 'siap-kerja.applications',
      title: { id: `Lamaran baru: ${r.v.title}`, en: `New application: ${r.v.title}` },
      url: `/layanan/siap-kerja/perusahaan/lowongan/${vacancyId}`,
      to: { users: [owner.userId] },
    });
  return (await myApplications(tx, actor)).find((a) => a.id === id)!;
}

export async function myApplications(tx: Tx, actor: Actor): Promise<MyApplicationView[]> {
  const s = await seekerOf(tx, actor.id);
  if (!s) return [];
  const rows = await tx
    .select({ a: skApplication, title: skVacancy.title, employerName: skEmployer.name })
    .from(skApplication)
    .innerJoin(
      skVacancy,
      and(eq(skVacancy.regionId, skApplication.regionId), eq(skVacancy.id, skApplication.vacancyId)),
    )
    .innerJoin(
      skEmployer,
      and(eq(skEmployer.regionId, skVacancy.regionId), eq(skEmployer.id, skVacancy.employerId)),
    )
    .where(eq(skApplication.seekerId, s.id))
    .orderBy(desc(skApplication.updatedAt));
  return rows.map(({ a, title, employerName }) => ({
    id: a.id,
    vacancyId: a.vacancyId,
    vacancyTitle: title,
    employerName,
    status: a.status,
    interviewAt: a.interviewAt?.toISOString() ?? null,
    messageToApplicant: a.messageToApplicant,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  }));
}

/** The seeker withdraws an application that is still in progress. */
export async function withdraw(tx: Tx, regionId: string, actor: Actor, applicationId: string) {
  const s = await seekerOf(tx, actor.id);
  const [a] = s
    ? await tx
        .select()
        .from(skApplication)
        .where(and(eq(skApplication.id, applicationId), eq(skApplication.seekerId, s.id)))
    : [];
  if (!a) throw notFound({ id: 'Lamaran tidak ditemukan.', en: 'Application not found.' });
  if (a.status === 'diterima' || a.status === 'ditolak' || a.status === 'ditarik')
    throw conflict({ id: 'Lamaran ini sudah selesai.', en: 'This application is already finished.' });
  await tx
    .update(skApplication)
    .set({ status: 'ditarik', updatedAt: new Date() })
    .where(eq(skApplication.id, a.id));
  await emitEvent(tx, regionId, {
    type: 'siap-kerja.application.withdrawn',
    actor,
    summary: { id: 'Lamaran ditarik', en: 'Application withdrawn' },
    data: { applicationId: a.id, vacancyId: a.vacancyId },
    permission: 'core:audit.read',
  });
}

type ApplicantRow = {
  id: string;
  name: string;
  birth_date: string;
  sex: 'L' | 'P';
  education: ApplicantView['education'];
  major: string | null;
  skills: string[];
  experience_years: number;
  kecamatan_name: string | null;
  phone: string | null;
  cv_file_ids: string[];
  message: string | null;
  status: ApplicantView['status'];
  score: number;
  parts: MatchParts;
  interview_at: Date | string | null;
  employer_note: string | null;
  message_to_applicant: string | null;
  created_at: Date | string;
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const ageOn = (birth: string, today: string) => {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
};

/**
 * A vacancy's applicants for its employer, ranked by match score (shortlist) — only what an
 * application shares: name, age, sex, education, skills, experience, kecamatan, phone, CV.
 * Never the NIK, the address, the birth date or religion.
 */
export async function rankedApplicants(
  tx: Tx,
  actor: Actor,
  vacancyId: string,
  opts: { status?: ApplicationStatus; limit: number; offset: number },
): Promise<ApplicantView[]> {
  const r = await ownVacancy(tx, actor, vacancyId);
  const today = await todayIn(tx);
  return applicantsOf(tx, r.v, today, opts);
}

export async function applicantsOf(
  tx: Tx,
  v: {
    id: string;
    educationRank: number;
    skills: string[];
    kecamatan: string | null;
    experienceYears: number;
    wageMax: number | null;
    type: string;
  },
  today: string,
  opts: { status?: ApplicationStatus; limit: number; offset: number },
): Promise<ApplicantView[]> {
  const res = (await tx.execute(applicantsSql(vacancyValues(v), v.id, opts))) as unknown as {
    rows: ApplicantRow[];
  };
  return res.rows.map((x) => ({
    id: x.id,
    name: x.name,
    age: ageOn(x.birth_date, today),
    sex: x.sex,
    education: x.education,
    major: x.major,
    skills: x.skills,
    experienceYears: Number(x.experience_years),
    kecamatanName: x.kecamatan_name,
    phone: x.phone,
    hasCv: x.cv_file_ids.length > 0,
    cvFileIds: x.cv_file_ids,
    message: x.message,
    status: x.status,
    score: Number(x.score),
    explanation: explain(x.parts),
    interviewAt: iso(x.interview_at),
    employerNote: x.employer_note,
    messageToApplicant: x.message_to_applicant,
    createdAt: iso(x.created_at)!,
  }));
}

/**
 * The one query behind the employer's ranked applicant list (and `npm run bench:kerja`): one page
 * of the vacancy's applications by their stored score (kept by the database, migration
 * 0021_application-score), read in order from siap_kerja_application_rank_idx however many applied
 * (`nulls last` as in the index; the column is never null); explanation parts only for the page's
 * rows. Reads no NIK, address or religion. No SQL comments: pgbench runs this text on one line.
 */
export function applicantsSql(
  side: VacancySide,
  vacancyId: string,
  opts: { status?: ApplicationStatus; limit: number; offset: number },
) {
  return sql`
    with ranked as (
      select a.id, a.status, a.message, a.interview_at, a.employer_note, a.message_to_applicant, a.created_at,
        s.name, s.birth_date::text as birth_date, s.sex, s.education, s.major, s.skills, s.experience_years,
        s.kecamatan, s.phone, s.cv_file_ids, s.education_rank, s.pref_kecamatan, s.pref_salary_min, s.pref_types,
        a.score
      from siap_kerja_application a
      join siap_kerja_seeker s on s.region_id = a.region_id and s.id = a.seeker_id
      where a.vacancy_id = ${vacancyId}::uuid and a.status <> 'ditarik'
        ${opts.status ? sql`and a.status = ${opts.status}` : sql``}
      order by a.score desc nulls last, a.created_at, a.id
      limit ${opts.limit} offset ${opts.offset})
    select s.*, ${matchParts(side, seekerColumns)} as parts,
      (select ar.name from region_area ar where ar.code = s.kecamatan) as kecamatan_name
    from ranked s order by s.score desc, s.created_at, s.id`;
}

/** The employer moves an application along the pipeline; the applicant is told. */
export async function moveApplication(
  tx: Tx,
  regionId: string,
  actor: Actor,
  applicationId: string,
  input: z.infer<typeof applicationMove>,
): Promise<ApplicantView> {
  const [a] = await tx.select().from(skApplication).where(eq(skApplication.id, applicationId));
  if (!a) throw notFound({ id: 'Lamaran tidak ditemukan.', en: 'Application not found.' });
  const r = await ownVacancy(tx, actor, a.vacancyId).catch(() => {
    throw notFound({ id: 'Lamaran tidak ditemukan.', en: 'Application not found.' });
  });
  const changes = input.status !== a.status;
  if (changes && !employerMoves[a.status].includes(input.status))
    throw conflict(
      {
        id: `Status tidak dapat diubah dari ${a.status} ke ${input.status}.`,
        en: `The status cannot move from ${a.status} to ${input.status}.`,
      },
      { from: a.status, to: input.status, allowed: employerMoves[a.status] },
    );
  if (input.status === 'wawancara' && !input.interviewAt && !a.interviewAt)
    throw invalid(
      { id: 'Isi tanggal dan jam wawancara.', en: 'Give the interview date and time.' },
      { field: 'interviewAt' },
    );
  await tx
    .update(skApplication)
    .set({
      status: input.status,
      updatedAt: new Date(),
      ...(input.interviewAt !== undefined
        ? { interviewAt: input.interviewAt ? new Date(input.interviewAt) : null }
        : {}),
      ...(input.employerNote !== undefined ? { employerNote: input.employerNote } : {}),
      ...(input.messageToApplicant !== undefined ? { messageToApplicant: input.messageToApplicant } : {}),
    })
    .where(eq(skApplication.id, a.id));
  if (changes) {
    await emitEvent(tx, regionId, {
      type: 'siap-kerja.application.moved',
      actor,
      summary: {
        id: `Lamaran untuk ${r.v.title}: ${statusWords[input.status].id}`,
        en: `Application for ${r.v.title}: ${statusWords[input.status].en}`,
      },
      data: { applicationId: a.id, vacancyId: a.vacancyId, from: a.status, to: input.status },
      permission: 'core:audit.read',
    });
    const [seeker] = await tx
      .select({ userId: skSeeker.userId, kecamatan: skSeeker.kecamatan, education: skSeeker.education })
      .from(skSeeker)
      .where(eq(skSeeker.id, a.seekerId));
    if (seeker)
      await notify(tx, regionId, {
        topic: 'siap-kerja.applications',
        title: {
          id: `Lamaran ${r.v.title}: ${statusWords[input.status].id}`,
          en: `Your application for ${r.v.title}: ${statusWords[input.status].en}`,
        },
        body: input.messageToApplicant
          ? { id: input.messageToApplicant, en: input.messageToApplicant }
          : null,
        url: '/layanan/siap-kerja/lamaran',
        to: { users: [seeker.userId] },
      });
    if (input.status === 'diterima' && seeker) {
      await tx
        .update(skVacancy)
        .set({ filled: sql`${skVacancy.filled} + 1` })
        .where(eq(skVacancy.id, a.vacancyId));
      const payload = {
        vacancyId: a.vacancyId,
        vacancyTitle: r.v.title,
        employerName: r.employerName,
        position: r.v.position,
        kecamatan: seeker.kecamatan,
        education: seeker.education,
        hiredOn: new Date().toISOString().slice(0, 10),
      };
      await emitEvent(tx, regionId, {
        type: 'siap-kerja.placement.recorded',
        actor,
        summary: { id: `Penempatan kerja: ${r.v.title}`, en: `Placement: ${r.v.title}` },
        data: { source: 'lamaran', ...payload },
        permission: 'core:live.watch',
      });
      await queueWebhook(tx, regionId, 'siap-kerja.placement.recorded', payload);
    }
  }
  const today = await todayIn(tx);
  const list = await applicantsOf(tx, r.v, today, { limit: 1000, offset: 0 });
  return list.find((x) => x.id === a.id)!;
}

export { applicationStatuses };
