import { randomBytes } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { issuedDocument } from './schema';

export type IssuedDocument = typeof issuedDocument.$inferSelect;
export type DocumentState = 'valid' | 'expired' | 'suspended' | 'revoked';

/** 16 characters of base64url (96 random bits): the part of the QR link nobody can guess. */
export const newDocumentCode = () => randomBytes(12).toString('base64url');

/** The public check page of a document: `<origin><base path>/cek/<code>`. */
export const checkPath = (code: string) => `/cek/${code}`;

/**
 * Issues a document in the transaction of the decision that grants it. The module keeps the
 * personal data; the document holds only what the public check shows (name, number, kind, validity).
 */
export async function issueDocument(
  tx: Tx,
  regionId: string,
  input: {
    kind: string;
    number: string;
    holderName: string;
    subjectId?: string | null;
    photoFileId?: string | null;
    validFrom: string;
    validUntil?: string | null;
    issuedBy?: string | null;
  },
): Promise<IssuedDocument> {
  const [row] = await tx
    .insert(issuedDocument)
    .values({
      regionId,
      kind: input.kind,
      number: input.number,
      holderName: input.holderName,
      subjectId: input.subjectId ?? null,
      photoFileId: input.photoFileId ?? null,
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? null,
      code: newDocumentCode(),
      issuedBy: input.issuedBy ?? null,
    })
    .returning();
  if (!row) throw new Error('issued_document insert returned nothing');
  return row;
}

/** Revokes a valid document (idempotent for one already revoked: the first reason stays). */
export async function revokeDocument(tx: Tx, id: string, reason: string): Promise<IssuedDocument | null> {
  const [row] = await tx
    .update(issuedDocument)
    .set({ status: 'revoked', revokedAt: new Date(), revokeReason: reason })
    .where(and(eq(issuedDocument.id, id), ne(issuedDocument.status, 'revoked')))
    .returning();
  if (row) return row;
  const [existing] = await tx.select().from(issuedDocument).where(eq(issuedDocument.id, id));
  return existing ?? null;
}

/** Suspends a valid document (dibekukan) or reinstates a suspended one; revoked stays revoked. */
export async function setDocumentSuspended(tx: Tx, id: string, suspended: boolean) {
  const [row] = await tx
    .update(issuedDocument)
    .set({ status: suspended ? 'suspended' : 'valid' })
    .where(and(eq(issuedDocument.id, id), eq(issuedDocument.status, suspended ? 'valid' : 'suspended')))
    .returning();
  return row ?? null;
}

/** Records the issued PDF (after signing) whose hash the public check compares. */
export async function attachDocumentFile(tx: Tx, id: string, file: { fileId: string; sha256: string }) {
  await tx.update(issuedDocument).set(file).where(eq(issuedDocument.id, id));
}

export async function findDocument(tx: Tx, id: string): Promise<IssuedDocument | null> {
  const [row] = await tx.select().from(issuedDocument).where(eq(issuedDocument.id, id));
  return row ?? null;
}

export async function findDocumentByCode(tx: Tx, code: string): Promise<IssuedDocument | null> {
  const [row] = await tx.select().from(issuedDocument).where(eq(issuedDocument.code, code));
  return row ?? null;
}

/** valid / expired (past `validUntil` on `today`, a YYYY-MM-DD in the region's zone) / suspended / revoked. */
export function documentState(
  doc: Pick<IssuedDocument, 'status' | 'validUntil'>,
  today: string,
): DocumentState {
  if (doc.status === 'revoked') return 'revoked';
  if (doc.status === 'suspended') return 'suspended';
  if (doc.validUntil && doc.validUntil < today) return 'expired';
  return 'valid';
}
