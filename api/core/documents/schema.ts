import { sql } from 'drizzle-orm';
import { date, index, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from '../db/tenancy';

/**
 * A document a module issues (an AK/1 card, a permit): what the public verification page shows
 * and nothing more. `kind` is one of the issuing module's `documents.kinds`; `subjectId` points at
 * the module's own record (the module keeps the personal data). `code` is the unguessable part of
 * the public check URL (QR). Expired is derived from `validUntil`, never stored.
 */
export const issuedDocument = tenantTable(
  'issued_document',
  {
    id: uuid().notNull().defaultRandom(),
    kind: text().notNull(),
    number: text().notNull(),
    holderName: text().notNull(),
    subjectId: uuid(),
    photoFileId: uuid(),
    /** `suspended` (dibekukan) can return to valid; `revoked` is final. */
    status: text().$type<'valid' | 'suspended' | 'revoked'>().notNull().default('valid'),
    validFrom: date({ mode: 'string' }).notNull(),
    validUntil: date({ mode: 'string' }),
    code: text().notNull(),
    issuedBy: uuid(),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    revokeReason: text(),
    /** The issued PDF (file store) and its SHA-256: the check page tells whether a PDF in hand is it. */
    fileId: uuid(),
    sha256: text(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    uniqueIndex('issued_document_code_uq').on(t.regionId, t.code),
    uniqueIndex('issued_document_number_uq').on(t.regionId, t.kind, t.number),
    index('issued_document_subject_idx')
      .on(t.regionId, t.kind, t.subjectId)
      .where(sql`subject_id is not null`),
  ],
);

/**
 * The region's own signing key for the built-in signature adapter (signing.ts): a self-issued
 * certificate and its key as PKCS#12, made on first use. A certified provider (BSrE) replaces it in
 * production through the adapter; until then documents are signed, hashed and checkable.
 */
export const documentSigningKey = tenantTable(
  'document_signing_key',
  {
    p12: text().notNull(),
    certificatePem: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionId] })],
);

export const documentTables = [issuedDocument, documentSigningKey] as const;
