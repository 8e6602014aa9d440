import { sql } from 'drizzle-orm';
import type { FileReadContext } from '../../core/modules/types';
import { isDisnaker } from './staff';

/**
 * A seeker's photo and CV files: readable by the seeker, by Disnaker staff (AK/1 checks), and by
 * the owner of an employer the seeker has applied to (the CV is part of what an application shares).
 */
export async function canReadFile({ req, tx, file }: FileReadContext): Promise<boolean | null> {
  const rows = (await tx.execute(sql`
    select s.id, s.user_id from siap_kerja_seeker s
    where s.photo_file_id = ${file.id} or ${file.id}::uuid = any(s.cv_file_ids) limit 1`)) as unknown as {
    rows: { id: string; user_id: string }[];
  };
  const seeker = rows.rows[0];
  if (!seeker) return null;
  if (!req.user) return false;
  if (seeker.user_id === req.user.userId) return true;
  // Disnaker only: other OPDs' officers hold `verify` through their role but not Disnaker's records.
  if (req.permissions.has('siap-kerja:verify') && (await isDisnaker(tx, req.user))) return true;
  const applied = (await tx.execute(sql`
    select 1 from siap_kerja_application a
    join siap_kerja_vacancy v on v.region_id = a.region_id and v.id = a.vacancy_id
    join siap_kerja_employer e on e.region_id = v.region_id and e.id = v.employer_id
    where a.seeker_id = ${seeker.id} and e.owner_user_id = ${req.user.userId} and a.status <> 'ditarik' limit 1`)) as unknown as {
    rows: unknown[];
  };
  return applied.rows.length > 0;
}
