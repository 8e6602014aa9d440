import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ReportStatus, ReportType } from '../../../shared/modules/laksa';
import { ginIndex } from '../../core/db/indexes';
import { appUser, opd, storedFile } from '../../core/db/schema';
import { tenantTable } from '../../core/db/tenancy';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A region's complaint categories (Jalan rusak, Sampah, Kamtibmas, ...). */
export const laksaCategory = tenantTable(
  'laksa_category',
  {
    id: uuid().notNull().defaultRandom(),
    code: text().notNull(),
    name: text().notNull(),
    nameEn: text().notNull(),
    description: text(),
    kamtibmas: boolean().notNull().default(false),
    resolveDays: integer().notNull().default(14),
    active: boolean().notNull().default(true),
    sort: integer().notNull().default(100),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('laksa_category_code_uq').on(t.regionId, t.code),
  ],
);

/** Which OPD handles a category (optionally only in one kecamatan; the specific rule wins). */
export const laksaRoutingRule = tenantTable(
  'laksa_routing_rule',
  {
    id: uuid().notNull().defaultRandom(),
    categoryId: uuid().notNull(),
    kecamatan: text(),
    opdId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('laksa_routing_rule_uq').on(t.regionId, t.categoryId, t.kecamatan, t.opdId).nullsNotDistinct(),
    foreignKey({
      columns: [t.regionId, t.categoryId],
      foreignColumns: [laksaCategory.regionId, laksaCategory.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.regionId, t.opdId], foreignColumns: [opd.regionId, opd.id] }).onDelete(
      'cascade',
    ),
    index('laksa_routing_rule_opd_idx').on(t.regionId, t.opdId),
  ],
);

/** Canned replies for officers. */
export const laksaTemplate = tenantTable(
  'laksa_template',
  {
    id: uuid().notNull().defaultRandom(),
    title: text().notNull(),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.id] })],
);

/** Last ticket number per region and year (row lock = gap-free numbering inside the intake transaction). */
export const laksaTicketCounter = tenantTable(
  'laksa_ticket_counter',
  { year: smallint().notNull(), last: integer().notNull() },
  (t) => [primaryKey({ columns: [t.regionId, t.year] })],
);

export const laksaReport = tenantTable(
  'laksa_report',
  {
    id: uuid().notNull().defaultRandom(),
    /** Readable and region-scoped: LKS-3671-26-000123. */
    ticket: text().notNull(),
    type: text().$type<ReportType>().notNull(),
    categoryId: uuid().notNull(),
    status: text().$type<ReportStatus>().notNull().default('menunggu_verifikasi'),
    /** The state to return to when a Ditunda report resumes. */
    pausedFrom: text().$type<ReportStatus>(),
    pausedAt: timestamp({ withTimezone: true }),
    description: text().notNull(),
    /** The original description when staff redacted it (audit trail; never served). */
    originalDescription: text(),
    address: text(),
    lat: doublePrecision().notNull(),
    lng: doublePrecision().notNull(),
    kecamatan: text(),
    kelurahan: text(),
    anonymous: boolean().notNull().default(false),
    confidential: boolean().notNull().default(false),
    /** The citizen account (kept for My reports and notifications even when anonymous). */
    reporterId: uuid(),
    /** Contact given through Open311 without an account. */
    contact: jsonb().$type<{ name?: string; email?: string; phone?: string }>(),
    source: text().$type<'app' | 'open311' | 'staff'>().notNull().default('app'),
    idempotencyKey: text(),
    requestHash: text(),
    supportCount: integer().notNull().default(0),
    duplicateOfId: uuid(),
    rating: smallint(),
    ratingComment: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
    verifiedAt: timestamp({ withTimezone: true }),
    disposedAt: timestamp({ withTimezone: true }),
    respondedAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    verifyDueAt: timestamp({ withTimezone: true }),
    followUpDueAt: timestamp({ withTimezone: true }),
    resolveDueAt: timestamp({ withTimezone: true }),
    overdueLevel: smallint().notNull().default(0),
    search: tsvector()
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`to_tsvector('simple', ${laksaReport.ticket} || ' ' || ${laksaReport.description} || ' ' || coalesce(${laksaReport.address}, ''))`,
      ),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('laksa_report_ticket_uq').on(t.regionId, t.ticket),
    unique('laksa_report_idempotency_uq').on(t.regionId, t.idempotencyKey),
    foreignKey({
      columns: [t.regionId, t.categoryId],
      foreignColumns: [laksaCategory.regionId, laksaCategory.id],
    }),
    foreignKey({
      columns: [t.regionId, t.reporterId],
      foreignColumns: [appUser.regionId, appUser.id],
    }).onDelete('set null'),
    foreignKey({ columns: [t.regionId, t.duplicateOfId], foreignColumns: [t.regionId, t.id] }),
    // In the exact order of every newest-first list and of the search door's walk: created_at DESC
    // NULLS LAST, then id DESC (= NULLS FIRST, what a plain `desc` means). With `id` ascending the
    // index gave created_at only and PostgreSQL sorted each group of ties again (an Incremental
    // Sort: a fifth of the door's 5,000-row walk).
    index('laksa_report_inbox_idx').on(t.regionId, t.status, t.createdAt.desc(), t.id.desc().nullsFirst()),
    index('laksa_report_created_idx').on(t.regionId, t.createdAt.desc(), t.id.desc().nullsFirst()),
    index('laksa_report_category_idx').on(t.regionId, t.categoryId, t.status),
    index('laksa_report_reporter_idx').on(t.regionId, t.reporterId, t.createdAt.desc()),
    index('laksa_report_duplicate_idx').on(t.regionId, t.duplicateOfId),
    // Open reports only (a few percent of all): the LIVE Room map, open and overdue counters are
    // index-only scans of this, whatever the size of the archive.
    index('laksa_report_open_idx')
      .on(
        t.regionId,
        t.updatedAt.desc(),
        t.status,
        t.respondedAt,
        t.verifyDueAt,
        t.followUpDueAt,
        t.resolveDueAt,
      )
      .where(sql`status not in ('selesai', 'ditolak', 'dialihkan')`),
    // Public reports by position (Data & Peta's OGC layer `laksa-laporan`: bbox queries over a
    // million reports stay index scans; the predicate is the layer's own).
    index('laksa_report_public_point_idx')
      .on(t.regionId, t.lng, t.lat)
      .where(sql`not confidential and status not in ('menunggu_verifikasi', 'ditolak')`),
    // (region_id, tsvector) in one GIN index needs btree_gin: region-filtered search stays one index scan.
    ginIndex('laksa_report_search_idx', t.regionId, t.search),
  ],
);

