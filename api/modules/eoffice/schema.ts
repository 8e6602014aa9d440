import { type SQL, sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  foreignKey,
  index,
  integer,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  AssignmentKind,
  Confidentiality,
  LetterStatus,
  LetterType,
  PositionLevel,
} from '../../../shared/modules/eoffice';
import { ginIndex } from '../../core/db/indexes';
import { appUser, opd } from '../../core/db/schema';
import { tenantTable } from '../../core/db/tenancy';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const at = () => timestamp({ withTimezone: true });

/** A position (jabatan) in an OPD. Letters and dispositions go to positions, never to people. */
export const eofficePosition = tenantTable(
  'eoffice_position',
  {
    id: uuid().notNull().defaultRandom(),
    opdId: uuid().notNull(),
    title: text().notNull(),
    level: text().$type<PositionLevel>().notNull(),
    parentId: uuid(),
    registersIncoming: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({ columns: [t.regionId, t.opdId], foreignColumns: [opd.regionId, opd.id] }),
    foreignKey({ columns: [t.regionId, t.parentId], foreignColumns: [t.regionId, t.id] }),
    index('eoffice_position_opd_idx').on(t.regionId, t.opdId),
    index('eoffice_position_parent_idx').on(t.regionId, t.parentId),
  ],
);

/** Who holds a position over which days: definitif, or Plt/Plh standing in for a period. */
export const eofficeAssignment = tenantTable(
  'eoffice_assignment',
  {
    id: uuid().notNull().defaultRandom(),
    positionId: uuid().notNull(),
    userId: uuid().notNull(),
    kind: text().$type<AssignmentKind>().notNull().default('definitif'),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.positionId],
      foreignColumns: [eofficePosition.regionId, eofficePosition.id],
    }),
    foreignKey({ columns: [t.regionId, t.userId], foreignColumns: [appUser.regionId, appUser.id] }),
    index('eoffice_assignment_user_idx').on(t.regionId, t.userId),
    index('eoffice_assignment_position_idx').on(t.regionId, t.positionId),
  ],
);

/** The archive classification (kode klasifikasi) with its retention (Jadwal Retensi Arsip). */
export const eofficeClassification = tenantTable(
  'eoffice_classification',
  {
    code: text().notNull(),
    name: text().notNull(),
    activeYears: smallint().notNull(),
    inactiveYears: smallint().notNull(),
    final: text().$type<'musnah' | 'permanen' | 'dinilai_kembali'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.code] })],
);

/**
 * The last number of a series (an OPD's outgoing letters of a year, or its agenda of incoming
 * ones). Taken by an upsert in the signing transaction: the row lock serialises signers and a
 * rolled-back signing gives its number back, so numbers are never reused nor skipped.
 */
export const eofficeSeries = tenantTable(
  'eoffice_series',
  {
    series: text().notNull(),
    year: smallint().notNull(),
    last: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.series, t.year] })],
);

