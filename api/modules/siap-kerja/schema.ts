import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  Ak1Status,
  ApplicationStatus,
  EducationLevel,
  EmployerStatus,
  JobType,
  VacancyStatus,
} from '../../../shared/modules/siap-kerja';
import { appUser } from '../../core/db/schema';
import { tenantTable } from '../../core/db/tenancy';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const day = () => date({ mode: 'string' });
const textArray = () => text().array().notNull().default(sql`'{}'::text[]`);

/**
 * A job seeker's profile (one per account). Personal data (NIK, address, birth date, religion)
 * stays here: employers see an application's summary only (applications.ts), the public check of
 * the AK/1 only the name and number (api/core/documents).
 */
export const skSeeker = tenantTable(
  'siap_kerja_seeker',
  {
    id: uuid().notNull().defaultRandom(),
    userId: uuid().notNull(),
    nik: text().notNull(),
    name: text().notNull(),
    birthPlace: text().notNull(),
    birthDate: day().notNull(),
    sex: text().$type<'L' | 'P'>().notNull(),
    maritalStatus: text().notNull(),
    religion: text().notNull(),
    address: text().notNull(),
    kecamatan: text().notNull(),
    kelurahan: text(),
    phone: text(),
    education: text().$type<EducationLevel>().notNull(),
    /** educationRank of `education` (SMA = SMK): compared with a vacancy's in SQL. */
    educationRank: smallint().notNull(),
    major: text(),
    school: text(),
    graduationYear: integer(),
    skills: textArray(),
    experience: jsonb()
      .$type<{ title: string; company: string; fromYear: number; toYear?: number | null }[]>()
      .notNull()
      .default([]),
    /** Whole years summed from `experience` (kept with it). */
    experienceYears: smallint().notNull().default(0),
    certificates: jsonb()
      .$type<{ name: string; issuer?: string | null; year?: number | null }[]>()
      .notNull()
      .default([]),
    languages: textArray(),
    disability: text(),
    photoFileId: uuid(),
    cvFileIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    prefKecamatan: textArray(),
    prefPositions: textArray(),
    prefSalaryMin: integer(),
    prefTypes: textArray(),
    employed: boolean().notNull().default(false),
    employedAt: day(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('siap_kerja_seeker_user_uq').on(t.regionId, t.userId),
    foreignKey({ columns: [t.regionId, t.userId], foreignColumns: [appUser.regionId, appUser.id] }).onDelete(
      'cascade',
    ),
    index('siap_kerja_seeker_created_idx').on(t.regionId, t.createdAt),
  ],
);

/**
 * An AK/1 (kartu kuning) request and, once issued, the card. At most one live request or card
 * per NIK in a region (partial unique index): a second gets 409.
 */
export const skAk1 = tenantTable(
  'siap_kerja_ak1',
  {
    id: uuid().notNull().defaultRandom(),
    seekerId: uuid().notNull(),
    nik: text().notNull(),
    status: text().$type<Ak1Status>().notNull().default('diajukan'),
    number: text(),
    documentId: uuid(),
    note: text(),
    requestedAt: createdAt(),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid(),
    validFrom: day(),
    validUntil: day(),
    lastReportAt: timestamp({ withTimezone: true }),
    nextReportDue: day(),
    /** When the lapor diri reminder for `nextReportDue` was sent (one per period). */
    remindedFor: day(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.seekerId],
      foreignColumns: [skSeeker.regionId, skSeeker.id],
    }).onDelete('cascade'),
    uniqueIndex('siap_kerja_ak1_live_nik_uq')
      .on(t.regionId, t.nik)
      .where(sql`status in ('diajukan', 'perlu_datang', 'terbit')`),
    index('siap_kerja_ak1_status_idx').on(t.regionId, t.status, t.requestedAt),
    index('siap_kerja_ak1_seeker_idx').on(t.regionId, t.seekerId),
  ],
);

/** Six-monthly self-reports (lapor diri) of an AK/1 holder, and "sudah bekerja". */
export const skAk1Report = tenantTable(
  'siap_kerja_ak1_report',
  {
    id: uuid().notNull().defaultRandom(),
    ak1Id: uuid().notNull(),
    status: text().$type<'masih_mencari' | 'sudah_bekerja'>().notNull(),
    employerName: text(),
    startedOn: day(),
    reportedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({ columns: [t.regionId, t.ak1Id], foreignColumns: [skAk1.regionId, skAk1.id] }).onDelete(
      'cascade',
    ),
    index('siap_kerja_ak1_report_ak1_idx').on(t.regionId, t.ak1Id),
  ],
);

/** A company registered by one of its people's accounts; verified by Disnaker before it may publish. */
export const skEmployer = tenantTable(
  'siap_kerja_employer',
  {
    id: uuid().notNull().defaultRandom(),
    ownerUserId: uuid().notNull(),
    name: text().notNull(),
    nib: text().notNull(),
    kbli: text().notNull(),
    sector: text().notNull(),
    address: text().notNull(),
    kecamatan: text(),
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    contactEmail: text(),
    website: text(),
    status: text().$type<EmployerStatus>().notNull().default('menunggu'),
    note: text(),
    verifiedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('siap_kerja_employer_nib_uq').on(t.regionId, t.nib),
    foreignKey({
      columns: [t.regionId, t.ownerUserId],
      foreignColumns: [appUser.regionId, appUser.id],
    }).onDelete('cascade'),
    index('siap_kerja_employer_owner_idx').on(t.regionId, t.ownerUserId),
    index('siap_kerja_employer_status_idx').on(t.regionId, t.status),
  ],
);