const reportRef = (t: { regionId: AnyPgColumn; reportId: AnyPgColumn }) =>
  foreignKey({
    columns: [t.regionId, t.reportId],
    foreignColumns: [laksaReport.regionId, laksaReport.id],
  }).onDelete('cascade');

/** The OPD a report is dispositioned to (one or more). `active` false = handed back or re-routed. */
export const laksaReportOpd = tenantTable(
  'laksa_report_opd',
  {
    reportId: uuid().notNull(),
    opdId: uuid().notNull(),
    active: boolean().notNull().default(true),
    assignedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.reportId, t.opdId] }),
    reportRef(t),
    foreignKey({ columns: [t.regionId, t.opdId], foreignColumns: [opd.regionId, opd.id] }).onDelete(
      'cascade',
    ),
    index('laksa_report_opd_opd_idx').on(t.regionId, t.opdId, t.active),
  ],
);

/** The timeline: every status change, reply, internal note, rating and moderation, with who and when. */
export const laksaReportStep = tenantTable(
  'laksa_report_step',
  {
    id: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    reportId: uuid().notNull(),
    kind: text()
      .$type<'status' | 'reply' | 'note' | 'rating' | 'duplicate' | 'moderation' | 'support'>()
      .notNull(),
    fromStatus: text().$type<ReportStatus>(),
    toStatus: text().$type<ReportStatus>(),
    actorId: uuid(),
    /** Staff name, shown to staff only; null for reporters (anonymous or not, the public sees "Pelapor"). */
    actorName: text(),
    /** What others see: staff name, "Dinas PUPR", or "Pelapor" (never an anonymous reporter's name). */
    actorLabel: text(),
    note: text(),
    photoIds: uuid().array().notNull().default(sql`'{}'`),
    visibility: text().$type<'public' | 'reporter' | 'internal'>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    reportRef(t),
    index('laksa_report_step_report_idx').on(t.regionId, t.reportId, t.id),
  ],
);

export const laksaReportPhoto = tenantTable(
  'laksa_report_photo',
  {
    reportId: uuid().notNull(),
    fileId: uuid().notNull(),
    stage: text().$type<'report' | 'before' | 'after'>().notNull(),
    hiddenAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.reportId, t.fileId] }),
    reportRef(t),
    foreignKey({ columns: [t.regionId, t.fileId], foreignColumns: [storedFile.regionId, storedFile.id] }),
    index('laksa_report_photo_file_idx').on(t.regionId, t.fileId),
  ],
);

/** Citizens who support (+1, follow) a report instead of filing a duplicate. */
export const laksaSupport = tenantTable(
  'laksa_support',
  { reportId: uuid().notNull(), userId: uuid().notNull(), createdAt: createdAt() },
  (t) => [
    primaryKey({ columns: [t.regionId, t.reportId, t.userId] }),
    reportRef(t),
    foreignKey({ columns: [t.regionId, t.userId], foreignColumns: [appUser.regionId, appUser.id] }).onDelete(
      'cascade',
    ),
    index('laksa_support_user_idx').on(t.regionId, t.userId),
  ],
);