/** An outgoing letter (from draft to signed) or a registered incoming one. */
export const eofficeLetter = tenantTable(
  'eoffice_letter',
  {
    id: uuid().notNull().defaultRandom(),
    direction: text().$type<'out' | 'in'>().notNull(),
    type: text().$type<LetterType>().notNull(),
    status: text().$type<LetterStatus>().notNull(),
    opdId: uuid().notNull(),
    /** The drafting position (out) or the receiving one (in). */
    fromPositionId: uuid(),
    authorId: uuid(),
    subject: text().notNull(),
    /** Sanitised HTML (out) or the summary (in); `bodyText` is its plain text for search. */
    body: text().notNull().default(''),
    bodyText: text().notNull().default(''),
    classificationCode: text().notNull(),
    urgency: text().$type<'biasa' | 'segera' | 'sangat_segera'>().notNull().default('biasa'),
    confidentiality: text().$type<Confidentiality>().notNull().default('biasa'),
    signerPositionId: uuid(),
    number: text(),
    signedAt: at(),
    signedBy: uuid(),
    signedByName: text(),
    signedAs: text().$type<AssignmentKind>(),
    documentId: uuid(),
    fileId: uuid(),
    attachmentIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /** The text of the PDF attachments where the server can read it (pdftotext): for search. Null = not read yet. */
    attachmentText: text(),
    refersToId: uuid(),
    /** Incoming: the sender outside the platform, their number and date, the scan. */
    senderName: text(),
    senderNumber: text(),
    senderDate: date({ mode: 'string' }),
    receivedOn: date({ mode: 'string' }),
    /** A review round: returning a draft starts a new one. */
    round: smallint().notNull().default(1),
    /** The day the letter was signed (out) or received (in): retention counts from it. */
    dated: date({ mode: 'string' }),
    archiveState: text().$type<'aktif' | 'inaktif' | 'musnah' | 'permanen'>().notNull().default('aktif'),
    createdAt: createdAt(),
    updatedAt: createdAt(),
    search: tsvector()
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`to_tsvector('simple', coalesce(${eofficeLetter.number}, '') || ' ' || ${eofficeLetter.subject} || ' ' || ${eofficeLetter.bodyText} || ' ' || coalesce(${eofficeLetter.senderName}, '') || ' ' || coalesce(${eofficeLetter.senderNumber}, '') || ' ' || left(coalesce(${eofficeLetter.attachmentText}, ''), 200000))`,
      ),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({ columns: [t.regionId, t.opdId], foreignColumns: [opd.regionId, opd.id] }),
    foreignKey({
      columns: [t.regionId, t.fromPositionId],
      foreignColumns: [eofficePosition.regionId, eofficePosition.id],
    }),
    foreignKey({ columns: [t.regionId, t.refersToId], foreignColumns: [t.regionId, t.id] }),
    uniqueIndex('eoffice_letter_number_uq')
      .on(t.regionId, t.opdId, t.direction, t.number)
      .where(sql`number is not null`),
    index('eoffice_letter_author_idx').on(t.regionId, t.fromPositionId, t.status, t.updatedAt.desc()),
    index('eoffice_letter_archive_idx').on(t.regionId, t.opdId, t.dated.desc(), t.id.desc()),
    index('eoffice_letter_dated_idx').on(t.regionId, t.dated.desc(), t.id.desc()),
    ginIndex('eoffice_letter_search_idx', t.regionId, t.search),
    // Number prefix search: pattern_ops comparisons are leakproof, so usable under RLS.
    index('eoffice_letter_number_idx').on(t.regionId, t.number.op('text_pattern_ops')),
    index('eoffice_letter_sender_number_idx').on(t.regionId, t.senderNumber.op('text_pattern_ops')),
    index('eoffice_letter_refers_idx').on(t.regionId, t.refersToId).where(sql`refers_to_id is not null`),
  ],
);

/** Where a letter goes: a position (to or cc, with the agenda number it got there) or an address outside. */
export const eofficeRecipient = tenantTable(
  'eoffice_recipient',
  {
    id: uuid().notNull().defaultRandom(),
    letterId: uuid().notNull(),
    kind: text().$type<'to' | 'cc' | 'external'>().notNull(),
    positionId: uuid(),
    externalName: text(),
    externalEmail: text(),
    agendaNumber: text(),
    deliveredAt: at(),
    readAt: at(),
    readBy: uuid(),
    /** The recipient filed it without disposing (nothing left to do). */
    doneAt: at(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.letterId],
      foreignColumns: [eofficeLetter.regionId, eofficeLetter.id],
    }),
    foreignKey({
      columns: [t.regionId, t.positionId],
      foreignColumns: [eofficePosition.regionId, eofficePosition.id],
    }),
    index('eoffice_recipient_letter_idx').on(t.regionId, t.letterId),
    // What a position has handled, and what is still to act on: each box reads its own index from
    // the newest end, whatever the mix of the two.
    index('eoffice_recipient_done_idx')
      .on(t.regionId, t.positionId, t.deliveredAt.desc())
      .where(sql`delivered_at is not null and done_at is not null`),
    index('eoffice_recipient_todo_idx')
      .on(t.regionId, t.positionId, t.deliveredAt.desc())
      .where(sql`delivered_at is not null and done_at is null`),
  ],
);

