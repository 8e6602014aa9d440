import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import type { FileReadContext } from '../../core/modules/types';
import { mayOpenIncident } from './access';
import { daruratIncident, daruratNote } from './schema';

/**
 * A photo on a 112 note is readable by the caller who reported the incident and by staff who may
 * open the incident (mayOpenIncident); `null` when the file is on no 112 note.
 */
export async function canReadNotePhoto({ req, tx, file }: FileReadContext): Promise<boolean | null> {
  const [note] = await tx
    .select({ incidentId: daruratNote.incidentId, reporterId: daruratIncident.reporterId })
    .from(daruratNote)
    .innerJoin(daruratIncident, eq(daruratIncident.id, daruratNote.incidentId))
    .where(eq(daruratNote.photoId, file.id))
    .limit(1);
  if (!note) return null;
  if (req.user && note.reporterId === req.user.userId) return true;
  try {
    await mayOpenIncident(req, tx, note.incidentId);
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}
