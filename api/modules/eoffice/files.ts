import { sql } from 'drizzle-orm';
import { rowsOf } from '../../core/db/client';
import type { FileReadContext } from '../../core/modules/types';
import { visibleTo } from './access';
import { viewer } from './routes/context';

/**
 * An attachment, scan or signed PDF of a letter is readable by whoever may read the letter
 * (its distribution, the chain above, the archivist for ordinary letters); `null` when the file
 * belongs to no letter.
 */
export async function mayReadLetterFile({ req, tx, file }: FileReadContext): Promise<boolean | null> {
  const letters = rowsOf<{ id: string }>(
    await tx.execute(
      sql`select l.id from eoffice_letter l where l.file_id = ${file.id} or ${file.id}::uuid = any(l.attachment_ids) limit 5`,
    ),
  );
  if (!letters.length) return null;
  if (!req.user) return false;
  const v = await viewer(tx, req);
  const [row] = rowsOf<{ ok: boolean }>(
    await tx.execute(sql`select bool_or(${visibleTo(v)}) as ok from eoffice_letter l
      where l.id = any(${`{${letters.map((l) => l.id).join(',')}}`}::uuid[])`),
  );
  return Boolean(row?.ok);
}
