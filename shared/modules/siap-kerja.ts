import { z } from 'zod';
import { isoDate } from '../dates';
import { nikSchema, phoneSchema } from '../indonesia';

/**
 * Siap Kerja contracts: job seekers with the AK/1 card (kartu kuning), employers verified by
 * Disnaker, vacancies with the fields of the mandatory vacancy report (Perpres 57/2023),
 * applications as a pipeline, matching, and the labour-market picture (aggregates only).
 */

// ---------- vocabularies ----------

/** Education levels in rank order (SMA and SMK rank alike; D1–D3 alike). */
export const educationLevels = ['tidak_sekolah', 'sd', 'smp', 'sma', 'smk', 'd3', 's1', 's2', 's3'] as const;
export type EducationLevel = (typeof educationLevels)[number];
export const educationRank: Record<EducationLevel, number> = {
  tidak_sekolah: 0,
  sd: 1,
  smp: 2,
  sma: 3,
  smk: 3,
  d3: 4,
  s1: 5,
  s2: 6,
  s3: 7,
};
export const educationLabels: Record<EducationLevel, { id: string; en: string }> = {
  tidak_sekolah: { id: 'Tidak/belum sekolah', en: 'No schooling' },
  sd: { id: 'SD', en: 'Primary school' },
  smp: { id: 'SMP', en: 'Junior high' },
  sma: { id: 'SMA', en: 'Senior high' },
  smk: { id: 'SMK', en: 'Vocational high' },
  d3: { id: 'Diploma (D1–D3)', en: 'Diploma (D1–D3)' },
  s1: { id: 'S1/D4', en: "Bachelor's" },
  s2: { id: 'S2', en: "Master's" },
  s3: { id: 'S3', en: 'Doctorate' },
};
export const sexes = ['L', 'P'] as const;
export const maritalStatuses = ['belum_kawin', 'kawin', 'cerai_hidup', 'cerai_mati'] as const;
export const religions = ['islam', 'kristen', 'katolik', 'hindu', 'buddha', 'khonghucu', 'lainnya'] as const;
export const jobTypes = ['penuh_waktu', 'paruh_waktu', 'kontrak', 'magang', 'harian'] as const;
export type JobType = (typeof jobTypes)[number];

/** AK/1 request states: `perlu_datang` = the applicant must come to the office (documents to check). */
export const ak1Statuses = [
  'diajukan',
  'perlu_datang',
  'terbit',
  'ditolak',
  'dicabut',
  'kedaluwarsa',
] as const;
export type Ak1Status = (typeof ak1Statuses)[number];
export const employerStatuses = ['menunggu', 'terverifikasi', 'ditolak'] as const;
export type EmployerStatus = (typeof employerStatuses)[number];
/** `menunggu` waits for Disnaker; only `terbuka` is public and open to applications. */
export const vacancyStatuses = ['menunggu', 'terbuka', 'ditutup', 'terisi', 'ditolak'] as const;
export type VacancyStatus = (typeof vacancyStatuses)[number];
export const applicationStatuses = [
  'dilamar',
  'disaring',
  'wawancara',
  'ditawari',
  'diterima',
  'ditolak',
  'ditarik',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
/** Moves an employer may make (from → to). `ditarik` is the seeker's own withdrawal. */
export const employerMoves: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  dilamar: ['disaring', 'wawancara', 'ditolak'],
  disaring: ['wawancara', 'ditawari', 'ditolak'],
  wawancara: ['ditawari', 'ditolak', 'disaring'],
  ditawari: ['diterima', 'ditolak'],
  diterima: [],
  ditolak: [],
  ditarik: [],
};
export const openApplicationStatuses: readonly ApplicationStatus[] = [
  'dilamar',
  'disaring',
  'wawancara',
  'ditawari',
];

/** AK/1 validity and the self-report period. */
export const AK1_VALID_YEARS = 2;
export const LAPOR_DIRI_MONTHS = 6;

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullish();
const areaCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/, 'Kode wilayah Kemendagri / area code');
const skill = z.string().trim().toLowerCase().min(1).max(60);
const rupiahAmount = z.number().int().min(0).max(1_000_000_000);

// ---------- job seeker ----------

export const experienceItem = z.object({
  title: text(120),
  company: text(160),
  fromYear: z.number().int().min(1950).max(2100),
  toYear: z.number().int().min(1950).max(2100).nullish(),
});
export const certificateItem = z.object({
  name: text(160),
  issuer: optText(160),
  year: z.number().int().min(1950).max(2100).nullish(),
});

