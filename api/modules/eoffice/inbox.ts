import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { InboxItem, inboxQuery } from '../../../shared/modules/eoffice';
import { rowsOf, type Tx } from '../../core/db/client';
import { heldOr403, type Viewer } from './access';
import { uuidArray } from './org';

type Row = {
  kind: InboxItem['kind'];
  letter_id: string;
  disposition_id: string | null;
  position_id: string;
  number: string | null;
  subject: string;
  from_name: string;
  type: InboxItem['type'];
  urgency: InboxItem['urgency'];
  confidentiality: InboxItem['confidentiality'];
  at: string;
  due_on: string | null;
  unread: boolean;
};

/**
 * A position's inbox. `todo`: steps of the review chain waiting for it, letters delivered to it
 * and not yet disposed or filed, dispositions to it still open. `done`: what it received and
 * handled. `sent`/`drafts`: letters it drafted. Each branch reads its own partial index from the
 * newest end, so a page costs the same with a hundred letters or a million.
 */
export function inboxSql(v: Viewer, q: z.infer<typeof inboxQuery>): SQL | null {
  const positions = q.positionId ? [heldOr403(v, q.positionId).positionId] : v.held.map((h) => h.positionId);
  if (!positions.length) return null;
  const p = uuidArray(positions);
  const before = q.before ? sql`${q.before}::timestamptz` : sql`'infinity'::timestamptz`;
  const lim = q.limit;
  const head = sql`l.number, l.subject, l.type, l.urgency, l.confidentiality`;
  const fromName = sql`coalesce(l.sender_name, (select fp.title from eoffice_position fp where fp.region_id = l.region_id and fp.id = l.from_position_id), '')`;
  if (q.box === 'todo')
    return sql`
      (select 'review' as kind, l.id as letter_id, null::uuid as disposition_id, r.position_id, ${head},
          ${fromName} as from_name, r.pending_since as at, null::date as due_on, false as unread
        from eoffice_review r join eoffice_letter l on l.region_id = r.region_id and l.id = r.letter_id
        where r.state = 'pending' and r.position_id = any(${p}) and r.pending_since < ${before}
        order by r.pending_since desc limit ${lim})
      union all
      (select 'letter', l.id, null, x.position_id, ${head}, ${fromName}, x.delivered_at, null, x.read_at is null
        from eoffice_recipient x join eoffice_letter l on l.region_id = x.region_id and l.id = x.letter_id
        where x.position_id = any(${p}) and x.delivered_at is not null and x.done_at is null and x.delivered_at < ${before}
        order by x.delivered_at desc limit ${lim})
      union all
      (select 'disposition', l.id, d.id, d.to_position_id, ${head},
          (select fp.title from eoffice_position fp where fp.region_id = d.region_id and fp.id = d.from_position_id),
          d.created_at, d.due_on, d.read_at is null
        from eoffice_disposition d join eoffice_letter l on l.region_id = d.region_id and l.id = d.letter_id
        where d.to_position_id = any(${p}) and d.state = 'open' and d.created_at < ${before}
        order by d.created_at desc limit ${lim})
      order by at desc limit ${lim}`;
  if (q.box === 'done')
    return sql`
      (select 'letter' as kind, l.id as letter_id, null::uuid as disposition_id, x.position_id, ${head},
          ${fromName} as from_name, x.delivered_at as at, null::date as due_on, false as unread
        from eoffice_recipient x join eoffice_letter l on l.region_id = x.region_id and l.id = x.letter_id
        where x.position_id = any(${p}) and x.delivered_at is not null and x.done_at is not null and x.delivered_at < ${before}
        order by x.delivered_at desc limit ${lim})
      union all
      (select 'disposition', l.id, d.id, d.to_position_id, ${head},
          (select fp.title from eoffice_position fp where fp.region_id = d.region_id and fp.id = d.from_position_id),
          d.created_at, d.due_on, false
        from eoffice_disposition d join eoffice_letter l on l.region_id = d.region_id and l.id = d.letter_id
        where d.to_position_id = any(${p}) and d.state = 'done' and d.created_at < ${before}
        order by d.created_at desc limit ${lim})
      order by at desc limit ${lim}`;
  return sql`
      select 'letter' as kind, l.id as letter_id, null::uuid as disposition_id, l.from_position_id as position_id, ${head},
          ${fromName} as from_name, l.updated_at as at, null::date as due_on, false as unread
        from eoffice_letter l
        where l.from_position_id = any(${p}) and l.direction = 'out'
          and l.status = any(${q.box === 'drafts' ? '{draft,returned}' : '{review,signed}'}::text[])
          and l.updated_at < ${before}
        order by l.updated_at desc limit ${lim}`;
}

export async function inbox(tx: Tx, v: Viewer, q: z.infer<typeof inboxQuery>) {
  const query = inboxSql(v, q);
  if (!query) return [];
  const rows = rowsOf<Row>(await tx.execute(query));
  const titles = new Map(v.held.map((h) => [h.positionId, h.title]));
  return rows.map(
    (r): InboxItem => ({
      kind: r.kind,
      letterId: r.letter_id,
      dispositionId: r.disposition_id,
      positionId: r.position_id,
      positionTitle: titles.get(r.position_id) ?? '',
      number: r.number,
      subject: r.subject,
      from: r.from_name,
      type: r.type,
      urgency: r.urgency,
      confidentiality: r.confidentiality,
      at: new Date(r.at).toISOString(),
      dueOn: r.due_on,
      overdue: r.due_on != null && r.due_on < v.today,
      unread: r.unread,
    }),
  );
}

/** How many items wait in each held position's `todo`, for the position switcher. */
export async function openCounts(tx: Tx, v: Viewer) {
  const ids = v.held.map((h) => h.positionId);
  if (!ids.length) return new Map<string, number>();
  const p = uuidArray(ids);
  const rows = rowsOf<{ position_id: string; n: number }>(
    await tx.execute(sql`select position_id, count(*)::int as n from (
        select position_id from eoffice_review where state = 'pending' and position_id = any(${p})
        union all select position_id from eoffice_recipient where delivered_at is not null and done_at is null and position_id = any(${p})
        union all select to_position_id from eoffice_disposition where state = 'open' and to_position_id = any(${p})
      ) x group by position_id`),
  );
  return new Map(rows.map((r) => [r.position_id, Number(r.n)]));
}
