import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { lockerDocLabels, type lockerInput } from '../../../shared/modules/perizinan';
import type { Tx } from '../../core/db/client';
import { storedFile } from '../../core/db/schema';
import { conflict, invalid, notFound } from '../../core/errors';
import { izinItem, izinLockerItem } from './schema';

/** Locker files are uploaded through POST /api/files/documents with this purpose. */
export const LOCKER_PURPOSE = 'izin-dokumen';

const lockerColumns = {
  id: izinLockerItem.id,
  docType: izinLockerItem.docType,
  label: izinLockerItem.label,
  fileId: izinLockerItem.fileId,
  mime: storedFile.mime,
  bytes: storedFile.bytes,
  documentDate: izinLockerItem.documentDate,
  createdAt: izinLockerItem.createdAt,
};
function lockerQuery(tx: Tx) {
  return tx
    .select(lockerColumns)
    .from(izinLockerItem)
    .innerJoin(
      storedFile,
      and(eq(storedFile.regionId, izinLockerItem.regionId), eq(storedFile.id, izinLockerItem.fileId)),
    );
}

type LockerRow = Awaited<ReturnType<typeof lockerQuery>>[number];
const toView = (r: LockerRow) => ({ ...r, createdAt: r.createdAt.toISOString() });

/** The applicant's document locker, newest first. */
export async function listLocker(tx: Tx, ownerId: string) {
  const rows = await lockerQuery(tx)
    .where(eq(izinLockerItem.ownerId, ownerId))
    .orderBy(desc(izinLockerItem.createdAt));
  return rows.map(toView);
}

export async function lockerItem(tx: Tx, ownerId: string, id: string) {
  const [row] = await lockerQuery(tx).where(
    and(eq(izinLockerItem.id, id), eq(izinLockerItem.ownerId, ownerId)),
  );
  if (!row) throw notFound({ id: 'Dokumen tidak ada di brankas Anda.', en: 'Document not in your locker.' });
  return row;
}

/** Keeps an uploaded file in the locker (the uploader's own, unattached to anything else). */
export async function addToLocker(
  tx: Tx,
  regionId: string,
  ownerId: string,
  input: z.infer<typeof lockerInput>,
) {
  const [file] = await tx.select().from(storedFile).where(eq(storedFile.id, input.fileId));
  if (!file || file.ownerId !== ownerId || file.purpose !== LOCKER_PURPOSE)
    throw invalid({
      id: 'Unggah berkasnya dulu (POST /api/files/documents?purpose=izin-dokumen).',
      en: 'Upload the file first (POST /api/files/documents?purpose=izin-dokumen).',
    });
  const [row] = await tx
    .insert(izinLockerItem)
    .values({ regionId, ownerId, ...input, label: input.label || lockerDocLabels[input.docType].id })
    .returning({ id: izinLockerItem.id });
  return toView(await lockerItem(tx, ownerId, row!.id));
}

/** Removes a document the applicant no longer wants kept; one attached to an application stays. */
export async function removeFromLocker(tx: Tx, ownerId: string, id: string) {
  await lockerItem(tx, ownerId, id);
  const [used] = await tx
    .select({ key: izinItem.key })
    .from(izinItem)
    .where(eq(izinItem.lockerItemId, id))
    .limit(1);
  if (used)
    throw conflict({
      id: 'Dokumen ini dipakai dalam permohonan; tidak bisa dihapus.',
      en: 'This document is attached to an application and cannot be removed.',
    });
  await tx.delete(izinLockerItem).where(eq(izinLockerItem.id, id));
}