const seekerFields = z.object({
  /** Required the first time; left out later, the NIK on file stays. */
  nik: nikSchema.optional(),
  name: text(120),
  birthPlace: text(80),
  birthDate: isoDate,
  sex: z.enum(sexes),
  maritalStatus: z.enum(maritalStatuses),
  religion: z.enum(religions),
  address: text(300),
  kecamatan: areaCode,
  kelurahan: areaCode.nullish(),
  phone: phoneSchema.nullish(),
  education: z.enum(educationLevels),
  major: optText(120),
  school: optText(160),
  graduationYear: z.number().int().min(1950).max(2100).nullish(),
  skills: z.array(skill).max(30).default([]),
  experience: z.array(experienceItem).max(20).default([]),
  certificates: z.array(certificateItem).max(20).default([]),
  languages: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
  disability: optText(120),
  photoFileId: z.string().uuid().nullish(),
  cvFileIds: z.array(z.string().uuid()).max(5).default([]),
  prefKecamatan: z.array(areaCode).max(20).default([]),
  prefPositions: z.array(z.string().trim().min(1).max(80)).max(10).default([]),
  prefSalaryMin: rupiahAmount.nullish(),
  prefTypes: z.array(z.enum(jobTypes)).max(5).default([]),
});
export const seekerInput = seekerFields;
export type SeekerInput = z.infer<typeof seekerInput>;

/** The seeker's own profile (NIK masked). */
export const seekerView = seekerFields
  .omit({ nik: true })
  .extend({
    id: z.string().uuid(),
    phone: z.string().nullable(),
    nikMasked: z.string(),
    experienceYears: z.number(),
    employed: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'KerjaSeeker' });
export type SeekerView = z.infer<typeof seekerView>;

// ---------- AK/1 ----------

const ak1Fields = z.object({
  id: z.string().uuid(),
  status: z.enum(ak1Statuses),
  number: z.string().nullable(),
  holderName: z.string(),
  nikMasked: z.string(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  /** When the next lapor diri is due (every 6 months while the card is valid). */
  nextReportDue: z.string().nullable(),
  lastReportAt: z.string().nullable(),
  checkUrl: z.string().nullable(),
  documentCode: z.string().nullable(),
});
export const ak1View = ak1Fields.meta({ id: 'KerjaAk1' });
export type Ak1View = z.infer<typeof ak1View>;

/** Staff queue row: what Disnaker needs to decide (the NIK stays masked in lists). */
export const ak1QueueView = ak1Fields
  .extend({
    seekerId: z.string().uuid(),
    education: z.enum(educationLevels),
    kecamatan: z.string(),
    birthDate: z.string(),
    sex: z.enum(sexes),
    hasPhoto: z.boolean(),
  })
  .meta({ id: 'KerjaAk1Queue' });
export type Ak1QueueView = z.infer<typeof ak1QueueView>;

export const ak1Decision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('terbit') }),
  z.object({ decision: z.literal('perlu_datang'), note: text(500) }),
  z.object({ decision: z.literal('ditolak'), note: text(500) }),
]);
export const ak1Revoke = z.object({ reason: text(300) });
export const laporDiriInput = z.discriminatedUnion('status', [
  z.object({ status: z.literal('masih_mencari') }),
  z.object({
    status: z.literal('sudah_bekerja'),
    employerName: text(160),
    startedOn: isoDate,
  }),
]);

// ---------- employers ----------

const employerFields = z.object({
  name: text(160),
  nib: z
    .string()
    .trim()
    .regex(/^\d{13}$/, 'NIB 13 digit / NIB is 13 digits'),
  kbli: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'KBLI 5 digit / KBLI is 5 digits'),
  sector: text(120),
  address: text(300),
  kecamatan: areaCode.nullish(),
  contactName: text(120),
  contactPhone: phoneSchema,
  contactEmail: z.string().trim().email().max(200).nullish(),
  website: z.string().trim().url().max(300).nullish(),
});
export const employerInput = employerFields;
export const employerView = employerFields
  .extend({
    id: z.string().uuid(),
    contactPhone: z.string(),
    status: z.enum(employerStatuses),
    note: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'KerjaEmployer' });
export type EmployerView = z.infer<typeof employerView>;
export const employerDecision = z.object({
  decision: z.enum(['terverifikasi', 'ditolak']),
  note: optText(500),
});

// ---------- vacancies ----------

