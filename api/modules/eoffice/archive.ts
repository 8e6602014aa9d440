import { eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { archiveItem, archiveQuery } from '../../../shared/modules/eoffice';
import { rowsOf, type Tx } from '../../core/db/client';
import { opd } from '../../core/db/schema';
import { AppError, forbidden, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { type Viewer, visibleTo } from './access';
import { eofficeRetention } from './schema';

type ArchiveItem = z.infer<typeof archiveItem>;
type Row = {
  id: string;
  direction: 'out' | 'in';
  type: ArchiveItem['type'];
  number: string | null;
  subject: string;
  from_name: string;
  classification_code: string;
  confidentiality: ArchiveItem['confidentiality'];
  dated: string;
  archive_state: ArchiveItem['archiveState'];
  snippet: string | null;
};

const cols = sql`l.id, l.direction, l.type, coalesce(l.number, l.sender_number) as number, l.subject,
  coalesce(l.sender_name, o.short_name) as from_name, l.classification_code, l.confidentiality,
  l.dated::text as dated, l.archive_state`;

const toItem = (r: Row): ArchiveItem => ({
  id: r.id,
  direction: r.direction,
  type: r.type,
  number: r.number,
  subject: r.subject,
  from: r.from_name,
  classificationCode: r.classification_code,
  confidentiality: r.confidentiality,
  date: r.dated,
  archiveState: r.archive_state,
  snippet: r.snippet,
});

async function opdId(tx: Tx, code?: string) {
  if (!code) return null;
  const [row] = await tx.select({ id: opd.id }).from(opd).where(eq(opd.code, code));
  if (!row) throw notFound({ id: `OPD ${code} tidak ditemukan.`, en: `No OPD ${code}.` });
  return row.id;
}

/**
 * A number, or its beginning (`000.1.2/0012` finds `000.1.2/0012/DISKOMINFO/2026`), ours or the
 * sender's: byte-wise prefix ranges, which an index serves under row-level security (LIKE would not).
 */
function numberPrefix(prefix: string) {
  const end = `${prefix}\u{10FFFF}`;
  return sql`((l.number ~>=~ ${prefix} and l.number ~<~ ${end}) or (l.sender_number ~>=~ ${prefix} and l.sender_number ~<~ ${end}))`;
}

/**
 * Archive search over signed and registered letters the viewer may read: words (full text of the
 * number, subject, body and sender, through the search door of migration 0020), number,
 * classification (and its sub-codes), office, dates and direction. Newest first.
 */
export async function searchArchive(tx: Tx, v: Viewer, q: z.infer<typeof archiveQuery>) {
  const rows = rowsOf<Row>(await tx.execute(archiveSql(v, q, await opdId(tx, q.opdCode))));
  return rows.map(toItem);
}

export function archiveSql(v: Viewer, q: z.infer<typeof archiveQuery>, office: string | null): SQL {
  const filters = [
    sql`l.dated is not null`,
    visibleTo(v),
    office ? sql`l.opd_id = ${office}` : undefined,
    q.number ? numberPrefix(q.number) : undefined,
    q.classification
      ? sql`(l.classification_code = ${q.classification} or l.classification_code like ${`${q.classification}.%`})`
      : undefined,
    q.from ? sql`l.dated >= ${q.from}` : undefined,
    q.to ? sql`l.dated <= ${q.to}` : undefined,
    q.direction ? sql`l.direction = ${q.direction}` : undefined,
  ].filter(Boolean);
  const where = sql.join(filters as ReturnType<typeof sql>[], sql` and `);
  const words = q.q?.trim();
  // The door returns the newest k matches; other filters may drop some, so they widen k.
  const narrowed = q.number || q.classification || q.from || q.to || q.direction;
  const k = narrowed ? 2000 : Math.min(2000, (q.offset + q.limit) * 3);
  return words
    ? sql`select ${cols}, ts_headline('simple', l.body_text, websearch_to_tsquery('simple', ${words}),
              'MaxWords=18, MinWords=8, StartSel=«, StopSel=»') as snippet
            from eoffice_search_door(${words}, ${office}, ${k}) m
            join eoffice_letter l on l.id = m.id
            join opd o on o.region_id = l.region_id and o.id = l.opd_id
            where ${where}
            order by m.dated desc nulls last, m.id desc nulls last limit ${q.limit} offset ${q.offset}`
    : sql`select ${cols}, null as snippet from eoffice_letter l
            join opd o on o.region_id = l.region_id and o.id = l.opd_id
            where ${where}
            order by l.dated desc nulls last, l.id desc nulls last limit ${q.limit} offset ${q.offset}`;
}

/** The agenda book of an office for a year: incoming (by agenda number) or outgoing (by number). */
export async function agendaBook(tx: Tx, v: Viewer, book: 'in' | 'out', opdCode: string, year: number) {
  const office = await opdId(tx, opdCode);
  if (v.archive !== 'all' && !v.archive.has(office!)) throw forbidden();
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  if (book === 'in')
    return rowsOf<Record<string, string | null>>(
      await tx.execute(sql`select distinct on (r.agenda_number) r.agenda_number, l.dated::text as received_on, coalesce(l.sender_name, fo.name) as sender,
          coalesce(l.sender_number, l.number) as letter_number, coalesce(l.sender_date, l.dated)::text as letter_date,
          case when l.confidentiality = 'biasa' then l.subject else '(' || l.confidentiality || ')' end as subject,
          l.classification_code, l.urgency, l.confidentiality, p.title as addressed_to,
          (select string_agg(t.title, '; ') from eoffice_disposition d join eoffice_position t on t.region_id = d.region_id and t.id = d.to_position_id
            where d.letter_id = l.id and d.parent_id is null) as disposed_to
        from eoffice_recipient r
        join eoffice_letter l on l.region_id = r.region_id and l.id = r.letter_id
        join eoffice_position p on p.region_id = r.region_id and p.id = r.position_id
        join opd fo on fo.region_id = l.region_id and fo.id = l.opd_id
        where p.opd_id = ${office} and r.agenda_number is not null and l.dated between ${from} and ${to}
        order by r.agenda_number, r.kind desc`),
    );
  return rowsOf<Record<string, string | null>>(
    await tx.execute(sql`select l.number, l.dated::text as signed_on, l.type,
        case when l.confidentiality = 'biasa' then l.subject else '(' || l.confidentiality || ')' end as subject,
        l.classification_code, l.urgency, l.confidentiality, l.signed_by_name as signed_by, l.signed_as,
        (select string_agg(coalesce(p.title, x.external_name), '; ') from eoffice_recipient x
           left join eoffice_position p on p.region_id = x.region_id and p.id = x.position_id
          where x.letter_id = l.id and x.kind <> 'cc') as addressed_to
      from eoffice_letter l
      where l.opd_id = ${office} and l.direction = 'out' and l.status = 'signed' and l.dated between ${from} and ${to}
      order by l.number`),
  );
}

export const agendaColumns = {
  in: [
    'agenda_number',
    'received_on',
    'sender',
    'letter_number',
    'letter_date',
    'subject',
    'classification_code',
    'urgency',
    'confidentiality',
    'addressed_to',
    'disposed_to',
  ],
  out: [
    'number',
    'signed_on',
    'type',
    'subject',
    'classification_code',
    'urgency',
    'confidentiality',
    'signed_by',
    'signed_as',
    'addressed_to',
  ],
} as const;

// ---------- retention ----------

type RetentionAction = 'inaktif' | 'musnah' | 'permanen';

/**
 * What the retention schedule says is due on `today`: active records past their active years move
 * to the inactive archive; inactive ones past both periods are destroyed or kept permanently
 * (dinilai kembali waits for an archivist's review and is listed with musnah). Only letters not
 * already in a proposal still waiting.
 */
function dueQuery(v: Viewer, action: RetentionAction, office: string | null) {
  const scope =
    v.archive === 'all' ? sql`true` : sql`l.opd_id = any(${`{${[...v.archive].join(',')}}`}::uuid[])`;
  const rule =
    action === 'inaktif'
      ? sql`l.archive_state = 'aktif' and l.dated + make_interval(years => c.active_years) < ${v.today}::date`
      : sql`l.archive_state = 'inaktif' and l.dated + make_interval(years => c.active_years + c.inactive_years) < ${v.today}::date
          and c.final ${action === 'permanen' ? sql`= 'permanen'` : sql`<> 'permanen'`}`;
  return sql`from eoffice_letter l
    join eoffice_classification c on c.region_id = l.region_id and c.code = l.classification_code
    join opd o on o.region_id = l.region_id and o.id = l.opd_id
    where l.dated is not null and ${rule} and ${scope} and (${office}::uuid is null or l.opd_id = ${office})
      and not exists (select 1 from eoffice_retention t where t.state = 'proposed' and l.id = any(t.letter_ids))`;
}

export async function retentionDue(tx: Tx, v: Viewer, opdCode?: string) {
  const office = await opdId(tx, opdCode);
  const out: { action: RetentionAction; letters: ArchiveItem[] }[] = [];
  for (const action of ['inaktif', 'musnah', 'permanen'] as const) {
    const rows = rowsOf<Row>(
      await tx.execute(
        sql`select ${cols}, null as snippet ${dueQuery(v, action, office)} order by l.dated limit 500`,
      ),
    );
    out.push({ action, letters: rows.map(toItem) });
  }
  return out;
}

export async function proposeRetention(
  tx: Tx,
  regionId: string,
  v: Viewer,
  action: RetentionAction,
  opdCode?: string,
) {
  const office = await opdId(tx, opdCode);
  const ids = rowsOf<{ id: string }>(
    await tx.execute(sql`select l.id ${dueQuery(v, action, office)} order by l.dated`),
  ).map((r) => r.id);
  if (!ids.length)
    throw new AppError('CONFLICT', {
      messages: { id: 'Tidak ada arsip yang jatuh tempo.', en: 'No record is due.' },
    });
  const [row] = await tx
    .insert(eofficeRetention)
    .values({ regionId, action, opdId: office, letterIds: ids, proposedBy: v.userId, proposedByName: v.name })
    .returning();
  await emitEvent(tx, regionId, {
    type: 'eoffice.retention.proposed',
    actor: { id: v.userId, name: v.name },
    summary: { id: `Usul ${action}: ${ids.length} arsip`, en: `Proposed ${action}: ${ids.length} records` },
    data: { retentionId: row!.id, action, letters: ids.length },
  });
  return row!;
}

/**
 * Approves or rejects a proposal. Someone other than the proposer decides. Approval carries it
 * out on the letters: archive state, and for musnah the content purge (the database trigger keeps
 * the record of what was destroyed). Returns the storage keys whose bytes the caller deletes once
 * the decision has committed. Nothing is destroyed otherwise.
 */
export async function decideRetention(
  tx: Tx,
  regionId: string,
  v: Viewer,
  id: string,
  approve: boolean,
  note: string,
) {
  const [p] = await tx.select().from(eofficeRetention).where(eq(eofficeRetention.id, id));
  if (!p) throw notFound();
  if (p.state !== 'proposed')
    throw new AppError('CONFLICT', {
      messages: { id: 'Usul ini sudah diputuskan.', en: 'This proposal is already decided.' },
    });
  if (p.proposedBy === v.userId)
    throw new AppError('FORBIDDEN', {
      messages: {
        id: 'Usul retensi diputuskan oleh orang lain, bukan pengusulnya.',
        en: 'Someone other than the proposer decides.',
      },
    });
  await tx
    .update(eofficeRetention)
    .set({
      state: approve ? 'approved' : 'rejected',
      decidedBy: v.userId,
      decidedByName: v.name,
      decidedAt: new Date(),
      note,
    })
    .where(eq(eofficeRetention.id, id));
  let purge: string[] = [];
  if (approve) {
    const ids = sql`${`{${p.letterIds.join(',')}}`}::uuid[]`;
    const keys =
      p.action === 'musnah'
        ? rowsOf<{ storage_key: string }>(
            await tx.execute(sql`select f.storage_key from eoffice_letter l
              join stored_file f on f.region_id = l.region_id and (f.id = l.file_id or f.id = any(l.attachment_ids))
              where l.id = any(${ids})`),
          )
        : [];
    await tx.execute(sql`update eoffice_letter set archive_state = ${p.action} where id = any(${ids})`);
    purge = keys.map((k) => k.storage_key);
  }
  await emitEvent(tx, regionId, {
    type: approve ? 'eoffice.retention.approved' : 'eoffice.retention.rejected',
    actor: { id: v.userId, name: v.name },
    summary: {
      id: `Usul ${p.action} (${p.letterIds.length} arsip) ${approve ? 'disetujui' : 'ditolak'}`,
      en: `${p.action} of ${p.letterIds.length} records ${approve ? 'approved' : 'rejected'}`,
    },
    data: { retentionId: id, action: p.action, letters: p.letterIds.length },
  });
  return purge;
}

export async function listProposals(tx: Tx) {
  const rows = rowsOf<{
    id: string;
    action: RetentionAction;
    opd_name: string | null;
    state: 'proposed' | 'approved' | 'rejected';
    letters: number;
    proposed_by_name: string;
    decided_by_name: string | null;
    created_at: string;
    decided_at: string | null;
    note: string;
  }>(
    await tx.execute(sql`select t.id, t.action, o.name as opd_name, t.state, cardinality(t.letter_ids) as letters,
        t.proposed_by_name, t.decided_by_name, t.created_at, t.decided_at, t.note
      from eoffice_retention t left join opd o on o.region_id = t.region_id and o.id = t.opd_id
      order by t.created_at desc limit 100`),
  );
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    opdName: r.opd_name,
    state: r.state,
    letters: Number(r.letters),
    proposedBy: r.proposed_by_name,
    decidedBy: r.decided_by_name,
    createdAt: new Date(r.created_at).toISOString(),
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    note: r.note,
  }));
}