/** A vacancy with the fields of the mandatory vacancy report (Perpres 57/2023). */
export const skVacancy = tenantTable(
  'siap_kerja_vacancy',
  {
    id: uuid().notNull().defaultRandom(),
    employerId: uuid().notNull(),
    title: text().notNull(),
    position: text().notNull(),
    description: text().notNull(),
    count: integer().notNull(),
    filled: integer().notNull().default(0),
    validFrom: day().notNull(),
    validUntil: day().notNull(),
    ageMin: smallint(),
    ageMax: smallint(),
    sex: text().$type<'L' | 'P'>(),
    education: text().$type<EducationLevel>().notNull(),
    educationRank: smallint().notNull(),
    majors: text(),
    skills: textArray(),
    experienceYears: smallint().notNull().default(0),
    wageMin: integer(),
    wageMax: integer(),
    kecamatan: text(),
    location: text().notNull(),
    type: text().$type<JobType>().notNull(),
    hours: text(),
    benefits: text(),
    disabilityFriendly: boolean().notNull().default(false),
    status: text().$type<VacancyStatus>().notNull().default('menunggu'),
    note: text(),
    publishedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.employerId],
      foreignColumns: [skEmployer.regionId, skEmployer.id],
    }).onDelete('cascade'),
    index('siap_kerja_vacancy_employer_idx').on(t.regionId, t.employerId, t.createdAt),
    // The open list (public, feed, matching) reads only open vacancies, newest first.
    index('siap_kerja_vacancy_open_idx')
      .on(t.regionId, t.publishedAt.desc(), t.id)
      .where(sql`status = 'terbuka'`),
    index('siap_kerja_vacancy_status_idx').on(t.regionId, t.status, t.validUntil),
    // Matching reads every open vacancy: this index holds all the columns the score reads, so the
    // scan is index-only (drizzle has no INCLUDE; they are trailing key columns).
    index('siap_kerja_vacancy_match_idx')
      .on(
        t.regionId,
        t.validUntil,
        t.validFrom,
        t.publishedAt,
        t.id,
        t.educationRank,
        t.experienceYears,
        t.kecamatan,
        t.wageMax,
        t.type,
        t.skills,
      )
      .where(sql`status = 'terbuka'`),
  ],
);

/** An application: a seeker's card in a vacancy's pipeline. */
export const skApplication = tenantTable(
  'siap_kerja_application',
  {
    id: uuid().notNull().defaultRandom(),
    vacancyId: uuid().notNull(),
    seekerId: uuid().notNull(),
    status: text().$type<ApplicationStatus>().notNull().default('dilamar'),
    message: text(),
    interviewAt: timestamp({ withTimezone: true }),
    employerNote: text(),
    messageToApplicant: text(),
    /**
     * The match score of the applicant and the vacancy (matching.ts), kept by the database: set on
     * insert and refreshed when either side's matched fields change (triggers of migration
     * 0021_application-score), so a vacancy's ranked list is an index scan, not a score of every
     * applicant (a popular vacancy has thousands).
     */
    score: smallint().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('siap_kerja_application_uq').on(t.regionId, t.vacancyId, t.seekerId),
    index('siap_kerja_application_rank_idx')
      .on(t.regionId, t.vacancyId, t.score.desc(), t.createdAt, t.id)
      .where(sql`status <> 'ditarik'`),
    foreignKey({
      columns: [t.regionId, t.vacancyId],
      foreignColumns: [skVacancy.regionId, skVacancy.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.regionId, t.seekerId],
      foreignColumns: [skSeeker.regionId, skSeeker.id],
    }).onDelete('cascade'),
    index('siap_kerja_application_seeker_idx').on(t.regionId, t.seekerId, t.createdAt),
  ],
);

/** A job fair (bursa kerja) with its participating employers. */
export const skJobFair = tenantTable(
  'siap_kerja_job_fair',
  {
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    startsOn: day().notNull(),
    endsOn: day().notNull(),
    place: text(),
    online: boolean().notNull().default(false),
    url: text(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    index('siap_kerja_job_fair_idx').on(t.regionId, t.startsOn),
  ],
);

export const skJobFairEmployer = tenantTable(
  'siap_kerja_job_fair_employer',
  { fairId: uuid().notNull(), employerId: uuid().notNull() },
  (t) => [
    primaryKey({ columns: [t.regionId, t.fairId, t.employerId] }),
    foreignKey({
      columns: [t.regionId, t.fairId],
      foreignColumns: [skJobFair.regionId, skJobFair.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.regionId, t.employerId],
      foreignColumns: [skEmployer.regionId, skEmployer.id],
    }).onDelete('cascade'),
    index('siap_kerja_job_fair_employer_idx').on(t.regionId, t.employerId),
  ],
);

/** Outbound signed webhooks (a bridge to the national job system) and their deliveries. */
export const skWebhook = tenantTable(
  'siap_kerja_webhook',
  {
    id: uuid().notNull().defaultRandom(),
    url: text().notNull(),
    secret: text().notNull(),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.id] })],
);

export const skWebhookDelivery = tenantTable(
  'siap_kerja_webhook_delivery',
  {
    id: uuid().notNull().defaultRandom(),
    webhookId: uuid().notNull(),
    eventType: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text().$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.webhookId],
      foreignColumns: [skWebhook.regionId, skWebhook.id],
    }).onDelete('cascade'),
    index('siap_kerja_webhook_delivery_due_idx').on(t.regionId, t.status, t.nextAttemptAt),
    index('siap_kerja_webhook_delivery_webhook_idx').on(t.regionId, t.webhookId),
  ],
);

export const siapKerjaTables = [
  skSeeker,
  skAk1,
  skAk1Report,
  skEmployer,
  skVacancy,
  skApplication,
  skJobFair,
  skJobFairEmployer,
  skWebhook,
  skWebhookDelivery,
] as const;