export const vacancyInput = z
  .object({
    title: text(160),
    position: text(120),
    description: text(5000),
    count: z.number().int().min(1).max(10_000),
    validFrom: isoDate,
    validUntil: isoDate,
    ageMin: z.number().int().min(15).max(80).nullish(),
    ageMax: z.number().int().min(15).max(80).nullish(),
    sex: z.enum(sexes).nullish(),
    education: z.enum(educationLevels),
    majors: optText(200),
    skills: z.array(skill).max(20).default([]),
    experienceYears: z.number().int().min(0).max(40).default(0),
    wageMin: rupiahAmount.nullish(),
    wageMax: rupiahAmount.nullish(),
    kecamatan: areaCode.nullish(),
    location: text(300),
    type: z.enum(jobTypes),
    hours: optText(120),
    benefits: optText(1000),
    disabilityFriendly: z.boolean().default(false),
  })
  .refine((v) => v.validUntil >= v.validFrom, {
    message: 'Berlaku sampai harus setelah berlaku dari / validUntil must not be before validFrom',
    path: ['validUntil'],
  })
  .refine((v) => v.ageMin == null || v.ageMax == null || v.ageMax >= v.ageMin, {
    message: 'Usia maksimum < minimum / ageMax below ageMin',
    path: ['ageMax'],
  })
  .refine((v) => v.wageMin == null || v.wageMax == null || v.wageMax >= v.wageMin, {
    message: 'Upah maksimum < minimum / wageMax below wageMin',
    path: ['wageMax'],
  });
export type VacancyInput = z.infer<typeof vacancyInput>;

const vacancyFields = z.object({
  id: z.string().uuid(),
  employerId: z.string().uuid(),
  employerName: z.string(),
  title: z.string(),
  position: z.string(),
  description: z.string(),
  count: z.number(),
  filled: z.number(),
  validFrom: z.string(),
  validUntil: z.string(),
  ageMin: z.number().nullable(),
  ageMax: z.number().nullable(),
  sex: z.enum(sexes).nullable(),
  education: z.enum(educationLevels),
  majors: z.string().nullable(),
  skills: z.array(z.string()),
  experienceYears: z.number(),
  wageMin: z.number().nullable(),
  wageMax: z.number().nullable(),
  kecamatan: z.string().nullable(),
  kecamatanName: z.string().nullable(),
  location: z.string(),
  type: z.enum(jobTypes),
  hours: z.string().nullable(),
  benefits: z.string().nullable(),
  disabilityFriendly: z.boolean(),
  status: z.enum(vacancyStatuses),
  note: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  applicants: z.number(),
});
export const vacancyView = vacancyFields.meta({ id: 'KerjaVacancy' });
export type VacancyView = z.infer<typeof vacancyView>;

export const matchExplanation = z.object({
  /** Criteria met: pendidikan, keahlian, lokasi, pengalaman, gaji, jenis. */
  matched: z.array(z.string()),
  /** Criteria not met, with what is short (`{ key: 'pengalaman', years: 2 }`). */
  missing: z.array(
    z.object({ key: z.string(), years: z.number().optional(), skills: z.array(z.string()).optional() }),
  ),
});
export type MatchExplanation = z.infer<typeof matchExplanation>;

/** A vacancy in a list: summary fields, and the seeker's score when signed in with a profile. */
export const vacancyCard = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    employerName: z.string(),
    position: z.string(),
    education: z.enum(educationLevels),
    kecamatan: z.string().nullable(),
    kecamatanName: z.string().nullable(),
    location: z.string(),
    type: z.enum(jobTypes),
    wageMin: z.number().nullable(),
    wageMax: z.number().nullable(),
    validUntil: z.string(),
    disabilityFriendly: z.boolean(),
    score: z.number().nullable(),
    explanation: matchExplanation.nullable(),
  })
  .meta({ id: 'KerjaVacancyCard' });
export type VacancyCard = z.infer<typeof vacancyCard>;

