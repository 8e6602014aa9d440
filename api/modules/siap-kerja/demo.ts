import { eq } from 'drizzle-orm';
import { type EducationLevel, educationRank, type JobType } from '../../../shared/modules/siap-kerja';
import { ensureDemoUsers } from '../../core/demo/users';
import { issueDocument } from '../../core/documents/service';
import type { RegionContext } from '../../core/modules/types';
import { skAk1, skApplication, skEmployer, skSeeker, skVacancy } from './schema';
import { ak1Validity } from './seekers';
import { addDays, addMonths, todayIn } from './settings';
import { AK1_KIND } from './staff';

export const DEMO_DISNAKER = 'disnaker@tangerangkota.demo.simpul.id';
export const DEMO_EMPLOYER = 'hrd@tangerangkota.demo.simpul.id';
export const DEMO_SEEKER = 'pencaker@tangerangkota.demo.simpul.id';

const ensureUsers = ensureDemoUsers;

const vacancies: {
  title: string;
  position: string;
  education: EducationLevel;
  skills: string[];
  experienceYears: number;
  kecamatan: string;
  wage: [number, number];
  type: JobType;
  count: number;
  disabilityFriendly?: boolean;
}[] = [
  {
    title: 'Staf Gudang',
    position: 'Staf gudang',
    education: 'sma',
    skills: ['forklift', 'stok barang'],
    experienceYears: 0,
    kecamatan: '36.71.02',
    wage: [4_900_000, 5_300_000],
    type: 'kontrak',
    count: 10,
  },
  {
    title: 'Admin Logistik',
    position: 'Administrasi',
    education: 'smk',
    skills: ['microsoft excel', 'administrasi'],
    experienceYears: 1,
    kecamatan: '36.71.01',
    wage: [5_000_000, 5_800_000],
    type: 'penuh_waktu',
    count: 2,
  },
  {
    title: 'Pengemudi Truk (SIM B1)',
    position: 'Pengemudi',
    education: 'smp',
    skills: ['sim b1', 'mengemudi'],
    experienceYears: 2,
    kecamatan: '36.71.08',
    wage: [5_200_000, 6_000_000],
    type: 'penuh_waktu',
    count: 5,
  },
  {
    title: 'Operator Produksi',
    position: 'Operator produksi',
    education: 'sma',
    skills: ['mesin produksi', 'k3'],
    experienceYears: 0,
    kecamatan: '36.71.02',
    wage: [4_900_000, 5_100_000],
    type: 'kontrak',
    count: 25,
    disabilityFriendly: true,
  },
  {
    title: 'Customer Service',
    position: 'Layanan pelanggan',
    education: 'd3',
    skills: ['komunikasi', 'microsoft excel'],
    experienceYears: 1,
    kecamatan: '36.71.07',
    wage: [5_000_000, 6_500_000],
    type: 'penuh_waktu',
    count: 3,
    disabilityFriendly: true,
  },
  {
    title: 'Magang Akuntansi',
    position: 'Akuntansi',
    education: 's1',
    skills: ['akuntansi', 'microsoft excel'],
    experienceYears: 0,
    kecamatan: '36.71.05',
    wage: [2_500_000, 3_000_000],
    type: 'magang',
    count: 2,
  },
];

/**
 * Demo: a Disnaker officer, an employer (verified, six open vacancies and one waiting), a job
 * seeker with an issued AK/1 and two applications, and two more seekers whose AK/1 requests wait
 * in Disnaker's queue. Runs once.
 */
