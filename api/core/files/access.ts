import type { FastifyRequest } from 'fastify';
import type { Tx } from '../db/client';
import type { storedFile } from '../db/schema';
import type { SimpulModule } from '../modules/types';

type FileRow = typeof storedFile.$inferSelect;

/** The region's logo (branding.logoFileId) is the one public file: every visitor's page shows it. */
export const isRegionLogo = (req: FastifyRequest, fileId: string) =>
  req.region.branding.logoFileId === fileId;

/**
 * A file is readable by whoever may read the record it belongs to. Each enabled module with a
 * `files` hook says whether the file is one of its attachments and, if so, whether this request
 * may read it; the first module that claims it decides. A file nobody claims (an upload not yet
 * attached) is its uploader's alone. `enabled` is read before the transaction (see ARCHITECTURE).
 */
export async function mayReadFile(
  req: FastifyRequest,
  tx: Tx,
  file: FileRow,
  enabled: readonly SimpulModule[],
): Promise<boolean> {
  if (file.purpose === 'logo' && isRegionLogo(req, file.id)) return true;
  // Modules are asked for signed-out visitors too: a published article's images are public.
  for (const m of enabled) {
    const verdict = await m.files?.canRead({
      req,
      tx,
      file: { id: file.id, ownerId: file.ownerId, purpose: file.purpose },
    });
    if (verdict !== undefined && verdict !== null) return verdict;
  }
  return req.user !== null && file.ownerId === req.user.userId;
}