export const vacancySearch = z.object({
  q: z.string().trim().max(100).optional(),
  kecamatan: areaCode.optional(),
  position: z.string().trim().max(80).optional(),
  education: z.enum(educationLevels).optional(),
  wageMin: z.coerce.number().int().min(0).max(1_000_000_000).optional(),
  type: z.enum(jobTypes).optional(),
  disabilityFriendly: z.enum(['true', 'false']).optional(),
  /** `cocok`: by match score (needs a profile); `terbaru`: newest first. */
  sort: z.enum(['cocok', 'terbaru']).default('terbaru'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const vacancyPage = z
  .object({ items: z.array(vacancyCard), total: z.number() })
  .meta({ id: 'KerjaVacancyPage' });

export const vacancyDecision = z.object({ decision: z.enum(['terbuka', 'ditolak']), note: optText(500) });
export const vacancyClose = z.object({
  outcome: z.enum(['ditutup', 'terisi']),
  filled: z.number().int().min(0).max(10_000).optional(),
});

/** The public page: vacancy and its schema.org JobPosting (JSON-LD) for search engines. */
export const publicVacancyView = z
  .object({
    vacancy: vacancyView.omit({ note: true, applicants: true }),
    jsonLd: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'KerjaPublicVacancy' });

// ---------- applications ----------

export const applyInput = z.object({ message: optText(1000) });

/** The seeker's own application. */
export const myApplicationView = z
  .object({
    id: z.string().uuid(),
    vacancyId: z.string().uuid(),
    vacancyTitle: z.string(),
    employerName: z.string(),
    status: z.enum(applicationStatuses),
    interviewAt: z.string().nullable(),
    /** What the employer chose to tell the applicant (not its internal notes). */
    messageToApplicant: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'KerjaMyApplication' });
export type MyApplicationView = z.infer<typeof myApplicationView>;

/**
 * What an employer sees of an applicant: only what the application shares — never the NIK,
 * the address, the birth date (age only) or religion.
 */
export const applicantView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    age: z.number().nullable(),
    sex: z.enum(sexes),
    education: z.enum(educationLevels),
    major: z.string().nullable(),
    skills: z.array(z.string()),
    experienceYears: z.number(),
    kecamatanName: z.string().nullable(),
    phone: z.string().nullable(),
    hasCv: z.boolean(),
    cvFileIds: z.array(z.string().uuid()),
    message: z.string().nullable(),
    status: z.enum(applicationStatuses),
    score: z.number(),
    explanation: matchExplanation,
    interviewAt: z.string().nullable(),
    employerNote: z.string().nullable(),
    messageToApplicant: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'KerjaApplicant' });
export type ApplicantView = z.infer<typeof applicantView>;

export const applicationMove = z.object({
  status: z.enum(applicationStatuses),
  interviewAt: z.iso.datetime({ offset: true }).nullish(),
  employerNote: optText(1000),
  messageToApplicant: optText(1000),
});

// ---------- job fairs ----------

export const jobFairInput = z
  .object({
    name: text(160),
    startsOn: isoDate,
    endsOn: isoDate,
    place: optText(300),
    online: z.boolean().default(false),
    url: z.string().trim().url().max(300).nullish(),
    employerIds: z.array(z.string().uuid()).max(500).default([]),
  })
  .refine((f) => f.endsOn >= f.startsOn, { message: 'endsOn before startsOn', path: ['endsOn'] });
export const jobFairView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    place: z.string().nullable(),
    online: z.boolean(),
    url: z.string().nullable(),
    employers: z.array(z.object({ id: z.string().uuid(), name: z.string(), openVacancies: z.number() })),
  })
  .meta({ id: 'KerjaJobFair' });
export type JobFairView = z.infer<typeof jobFairView>;

// ---------- statistics (aggregates only) ----------

const bucket = z.object({ key: z.string(), count: z.number() });
const statsFields = z.object({
  seekers: z.number(),
  activeAk1: z.number(),
  openVacancies: z.number(),
  openPositions: z.number(),
  verifiedEmployers: z.number(),
  placements: z.number(),
  /** Median days from publication to the vacancy being reported filled. */
  medianDaysToFill: z.number().nullable(),
  seekersByEducation: z.array(bucket),
  seekersByAge: z.array(bucket),
  seekersBySex: z.array(bucket),
  seekersByKecamatan: z.array(bucket),
  vacanciesBySector: z.array(bucket),
  vacanciesByEducation: z.array(bucket),
  /** Per month (YYYY-MM): new seekers, new vacancies, placements. */
  trend: z.array(
    z.object({ month: z.string(), seekers: z.number(), vacancies: z.number(), placements: z.number() }),
  ),
  queues: z.object({ ak1: z.number(), employers: z.number(), vacancies: z.number() }),
});
export const statsView = statsFields.meta({ id: 'KerjaStats' });
/** The open-data view: the same figures without the staff's queues. */
export const openStatsView = statsFields.omit({ queues: true }).meta({ id: 'KerjaOpenStats' });
export type StatsView = z.infer<typeof statsView>;
export const STATS_CSV_COLUMNS = ['dimension', 'key', 'count'] as const;

// ---------- webhooks ----------

export const webhookInput = z.object({ url: z.string().trim().url().max(500) });
export const webhookView = z
  .object({
    id: z.string().uuid(),
    url: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
    /** Shown once, when created. */
    secret: z.string().optional(),
    delivered: z.number(),
    failed: z.number(),
    pending: z.number(),
  })
  .meta({ id: 'KerjaWebhook' });
export const WEBHOOK_EVENTS = ['siap-kerja.vacancy.published', 'siap-kerja.placement.recorded'] as const;

// ---------- settings ----------

export const siapKerjaSettings = z.object({
  /** Office where applicants come when a visit is needed (shown to them). */
  officeAddress: z.string().max(300).default('Kantor Dinas Ketenagakerjaan'),
  /** Days before a lapor diri is due that the reminder goes out. */
  reminderDays: z.number().int().min(1).max(60).default(14),
  /** A vacancy may be open at most this many days. */
  maxVacancyDays: z.number().int().min(1).max(365).default(90),
});
export type SiapKerjaSettings = z.infer<typeof siapKerjaSettings>;