export async function seedSiapKerjaDemo({ tx, regionId }: RegionContext) {
  const [any] = await tx.select({ id: skEmployer.id }).from(skEmployer).limit(1);
  if (any) return;
  const ids = await ensureUsers(tx, regionId, [
    { email: DEMO_DISNAKER, name: 'Petugas Disnaker', role: 'opd_officer', opdCode: 'disnaker' },
    { email: DEMO_EMPLOYER, name: 'HRD PT Cahaya Logistik', role: 'citizen' },
    { email: DEMO_SEEKER, name: 'Rina Marlina', role: 'citizen' },
    { email: 'pencaker2@tangerangkota.demo.simpul.id', name: 'Dedi Kurniawan', role: 'citizen' },
    { email: 'pencaker3@tangerangkota.demo.simpul.id', name: 'Siti Nurhaliza', role: 'citizen' },
  ]);
  const today = await todayIn(tx);
  const [employer] = await tx
    .insert(skEmployer)
    .values({
      regionId,
      ownerUserId: ids.get(DEMO_EMPLOYER)!,
      name: 'PT Cahaya Logistik Tangerang',
      nib: '9120001234567',
      kbli: '52101',
      sector: 'Pergudangan dan logistik',
      address: 'Jl. Gatot Subroto Km 5, Jatiuwung',
      kecamatan: '36.71.02',
      contactName: 'Bu Ratna (HRD)',
      contactPhone: '+6281311112222',
      contactEmail: DEMO_EMPLOYER,
      status: 'terverifikasi',
      verifiedAt: new Date(),
    })
    .returning({ id: skEmployer.id });
  const made = await tx
    .insert(skVacancy)
    .values(
      vacancies.map((v, i) => ({
        regionId,
        employerId: employer!.id,
        title: v.title,
        position: v.position,
        description: `${v.title} di PT Cahaya Logistik Tangerang. Jujur, disiplin, siap bekerja dalam tim. Lamaran lewat Siap Kerja.`,
        count: v.count,
        validFrom: addDays(today, -i - 1),
        validUntil: addDays(today, 30 + i * 5),
        education: v.education,
        educationRank: educationRank[v.education],
        skills: v.skills,
        experienceYears: v.experienceYears,
        wageMin: v.wage[0],
        wageMax: v.wage[1],
        kecamatan: v.kecamatan,
        location: 'Kota Tangerang',
        type: v.type,
        hours: 'Senin–Jumat 08.00–17.00',
        benefits: 'BPJS Kesehatan dan Ketenagakerjaan, THR',
        disabilityFriendly: v.disabilityFriendly ?? false,
        status: 'terbuka' as const,
        publishedAt: new Date(Date.now() - (i + 1) * 86_400_000),
      })),
    )
    .returning({ id: skVacancy.id });
  await tx.insert(skVacancy).values({
    regionId,
    employerId: employer!.id,
    title: 'Supervisor Gudang',
    position: 'Supervisor',
    description: 'Memimpin tim gudang shift malam.',
    count: 1,
    validFrom: today,
    validUntil: addDays(today, 45),
    education: 'd3',
    educationRank: educationRank.d3,
    skills: ['kepemimpinan', 'stok barang'],
    experienceYears: 3,
    kecamatan: '36.71.02',
    location: 'Kota Tangerang',
    type: 'penuh_waktu',
    status: 'menunggu',
  });

  const seekers = [
    {
      email: DEMO_SEEKER,
      nik: '3671015205980003',
      name: 'Rina Marlina',
      sex: 'P' as const,
      birth: '1998-05-12',
      education: 'smk' as const,
      skills: ['microsoft excel', 'administrasi', 'komunikasi'],
      kec: '36.71.01',
    },
    {
      email: 'pencaker2@tangerangkota.demo.simpul.id',
      nik: '3671070101000002',
      name: 'Dedi Kurniawan',
      sex: 'L' as const,
      birth: '2000-01-01',
      education: 'sma' as const,
      skills: ['forklift'],
      kec: '36.71.07',
    },
    {
      email: 'pencaker3@tangerangkota.demo.simpul.id',
      nik: '3671094303010004',
      name: 'Siti Nurhaliza',
      sex: 'P' as const,
      birth: '2001-03-03',
      education: 's1' as const,
      skills: ['akuntansi'],
      kec: '36.71.09',
    },
  ];
  for (const [i, s] of seekers.entries()) {
    const [row] = await tx
      .insert(skSeeker)
      .values({
        regionId,
        userId: ids.get(s.email)!,
        nik: s.nik,
        name: s.name,
        birthPlace: 'Tangerang',
        birthDate: s.birth,
        sex: s.sex,
        maritalStatus: 'belum_kawin',
        religion: 'islam',
        address: 'Jl. Contoh No. 1',
        kecamatan: s.kec,
        education: s.education,
        educationRank: educationRank[s.education],
        school: s.education === 's1' ? 'Universitas Muhammadiyah Tangerang' : 'SMKN 4 Tangerang',
        skills: s.skills,
        experience:
          i === 0
            ? [{ title: 'Staf administrasi', company: 'CV Maju Jaya', fromYear: 2019, toYear: 2022 }]
            : [],
        experienceYears: i === 0 ? 3 : 0,
        languages: ['Indonesia'],
        phone: `+62812345600${i}1`,
      })
      .returning({ id: skSeeker.id });
    if (i === 0) {
      const { validFrom, validUntil } = ak1Validity(addDays(today, -30));
      const number = `AK1/36.71/${today.slice(0, 4)}/000001`;
      const [ak1] = await tx
        .insert(skAk1)
        .values({
          regionId,
          seekerId: row!.id,
          nik: s.nik,
          status: 'terbit',
          number,
          validFrom,
          validUntil,
          decidedAt: new Date(),
          nextReportDue: addMonths(validFrom, 6),
        })
        .returning({ id: skAk1.id });
      const doc = await issueDocument(tx, regionId, {
        kind: AK1_KIND,
        number,
        holderName: s.name,
        subjectId: ak1!.id,
        validFrom,
        validUntil,
      });
      await tx.update(skAk1).set({ documentId: doc.id }).where(eq(skAk1.id, ak1!.id));
      await tx.insert(skApplication).values([
        {
          regionId,
          vacancyId: made[1]!.id,
          seekerId: row!.id,
          status: 'wawancara',
          interviewAt: new Date(Date.now() + 3 * 86_400_000),
        },
        { regionId, vacancyId: made[4]!.id, seekerId: row!.id, status: 'dilamar' },
      ]);
    } else {
      await tx.insert(skAk1).values({ regionId, seekerId: row!.id, nik: s.nik });
      await tx
        .insert(skApplication)
        .values({ regionId, vacancyId: made[i === 1 ? 0 : 5]!.id, seekerId: row!.id });
    }
  }
}
