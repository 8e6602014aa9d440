import { and, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../../../core/db/client';
import { regionKeySigner } from '../../../core/documents/signing';
import { notFound } from '../../../core/errors';
import { findFile } from '../../../core/files/upload';
import { manualCashier } from '../payment';
import type { Adapters, Region } from '../review';
import { izinApplication } from '../schema';

/**
 * The adapters in use: the built-in signer (region key) and cashier. A deployment with BSrE and a
 * bank gateway swaps these two for its own implementations of the same interfaces.
 */
export const adapters = (req: FastifyRequest): Adapters => ({
  files: req.server.simpul.files,
  signer: regionKeySigner,
  payment: manualCashier,
});

export const regionOf = (req: FastifyRequest): Region => ({
  id: req.region.id,
  code: req.region.code,
  name: req.region.name,
  timeZone: req.region.timeZone,
});

/** Where the region's pages are, for links printed on documents (QR). */
export const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}${req.basePath}`;

export const tags = ['perizinan'];

/** Whether the user filed this application. */
export async function isApplicant(tx: Tx, id: string, userId: string) {
  const [row] = await tx
    .select({ id: izinApplication.id })
    .from(izinApplication)
    .where(and(eq(izinApplication.id, id), eq(izinApplication.applicantId, userId)));
  return Boolean(row);
}

/** The stored file of an issued (or later suspended/revoked) permit. */
export async function permitFileOf(tx: Tx, id: string) {
  const [row] = await tx
    .select({ fileId: izinApplication.permitFileId })
    .from(izinApplication)
    .where(eq(izinApplication.id, id));
  if (!row?.fileId) throw notFound({ id: 'Izin belum terbit.', en: 'The permit has not been issued.' });
  return row.fileId;
}

/** Sends the permit's stored bytes unchanged (a re-render would not match the issued hash). */
export async function sendPermit(req: FastifyRequest, reply: FastifyReply, fileId: string) {
  const file = await req.inRegion((tx) => findFile(tx, fileId));
  const bytes = file ? await req.server.simpul.files.get(file.storageKey) : null;
  if (!bytes) throw notFound();
  return reply
    .type('application/pdf')
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `inline; filename="izin-${fileId.slice(0, 8)}.pdf"`)
    .send(bytes);
}