/** One step of a letter's review chain in one round: paraf by each level, then the signature. */
export const eofficeReview = tenantTable(
  'eoffice_review',
  {
    letterId: uuid().notNull(),
    round: smallint().notNull(),
    seq: smallint().notNull(),
    positionId: uuid().notNull(),
    role: text().$type<'paraf' | 'sign'>().notNull(),
    state: text().$type<'waiting' | 'pending' | 'initialed' | 'returned' | 'signed'>().notNull(),
    actedBy: uuid(),
    actedByName: text(),
    actedAs: text().$type<AssignmentKind>(),
    actedAt: at(),
    comment: text(),
    pendingSince: at(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.letterId, t.round, t.seq] }),
    foreignKey({
      columns: [t.regionId, t.letterId],
      foreignColumns: [eofficeLetter.regionId, eofficeLetter.id],
    }),
    index('eoffice_review_pending_idx')
      .on(t.regionId, t.positionId, t.pendingSince.desc())
      .where(sql`state = 'pending'`),
  ],
);

/** A disposition: a position forwards a received letter (or a disposition) down with instructions. */
export const eofficeDisposition = tenantTable(
  'eoffice_disposition',
  {
    id: uuid().notNull().defaultRandom(),
    letterId: uuid().notNull(),
    parentId: uuid(),
    fromPositionId: uuid().notNull(),
    toPositionId: uuid().notNull(),
    instructions: text().array().notNull().default(sql`'{}'::text[]`),
    note: text().notNull().default(''),
    dueOn: date({ mode: 'string' }),
    state: text().$type<'open' | 'done'>().notNull().default('open'),
    createdBy: uuid().notNull(),
    createdAt: createdAt(),
    readAt: at(),
    doneAt: at(),
    doneBy: uuid(),
    doneNote: text(),
    /** When the deadline passed and the sender was told; when it went to the sender's superior. */
    overdueAt: at(),
    escalatedAt: at(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.letterId],
      foreignColumns: [eofficeLetter.regionId, eofficeLetter.id],
    }),
    foreignKey({ columns: [t.regionId, t.parentId], foreignColumns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.toPositionId],
      foreignColumns: [eofficePosition.regionId, eofficePosition.id],
    }),
    index('eoffice_disposition_letter_idx').on(t.regionId, t.letterId),
    index('eoffice_disposition_parent_idx').on(t.regionId, t.parentId).where(sql`parent_id is not null`),
    index('eoffice_disposition_inbox_idx').on(t.regionId, t.toPositionId, t.state, t.createdAt.desc()),
    index('eoffice_disposition_due_idx')
      .on(t.regionId, t.dueOn)
      .where(sql`state = 'open' and due_on is not null`),
  ],
);

/** A retention step (move to inactive, destroy, keep permanently) proposed by an archivist; approval carries it out. */
export const eofficeRetention = tenantTable(
  'eoffice_retention',
  {
    id: uuid().notNull().defaultRandom(),
    action: text().$type<'inaktif' | 'musnah' | 'permanen'>().notNull(),
    opdId: uuid(),
    state: text().$type<'proposed' | 'approved' | 'rejected'>().notNull().default('proposed'),
    letterIds: uuid().array().notNull(),
    proposedBy: uuid().notNull(),
    proposedByName: text().notNull(),
    decidedBy: uuid(),
    decidedByName: text(),
    decidedAt: at(),
    note: text().notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.id] })],
);

export const eofficeTables = [
  eofficePosition,
  eofficeAssignment,
  eofficeClassification,
  eofficeSeries,
  eofficeLetter,
  eofficeRecipient,
  eofficeReview,
  eofficeDisposition,
  eofficeRetention,
] as const;
