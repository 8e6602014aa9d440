import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../../core/db/client';
import { storedFile } from '../../core/db/schema';
import { staffAccess, staffRelation } from './access';
import { mustFind } from './routes/context';
import { laksaReportPhoto } from './schema';
import { isPublic } from './views';

export type PhotoAccess =
  | { readable: true; public: boolean; storageKey: string; mime: string }
  | { readable: false }
  | null;

/**
 * Who may see a report photo: anyone for a public report (unless hidden by a moderator), the
 * reporter (unless hidden), and staff who may open the report. `null`: not a LAKSA photo. Used by
 * /api/m/laksa/photos/:fileId and, through the manifest's `files` hook, by /api/files/:id.
 */
export async function photoAccess(req: FastifyRequest, tx: Tx, fileId: string): Promise<PhotoAccess> {
  const [photo] = await tx
    .select({
      reportId: laksaReportPhoto.reportId,
      hiddenAt: laksaReportPhoto.hiddenAt,
      storageKey: storedFile.storageKey,
      mime: storedFile.mime,
    })
    .from(laksaReportPhoto)
    .innerJoin(
      storedFile,
      and(eq(storedFile.regionId, laksaReportPhoto.regionId), eq(storedFile.id, laksaReportPhoto.fileId)),
    )
    .where(eq(laksaReportPhoto.fileId, fileId))
    .limit(1);
  if (!photo) return null;
  const found = { readable: true as const, storageKey: photo.storageKey, mime: photo.mime };
  const report = await mustFind(tx, { id: photo.reportId });
  if (isPublic(report) && !photo.hiddenAt) return { ...found, public: true };
  if (req.user && report.reporterId === req.user.userId && !photo.hiddenAt)
    return { ...found, public: false };
  if (req.user && (await staffRelation(tx, staffAccess(req), report)).canSee)
    return { ...found, public: false };
  return { readable: false };
}
