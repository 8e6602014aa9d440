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
    status: text().$type<'valid' | 'revoked'>().notNull().default('valid'),
    validFrom: date({ mode: 'string' }).notNull(),
    validUntil: date({ mode: 'string' }),
    code: text().notNull(),
    issuedBy: uuid(),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    revokeReason: text(),
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

export const documentTables = [issuedDocument] as const;