/** In-app notifications to reporters, supporters and escalation recipients. */
export const laksaNotification = tenantTable(
  'laksa_notification',
  {
    id: uuid().notNull().defaultRandom(),
    userId: uuid().notNull(),
    reportId: uuid().notNull(),
    title: jsonb().$type<{ id: string; en: string }>().notNull(),
    body: text(),
    createdAt: createdAt(),
    readAt: timestamp({ withTimezone: true }),
    /** Claimed for the e-mail copy (sent at most once; null = not yet, or the user has no e-mail). */
    emailedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    reportRef(t),
    foreignKey({ columns: [t.regionId, t.userId], foreignColumns: [appUser.regionId, appUser.id] }).onDelete(
      'cascade',
    ),
    index('laksa_notification_user_idx').on(t.regionId, t.userId, t.createdAt.desc()),
    index('laksa_notification_report_idx').on(t.regionId, t.reportId),
  ],
);

/** Outbound signed webhooks a region registers (SP4N-LAPOR! bridge, other systems). */
export const laksaWebhook = tenantTable(
  'laksa_webhook',
  {
    id: uuid().notNull().defaultRandom(),
    url: text().notNull(),
    description: text(),
    secret: text().notNull(),
    /** The secret before the last rotation, still signed with until `previousSecretExpiresAt`. */
    previousSecret: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    eventTypes: text().array().notNull(),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.id] })],
);

export const laksaWebhookDelivery = tenantTable(
  'laksa_webhook_delivery',
  {
    id: uuid().notNull().defaultRandom(),
    webhookId: uuid().notNull(),
    eventId: bigint({ mode: 'number' }).notNull(),
    eventType: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text().$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('laksa_webhook_delivery_event_uq').on(t.regionId, t.webhookId, t.eventId),
    foreignKey({
      columns: [t.regionId, t.webhookId],
      foreignColumns: [laksaWebhook.regionId, laksaWebhook.id],
    }).onDelete('cascade'),
    index('laksa_webhook_delivery_due_idx').on(t.regionId, t.status, t.nextAttemptAt),
  ],
);

/** Open311 API keys a region issues (only the SHA-256 is stored). */
export const laksaApiKey = tenantTable(
  'laksa_api_key',
  {
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    prefix: text().notNull(),
    keyHash: text().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('laksa_api_key_hash_uq').on(t.regionId, t.keyHash),
  ],
);

/** `opd_id` of the region-wide row of `laksa_stat_day` (every report counted once). */
export const ALL_OPD = '00000000-0000-0000-0000-000000000000';

/**
 * Daily performance rollup for the LIVE Room league table, per local day and OPD (plus one
 * region-wide row, `ALL_OPD`). Maintained in the same transaction as the state change it counts
 * (stats.ts), so the wall's figures are exact the moment the event arrives. Durations are kept
 * per day as arrays of minutes, so medians over any window are exact, not estimated.
 * No foreign key to `opd`: the history stays when an OPD is removed.
 */
export const laksaStatDay = tenantTable(
  'laksa_stat_day',
  {
    day: date().notNull(),
    opdId: uuid().notNull(),
    /** Reports dispositioned to the OPD (region row: reports filed). */
    received: integer().notNull().default(0),
    resolved: integer().notNull().default(0),
    /** Resolutions on or before their working-day resolve deadline. */
    slaMet: integer().notNull().default(0),
    ratingSum: integer().notNull().default(0),
    ratingCount: integer().notNull().default(0),
    /** First response minus disposition, in minutes, one per first response that day. */
    responseMinutes: integer().array().notNull().default(sql`'{}'`),
    /** Resolution minus filing, in minutes, one per resolution that day. */
    resolutionMinutes: integer().array().notNull().default(sql`'{}'`),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day, t.opdId] })],
);

/** Reports filed per local day, category and kecamatan ('' when none): trends and heat map. */
export const laksaStatIntake = tenantTable(
  'laksa_stat_intake',
  {
    day: date().notNull(),
    categoryId: uuid().notNull(),
    kecamatan: text().notNull(),
    created: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.day, t.categoryId, t.kecamatan] })],
);

export const laksaTables = [
  laksaCategory,
  laksaRoutingRule,
  laksaTemplate,
  laksaTicketCounter,
  laksaReport,
  laksaReportOpd,
  laksaReportStep,
  laksaReportPhoto,
  laksaSupport,
  laksaNotification,
  laksaWebhook,
  laksaWebhookDelivery,
  laksaApiKey,
  laksaStatDay,
  laksaStatIntake,
];
