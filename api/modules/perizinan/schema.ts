import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  ApplicationState,
  FormValues,
  LockerDocType,
  ReviewStep,
  TypeDefinition,
} from '../../../shared/modules/perizinan';
import { opd } from '../../core/db/schema';
import { tenantTable } from '../../core/db/tenancy';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const at = () => timestamp({ withTimezone: true });

/** A permit type of the region's catalogue; what it asks for lives in its versions. */
export const izinType = tenantTable(
  'izin_type',
  {
    id: uuid().notNull().defaultRandom(),
    code: text().notNull(),
    /** The OPD that owns the service (usually DPMPTSP). */
    opdId: uuid().notNull(),
    currentVersion: integer().notNull().default(1),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('izin_type_code_uq').on(t.regionId, t.code),
    foreignKey({ columns: [t.regionId, t.opdId], foreignColumns: [opd.regionId, opd.id] }),
    index('izin_type_opd_idx').on(t.regionId, t.opdId),
  ],
);

/**
 * One version of a permit type, never edited: editing the type writes the next version, and an
 * application keeps the version it was filed under (its requirements, fee, SLA and steps).
 */
export const izinTypeVersion = tenantTable(
  'izin_type_version',
  {
    typeId: uuid().notNull(),
    version: integer().notNull(),
    definition: jsonb().$type<TypeDefinition>().notNull(),
    createdBy: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.typeId, t.version] }),
    foreignKey({
      columns: [t.regionId, t.typeId],
      foreignColumns: [izinType.regionId, izinType.id],
    }).onDelete('cascade'),
  ],
);

/** Staff assigned to a review step for the permits of one OPD (front office, cashier, signer…). */
export const izinStaff = tenantTable(
  'izin_staff',
  {
    userId: uuid().notNull(),
    step: text().$type<ReviewStep>().notNull(),
    opdId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.userId, t.step, t.opdId] }),
    foreignKey({ columns: [t.regionId, t.opdId], foreignColumns: [opd.regionId, opd.id] }).onDelete(
      'cascade',
    ),
    index('izin_staff_opd_idx').on(t.regionId, t.opdId, t.step),
  ],
);

/**
 * An application. Personal data (NIK, NIB) stays in this table; the permit's public check shows
 * the holder's name and the permit only. SLA: `completeAt` is "berkas lengkap dan benar", `dueAt`
 * moves out by the working days the file spent with the applicant (`pausedAt` … resubmission).
 */
export const izinApplication = tenantTable(
  'izin_application',
  {
    id: uuid().notNull().defaultRandom(),
    /** Registration number, given at submission. */
    number: text(),
    typeId: uuid().notNull(),
    typeVersion: integer().notNull(),
    applicantId: uuid().notNull(),
    applicantKind: text().$type<'individual' | 'company'>(),
    applicantName: text(),
    nik: text(),
    companyName: text(),
    nib: text(),
    form: jsonb().$type<FormValues>().notNull().default({}),
    state: text().$type<ApplicationState>().notNull().default('draft'),
    /** The OPD whose step inbox holds it now (null while with the applicant or decided). */
    stepOpdId: uuid(),
    /** Where a returned application goes back to on resubmission. */
    returnedFrom: text().$type<ApplicationState>(),
    submittedAt: at(),
    completeAt: at(),
    dueAt: at(),
    pausedAt: at(),
    overdueAt: at(),
    surveyDate: date({ mode: 'string' }),
    surveyNote: text(),
    feeAmount: bigint({ mode: 'number' }),
    decidedAt: at(),
    rejectReason: text(),
    documentId: uuid(),
    /** The signed PDF (file store) whose SHA-256 the public check compares. */
    permitFileId: uuid(),
    suspended: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    uniqueIndex('izin_application_number_uq').on(t.regionId, t.number),
    foreignKey({
      columns: [t.regionId, t.typeId, t.typeVersion],
      foreignColumns: [izinTypeVersion.regionId, izinTypeVersion.typeId, izinTypeVersion.version],
    }),
    index('izin_application_type_idx').on(t.regionId, t.typeId, t.typeVersion),
    index('izin_application_applicant_idx').on(t.regionId, t.applicantId, t.createdAt),
    // A step's inbox: one OPD, one state, oldest first.
    index('izin_application_inbox_idx')
      .on(t.regionId, t.stepOpdId, t.state, t.submittedAt)
      .where(sql`step_opd_id is not null`),
    index('izin_application_due_idx')
      .on(t.regionId, t.dueAt)
      .where(sql`due_at is not null and overdue_at is null`),
    index('izin_application_document_idx').on(t.regionId, t.documentId).where(sql`document_id is not null`),
  ],
);

