import { type SQL, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../core/db/client';
import { AppError } from '../../core/errors';
import { type Held, heldPositions, uuidArray, withDescendants } from './org';

/** Who is asking, on which day, with what reach. Built once per request (routes/context.ts). */
export type Viewer = {
  userId: string;
  name: string;
  today: string;
  held: Held[];
  /** The held positions and all below them: the chain above sees what is below it. */
  reach: string[];
  /** OPDs whose ordinary (biasa) letters this viewer may read as archivist: 'all' or ids. */
  archive: 'all' | ReadonlySet<string>;
};

export async function viewerOf(
  tx: Tx,
  user: { id: string; name: string },
  today: string,
  archive: Viewer['archive'],
): Promise<Viewer> {
  const held = await heldPositions(tx, user.id, today);
  const reach = await withDescendants(
    tx,
    held.map((h) => h.positionId),
  );
  return { userId: user.id, name: user.name, today, held, reach, archive };
}

/**
 * The positions a letter involves: its drafter, signer, reviewers, recipients and everyone in its
 * dispositions. A viewer whose reach meets one of them may read it.
 */
export function involves(letterId: SQL, reach: readonly string[]): SQL {
  if (reach.length === 0) return sql`false`;
  const r = uuidArray(reach);
  return sql`(
    exists (select 1 from eoffice_letter x where x.id = ${letterId} and (x.from_position_id = any(${r}) or x.signer_position_id = any(${r})))
    or exists (select 1 from eoffice_recipient x where x.letter_id = ${letterId} and x.position_id = any(${r}))
    or exists (select 1 from eoffice_review x where x.letter_id = ${letterId} and x.position_id = any(${r}))
    or exists (select 1 from eoffice_disposition x where x.letter_id = ${letterId} and (x.to_position_id = any(${r}) or x.from_position_id = any(${r}))))`;
}

/**
 * Who may read a letter: anyone it involves (or above them), and — for an ordinary (biasa) letter
 * that is not a draft — the archivist of its OPD. Terbatas and rahasia letters never reach an
 * archivist who is not on them. `l` is the alias of eoffice_letter in the caller's query.
 */
export function visibleTo(v: Viewer, l = sql.raw('l')): SQL {
  const archive =
    v.archive === 'all'
      ? sql`true`
      : v.archive.size
        ? sql`${l}.opd_id = any(${uuidArray([...v.archive])})`
        : sql`false`;
  return sql`(${involves(sql`${l}.id`, v.reach)}
    or (${l}.confidentiality = 'biasa' and ${l}.status in ('signed', 'registered') and ${archive}))`;
}

/** 404 (not 403) for a letter the viewer may not read: its existence is not theirs to learn. */
export async function requireVisible(tx: Tx, v: Viewer, letterId: string) {
  const [row] = rowsOf<{ ok: boolean }>(
    await tx.execute(sql`select ${visibleTo(v)} as ok from eoffice_letter l where l.id = ${letterId}`),
  );
  if (!row?.ok)
    throw new AppError('NOT_FOUND', { messages: { id: 'Naskah tidak ditemukan.', en: 'Letter not found.' } });
}

export function heldOr403(v: Viewer, positionId: string): Held {
  const h = v.held.find((x) => x.positionId === positionId);
  if (!h)
    throw new AppError('FORBIDDEN', {
      messages: {
        id: 'Anda tidak memegang jabatan ini hari ini.',
        en: 'You do not hold this position today.',
      },
    });
  return h;
}
