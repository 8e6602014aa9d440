import { sql } from 'drizzle-orm';
import { rowsOf } from '../../core/db/client';
import type { FileReadContext } from '../../core/modules/types';
import { LOCKER_PURPOSE } from './locker';
import { PERMIT_PURPOSE } from './permit';
import { staffMayRead } from './views';

/**
 * Requirement templates: anyone. Locker documents and issued permits: readable by their owner, and by staff assigned to a step
 * of an application the file is attached to (the reviewer opens the applicant's KTP).
 */
export async function canReadFile({ req, tx, file }: FileReadContext): Promise<boolean | null> {
  // A blank form a requirement offers for download (e.g. the surat pernyataan) is public.
  const template = rowsOf(
    await tx.execute(sql`
      select 1 from izin_type_version
      where definition->'requirements' @> ${JSON.stringify([{ templateFileId: file.id }])}::jsonb limit 1`),
  );
  if (template.length > 0) return true;
  // Locker documents (and so every attachment) and issued permits carry these purposes: any other
  // file is not ours, and its read never scans our tables.
  if (file.purpose !== LOCKER_PURPOSE && file.purpose !== PERMIT_PURPOSE) return null;
  const attached = rowsOf(
    await tx.execute(sql`
      select i.application_id as id from izin_item i where i.file_id = ${file.id}
      union all select a.id from izin_application a where a.permit_file_id = ${file.id}
      limit 20`),
  ) as { id: string }[];
  const inLocker =
    rowsOf(await tx.execute(sql`select 1 from izin_locker_item where file_id = ${file.id} limit 1`)).length >
    0;
  if (attached.length === 0 && !inLocker) return null;
  if (!req.user) return false;
  if (file.ownerId === req.user.userId) return true;
  const monitor = req.permissions.has('perizinan:monitor');
  for (const a of attached) if (await staffMayRead(tx, req.user.userId, a.id, monitor)) return true;
  return false;
}