/** A document in the applicant's locker: uploaded once, attached to any application that asks for its type. */
export const izinLockerItem = tenantTable(
  'izin_locker_item',
  {
    id: uuid().notNull().defaultRandom(),
    ownerId: uuid().notNull(),
    docType: text().$type<LockerDocType>().notNull(),
    label: text().notNull(),
    fileId: uuid().notNull(),
    documentDate: date({ mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    index('izin_locker_owner_idx').on(t.regionId, t.ownerId, t.docType),
  ],
);

/** One requirement of one application: the document attached and the front office's check. */
export const izinItem = tenantTable(
  'izin_item',
  {
    applicationId: uuid().notNull(),
    key: text().notNull(),
    lockerItemId: uuid(),
    fileId: uuid(),
    status: text().$type<'pending' | 'ok' | 'fix'>().notNull().default('pending'),
    note: text(),
    checkedBy: uuid(),
    checkedAt: at(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.applicationId, t.key] }),
    foreignKey({
      columns: [t.regionId, t.applicationId],
      foreignColumns: [izinApplication.regionId, izinApplication.id],
    }).onDelete('cascade'),
    index('izin_item_locker_idx').on(t.regionId, t.lockerItemId),
    index('izin_item_file_idx').on(t.regionId, t.fileId),
  ],
);

/** Every transition, who made it and why: the application's history and the audit trail. */
export const izinHistory = tenantTable(
  'izin_history',
  {
    id: uuid().notNull().defaultRandom(),
    applicationId: uuid().notNull(),
    action: text().notNull(),
    fromState: text().$type<ApplicationState>(),
    toState: text().$type<ApplicationState>().notNull(),
    actorId: uuid(),
    actorName: text(),
    note: text(),
    at: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.applicationId],
      foreignColumns: [izinApplication.regionId, izinApplication.id],
    }).onDelete('cascade'),
    index('izin_history_application_idx').on(t.regionId, t.applicationId, t.at),
  ],
);

/**
 * The fee of one application: a billing code from the payment adapter, paid once. `paidAt` is set
 * by one conditional UPDATE, so a second confirmation (cashier or gateway callback) changes nothing.
 */
export const izinPayment = tenantTable(
  'izin_payment',
  {
    applicationId: uuid().notNull(),
    billingCode: text().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    retributionCode: text().notNull(),
    provider: text().notNull(),
    paidAt: at(),
    receiptNumber: text(),
    reference: text(),
    confirmedBy: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.applicationId] }),
    foreignKey({
      columns: [t.regionId, t.applicationId],
      foreignColumns: [izinApplication.regionId, izinApplication.id],
    }).onDelete('cascade'),
    unique('izin_payment_billing_uq').on(t.regionId, t.billingCode),
  ],
);

/** Per-region counters for registration and permit numbers (one row per series and year). */
export const izinCounter = tenantTable(
  'izin_counter',
  { series: text().notNull(), value: integer().notNull().default(0) },
  (t) => [primaryKey({ columns: [t.regionId, t.series] })],
);

export const perizinanTables = [
  izinType,
  izinTypeVersion,
  izinStaff,
  izinApplication,
  izinLockerItem,
  izinItem,
  izinHistory,
  izinPayment,
  izinCounter,
] as const;
