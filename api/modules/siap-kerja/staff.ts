import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { maskNik } from '../../../shared/indonesia';
import {
  type Ak1QueueView,
  type Ak1Status,
  type ak1Decision,
  type EmployerView,
  educationLabels,
  type employerDecision,
  type JobFairView,
  type jobFairInput,
  LAPOR_DIRI_MONTHS,
  type VacancyView,
  type vacancyDecision,
} from '../../../shared/modules/siap-kerja';
import type { SessionUser } from '../../core/auth/sessions';
import type { Tx } from '../../core/db/client';
import { opd } from '../../core/db/schema';
import { issueDocument, revokeDocument } from '../../core/documents/service';
import { conflict, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { notify } from '../../core/notifications/notify';
import {
  employerNotFound,
  employerToView,
  findVacancy,
  vacancyNotFound,
  vacancySelect,
  vacancyToView,
} from './employers';
import { matchScore, seekerColumns, vacancyValues } from './matching';
import { skAk1, skEmployer, skJobFair, skJobFairEmployer, skSeeker, skVacancy } from './schema';
import { type Actor, ak1ToView, ak1Validity, codeOf } from './seekers';
import { addMonths, settingsIn, todayIn } from './settings';
import { queueWebhook } from './webhooks';

export const AK1_KIND = 'siap-kerja.ak1';

/**
 * Disnaker's work is for Disnaker: region admins, or staff whose OPD code starts with `disnaker`
 * (Disnaker, Disnakertrans, Disnakerin…). Other OPDs' officers hold the permission through their
 * role, and the routes narrow it the way LAKSA narrows an officer to their OPD: their queues are
 * empty and the records are not theirs (404).
 */
export async function isDisnaker(tx: Tx, user: SessionUser | null): Promise<boolean> {
  if (!user) return false;
  if (user.roles.some((r) => r.role === 'region_admin' || r.role === 'platform_admin')) return true;
  const opdIds = user.roles.map((r) => r.opdId).filter((x): x is string => !!x);
  if (opdIds.length === 0) return false;
  const rows = await tx.select({ code: opd.code }).from(opd).where(inArray(opd.id, opdIds));
  return rows.some((r) => r.code.startsWith('disnaker'));
}

export const notDisnaker = () =>
  notFound({
    id: 'Tidak ditemukan di antrean Disnaker Anda.',
    en: 'Not found in your Disnaker queues.',
  });

// ---------- AK/1 ----------

export async function ak1Queue(tx: Tx, status: Ak1Status | undefined): Promise<Ak1QueueView[]> {
  const today = await todayIn(tx);
  const rows = await tx
    .select({ a: skAk1, s: skSeeker })
    .from(skAk1)
    .innerJoin(skSeeker, and(eq(skSeeker.regionId, skAk1.regionId), eq(skSeeker.id, skAk1.seekerId)))
    .where(status ? eq(skAk1.status, status) : inArray(skAk1.status, ['diajukan', 'perlu_datang']))
    .orderBy(status === 'terbit' ? desc(skAk1.decidedAt) : asc(skAk1.requestedAt))
    .limit(200);
  const out: Ak1QueueView[] = [];
  for (const { a, s } of rows)
    out.push({
      ...ak1ToView(a, s, await codeOf(tx, a.documentId), today),
      seekerId: s.id,
      education: s.education,
      kecamatan: s.kecamatan,
      birthDate: s.birthDate,
      sex: s.sex,
      hasPhoto: s.photoFileId !== null,
    });
  return out;
}

async function nextAk1Number(tx: Tx, regionCode: string, year: string) {
  const prefix = `AK1/${regionCode}/${year}/`;
  const [row] = (
    (await tx.execute(
      sql`select count(*)::int as n from siap_kerja_ak1 where number like ${`${prefix}%`}`,
    )) as unknown as {
      rows: { n: number }[];
    }
  ).rows;
  return `${prefix}${String(Number(row?.n ?? 0) + 1).padStart(6, '0')}`;
}

/**
 * Disnaker decides an AK/1 request: issue it (number, two years, the verifiable document, first
 * lapor diri in six months), ask the applicant to come to the office, or refuse it.
 */
export async function decideAk1(
  tx: Tx,
  region: { id: string; code: string },
  actor: Actor,
  ak1Id: string,
  input: z.infer<typeof ak1Decision>,
) {
  const [row] = await tx
    .select({ a: skAk1, s: skSeeker })
    .from(skAk1)
    .innerJoin(skSeeker, and(eq(skSeeker.regionId, skAk1.regionId), eq(skSeeker.id, skAk1.seekerId)))
    .where(eq(skAk1.id, ak1Id));
  if (!row) throw notFound({ id: 'Permohonan AK/1 tidak ditemukan.', en: 'AK/1 request not found.' });
  const { a, s } = row;
  if (a.status !== 'diajukan' && a.status !== 'perlu_datang')
    throw conflict({ id: 'Permohonan ini sudah diputuskan.', en: 'This request has already been decided.' });
  const today = await todayIn(tx);
  const settings = await settingsIn(tx);
  if (input.decision === 'terbit') {
    const number = await nextAk1Number(tx, region.code, today.slice(0, 4));
    const { validFrom, validUntil } = ak1Validity(today);
    const doc = await issueDocument(tx, region.id, {
      kind: AK1_KIND,
      number,
      holderName: s.name,
      subjectId: a.id,
      photoFileId: s.photoFileId,
      validFrom,
      validUntil,
      issuedBy: actor.id,
    });
    await tx
      .update(skAk1)
      .set({
        status: 'terbit',
        number,
        documentId: doc.id,
        validFrom,
        validUntil,
        decidedAt: new Date(),
        decidedBy: actor.id,
        note: null,
        nextReportDue: addMonths(today, LAPOR_DIRI_MONTHS),
      })
      .where(eq(skAk1.id, a.id));
    await emitEvent(tx, region.id, {
      type: 'siap-kerja.ak1.issued',
      actor,
      summary: { id: 'Kartu AK/1 diterbitkan', en: 'AK/1 card issued' },
      data: { ak1Id: a.id, education: s.education, kecamatan: s.kecamatan },
      permission: 'core:live.watch',
    });
    await notify(tx, region.id, {
      topic: 'siap-kerja.ak1',
      title: { id: `Kartu AK/1 Anda terbit: ${number}`, en: `Your AK/1 card is issued: ${number}` },
      body: { id: 'Unduh dan cetak kartunya dari Siap Kerja.', en: 'Download and print it from Siap Kerja.' },
      url: '/layanan/siap-kerja/ak1',
      to: { users: [s.userId] },
    });
  } else {
    await tx
      .update(skAk1)
      .set({ status: input.decision, note: input.note, decidedAt: new Date(), decidedBy: actor.id })
      .where(eq(skAk1.id, a.id));
    await emitEvent(tx, region.id, {
      type: input.decision === 'perlu_datang' ? 'siap-kerja.ak1.visit-requested' : 'siap-kerja.ak1.refused',
      actor,
      summary:
        input.decision === 'perlu_datang'
          ? { id: 'Pemohon AK/1 diminta datang ke kantor', en: 'AK/1 applicant asked to visit the office' }
          : { id: 'Permohonan AK/1 ditolak', en: 'AK/1 request refused' },
      data: { ak1Id: a.id },
      permission: 'siap-kerja:verify',
    });
    await notify(tx, region.id, {
      topic: 'siap-kerja.ak1',
      title:
        input.decision === 'perlu_datang'
          ? { id: 'AK/1: silakan datang ke kantor Disnaker', en: 'AK/1: please visit the Disnaker office' }
          : { id: 'Permohonan AK/1 ditolak', en: 'Your AK/1 request was refused' },
      body: {
        id: `${input.note}${input.decision === 'perlu_datang' ? ` — ${settings.officeAddress}` : ''}`,
        en: `${input.note}${input.decision === 'perlu_datang' ? ` — ${settings.officeAddress}` : ''}`,
      },
      url: '/layanan/siap-kerja/ak1',
      to: { users: [s.userId] },
    });
  }
  const [after] = await tx.select().from(skAk1).where(eq(skAk1.id, a.id));
  return ak1ToView(after!, s, await codeOf(tx, after!.documentId), today);
}

export async function revokeAk1(tx: Tx, regionId: string, actor: Actor, ak1Id: string, reason: string) {
  const [row] = await tx
    .select({ a: skAk1, s: skSeeker })
    .from(skAk1)
    .innerJoin(skSeeker, and(eq(skSeeker.regionId, skAk1.regionId), eq(skSeeker.id, skAk1.seekerId)))
    .where(eq(skAk1.id, ak1Id));
  if (!row) throw notFound({ id: 'AK/1 tidak ditemukan.', en: 'AK/1 not found.' });
  if (row.a.status !== 'terbit')
    throw conflict({
      id: 'Hanya kartu yang terbit dapat dicabut.',
      en: 'Only an issued card can be revoked.',
    });
  if (row.a.documentId) await revokeDocument(tx, row.a.documentId, reason);
  await tx
    .update(skAk1)
    .set({ status: 'dicabut', note: reason, nextReportDue: null })
    .where(eq(skAk1.id, ak1Id));
  await emitEvent(tx, regionId, {
    type: 'siap-kerja.ak1.revoked',
    actor,
    summary: { id: 'Kartu AK/1 dicabut', en: 'AK/1 card revoked' },
    data: { ak1Id },
    permission: 'siap-kerja:verify',
  });
  await notify(tx, regionId, {
    topic: 'siap-kerja.ak1',
    title: { id: 'Kartu AK/1 Anda dicabut', en: 'Your AK/1 card was revoked' },
    body: { id: reason, en: reason },
    url: '/layanan/siap-kerja/ak1',
    to: { users: [row.s.userId] },
  });
  const [after] = await tx.select().from(skAk1).where(eq(skAk1.id, ak1Id));
  return ak1ToView(after!, row.s, await codeOf(tx, after!.documentId), await todayIn(tx));
}

/** What the printed card shows (the holder's own data, for the holder and for Disnaker). */
export async function ak1CardData(tx: Tx, ak1Id: string) {
  const [row] = await tx
    .select({ a: skAk1, s: skSeeker })
    .from(skAk1)
    .innerJoin(skSeeker, and(eq(skSeeker.regionId, skAk1.regionId), eq(skSeeker.id, skAk1.seekerId)))
    .where(eq(skAk1.id, ak1Id));
  return row ?? null;
}

export function ak1Fields(
  a: typeof skAk1.$inferSelect,
  s: typeof skSeeker.$inferSelect,
  kecamatanName: string | null,
  lang: 'id' | 'en',
) {
  const L = (id: string, en: string) => (lang === 'en' ? en : id);
  // A printed card reads "12 Mei 1998", never an ISO date.
  const days = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const day = (iso: string | null) => (iso ? days.format(new Date(`${iso}T00:00:00Z`)) : '-');
  return [
    { label: L('NIK', 'NIK'), value: maskNik(s.nik) },
    { label: L('Nama', 'Name'), value: s.name },
    { label: L('Tempat/tgl lahir', 'Place/date of birth'), value: `${s.birthPlace}, ${day(s.birthDate)}` },
    {
      label: L('Jenis kelamin', 'Sex'),
      value: s.sex === 'L' ? L('Laki-laki', 'Male') : L('Perempuan', 'Female'),
    },
    { label: L('Status kawin', 'Marital status'), value: s.maritalStatus.replace('_', ' ') },
    { label: L('Agama', 'Religion'), value: s.religion },
    { label: L('Alamat', 'Address'), value: `${s.address}${kecamatanName ? `, Kec. ${kecamatanName}` : ''}` },
    {
      label: L('Pendidikan', 'Education'),
      value: `${educationLabels[s.education][lang]}${s.major ? ` — ${s.major}` : ''}`,
    },
    { label: L('Keahlian', 'Skills'), value: s.skills.join(', ') || '-' },
    { label: L('Berlaku', 'Valid'), value: `${day(a.validFrom)} – ${day(a.validUntil)}` },
  ];
}

// ---------- employers and vacancies ----------

export async function employerQueue(tx: Tx, status: EmployerView['status']): Promise<EmployerView[]> {
  const rows = await tx
    .select()
    .from(skEmployer)
    .where(eq(skEmployer.status, status))
    .orderBy(asc(skEmployer.createdAt))
    .limit(200);
  return rows.map(employerToView);
}

export async function decideEmployer(
  tx: Tx,
  regionId: string,
  actor: Actor,
  employerId: string,
  input: z.infer<typeof employerDecision>,
): Promise<EmployerView> {
  const [e] = await tx
    .update(skEmployer)
    .set({
      status: input.decision,
      note: input.note ?? null,
      verifiedAt: input.decision === 'terverifikasi' ? new Date() : null,
    })
    .where(eq(skEmployer.id, employerId))
    .returning();
  if (!e) throw employerNotFound();
  await emitEvent(tx, regionId, {
    type: input.decision === 'terverifikasi' ? 'siap-kerja.employer.verified' : 'siap-kerja.employer.refused',
    actor,
    summary: {
      id: `Perusahaan ${input.decision === 'terverifikasi' ? 'terverifikasi' : 'ditolak'}: ${e.name}`,
      en: `Employer ${input.decision === 'terverifikasi' ? 'verified' : 'refused'}: ${e.name}`,
    },
    data: { employerId },
    permission: 'siap-kerja:verify',
  });
  await notify(tx, regionId, {
    topic: 'siap-kerja.applications',
    title:
      input.decision === 'terverifikasi'
        ? { id: `${e.name} terverifikasi Disnaker`, en: `${e.name} is verified by Disnaker` }
        : { id: `${e.name} ditolak Disnaker`, en: `${e.name} was refused by Disnaker` },
    body: input.note ? { id: input.note, en: input.note } : null,
    url: '/layanan/siap-kerja/perusahaan',
    to: { users: [e.ownerUserId] },
  });
  return employerToView(e);
}

export async function vacancyQueue(tx: Tx, status: VacancyView['status']): Promise<VacancyView[]> {
  const rows = await tx
    .select(vacancySelect)
    .from(skVacancy)
    .innerJoin(
      skEmployer,
      and(eq(skEmployer.regionId, skVacancy.regionId), eq(skEmployer.id, skVacancy.employerId)),
    )
    .where(eq(skVacancy.status, status))
    .orderBy(status === 'menunggu' ? asc(skVacancy.createdAt) : desc(skVacancy.createdAt))
    .limit(200);
  return rows.map(vacancyToView);
}

/**
 * Publishes (or refuses) a vacancy. Only a verified employer's vacancy can go public. Publishing
 * queues the signed webhook and tells the few seekers it fits best (score ≥ 80, at most 50).
 */
export async function decideVacancy(
  tx: Tx,
  regionId: string,
  actor: Actor,
  vacancyId: string,
  input: z.infer<typeof vacancyDecision>,
  region: { name: string; code: string },
): Promise<VacancyView> {
  const r = await findVacancy(tx, vacancyId);
  if (!r) throw vacancyNotFound();
  if (r.v.status !== 'menunggu')
    throw conflict({ id: 'Lowongan ini sudah diputuskan.', en: 'This vacancy has already been decided.' });
  if (input.decision === 'terbuka') {
    const [e] = await tx
      .select({ status: skEmployer.status })
      .from(skEmployer)
      .where(eq(skEmployer.id, r.v.employerId));
    if (e?.status !== 'terverifikasi')
      throw conflict({
        id: 'Perusahaan belum terverifikasi; verifikasi perusahaannya terlebih dahulu.',
        en: 'The employer is not verified yet; verify the employer first.',
      });
    if (r.v.validUntil < (await todayIn(tx)))
      throw conflict({
        id: 'Batas berlaku lowongan sudah lewat.',
        en: 'The vacancy is already past its validity.',
      });
  }
  await tx
    .update(skVacancy)
    .set({
      status: input.decision,
      note: input.note ?? null,
      publishedAt: input.decision === 'terbuka' ? new Date() : null,
    })
    .where(eq(skVacancy.id, vacancyId));
  const [owner] = await tx
    .select({ userId: skEmployer.ownerUserId })
    .from(skEmployer)
    .where(eq(skEmployer.id, r.v.employerId));
  if (input.decision === 'terbuka') {
    await emitEvent(tx, regionId, {
      type: 'siap-kerja.vacancy.published',
      actor,
      summary: {
        id: `Lowongan dibuka: ${r.v.title} (${r.employerName})`,
        en: `Vacancy published: ${r.v.title} (${r.employerName})`,
      },
      data: { vacancyId, count: r.v.count, education: r.v.education, kecamatan: r.v.kecamatan },
      permission: 'core:live.watch',
    });
    const v = vacancyToView((await findVacancy(tx, vacancyId))!);
    await queueWebhook(tx, regionId, 'siap-kerja.vacancy.published', nationalVacancy(v, region));
    await notifyMatches(tx, regionId, r.v);
  } else {
    await emitEvent(tx, regionId, {
      type: 'siap-kerja.vacancy.refused',
      actor,
      summary: { id: `Lowongan ditolak: ${r.v.title}`, en: `Vacancy refused: ${r.v.title}` },
      data: { vacancyId },
      permission: 'siap-kerja:verify',
    });
  }
  if (owner)
    await notify(tx, regionId, {
      topic: 'siap-kerja.applications',
      title:
        input.decision === 'terbuka'
          ? { id: `Lowongan tayang: ${r.v.title}`, en: `Vacancy published: ${r.v.title}` }
          : { id: `Lowongan ditolak: ${r.v.title}`, en: `Vacancy refused: ${r.v.title}` },
      body: input.note ? { id: input.note, en: input.note } : null,
      url: '/layanan/siap-kerja/perusahaan',
      to: { users: [owner.userId] },
    });
  return vacancyToView((await findVacancy(tx, vacancyId))!);
}

/** Seekers this vacancy fits strongly (score ≥ 80, still looking), at most 50, told once. */
async function notifyMatches(tx: Tx, regionId: string, v: typeof skVacancy.$inferSelect) {
  const side = vacancyValues(v);
  const rows = (await tx.execute(sql`
    select s.user_id from siap_kerja_seeker s
    where not s.employed and s.education_rank >= ${v.educationRank}
      and ${matchScore(side, seekerColumns)} >= 80
    limit 50`)) as unknown as { rows: { user_id: string }[] };
  if (rows.rows.length === 0) return;
  await notify(tx, regionId, {
    topic: 'siap-kerja.matches',
    title: { id: `Lowongan cocok untukmu: ${v.title}`, en: `A vacancy that fits you: ${v.title}` },
    url: `/layanan/siap-kerja/lowongan/${v.id}`,
    to: { users: rows.rows.map((r) => r.user_id) },
  });
}

/**
 * A vacancy in the shape of the mandatory vacancy report (Perpres 57/2023: employer identity,
 * position, number needed, validity, and job information), snake_case, for the national system.
 */
export function nationalVacancy(v: VacancyView, region: { name: string; code: string }) {
  return {
    lowongan_id: v.id,
    kode_wilayah: region.code,
    nama_wilayah: region.name,
    nama_perusahaan: v.employerName,
    jabatan: v.position,
    judul: v.title,
    jumlah_kebutuhan: v.count,
    tanggal_mulai: v.validFrom,
    tanggal_berakhir: v.validUntil,
    usia_min: v.ageMin,
    usia_max: v.ageMax,
    jenis_kelamin: v.sex,
    pendidikan: v.education,
    jurusan: v.majors,
    keterampilan: v.skills.join('; '),
    pengalaman_tahun: v.experienceYears,
    upah_min: v.wageMin,
    upah_max: v.wageMax,
    lokasi_kerja: v.location,
    kecamatan: v.kecamatan,
    jenis_pekerjaan: v.type,
    jam_kerja: v.hours,
    fasilitas: v.benefits,
    ramah_disabilitas: v.disabilityFriendly,
    status: v.status,
    terisi: v.filled,
  };
}
export const NATIONAL_VACANCY_COLUMNS = Object.keys(
  nationalVacancy({ skills: [] } as unknown as VacancyView, { name: '', code: '' }),
) as (keyof ReturnType<typeof nationalVacancy>)[];

// ---------- job fairs ----------

export async function listFairs(tx: Tx): Promise<JobFairView[]> {
  const fairs = await tx.select().from(skJobFair).orderBy(desc(skJobFair.startsOn)).limit(100);
  const today = await todayIn(tx);
  const links = fairs.length
    ? await tx
        .select({
          fairId: skJobFairEmployer.fairId,
          id: skEmployer.id,
          name: skEmployer.name,
          open: sql<number>`(select count(*)::int from siap_kerja_vacancy v where v.region_id = ${skEmployer.regionId}
            and v.employer_id = ${skEmployer.id} and v.status = 'terbuka' and v.valid_until >= ${today})`,
        })
        .from(skJobFairEmployer)
        .innerJoin(
          skEmployer,
          and(
            eq(skEmployer.regionId, skJobFairEmployer.regionId),
            eq(skEmployer.id, skJobFairEmployer.employerId),
          ),
        )
        .where(
          inArray(
            skJobFairEmployer.fairId,
            fairs.map((f) => f.id),
          ),
        )
    : [];
  return fairs.map((f) => ({
    id: f.id,
    name: f.name,
    startsOn: f.startsOn,
    endsOn: f.endsOn,
    place: f.place,
    online: f.online,
    url: f.url,
    employers: links
      .filter((l) => l.fairId === f.id)
      .map((l) => ({ id: l.id, name: l.name, openVacancies: Number(l.open) })),
  }));
}

export async function createFair(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof jobFairInput>,
) {
  const [f] = await tx
    .insert(skJobFair)
    .values({
      regionId,
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      place: input.place ?? null,
      online: input.online,
      url: input.url ?? null,
    })
    .returning();
  if (input.employerIds.length) {
    const known = await tx
      .select({ id: skEmployer.id })
      .from(skEmployer)
      .where(and(inArray(skEmployer.id, input.employerIds), eq(skEmployer.status, 'terverifikasi')));
    if (known.length)
      await tx
        .insert(skJobFairEmployer)
        .values(known.map((k) => ({ regionId, fairId: f!.id, employerId: k.id })));
  }
  await emitEvent(tx, regionId, {
    type: 'siap-kerja.fair.created',
    actor,
    summary: { id: `Bursa kerja: ${input.name}`, en: `Job fair: ${input.name}` },
    data: { fairId: f!.id },
    permission: 'core:live.watch',
  });
  return (await listFairs(tx)).find((x) => x.id === f!.id)!;
}
