import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { InboxItem, inboxQuery } from '../../../shared/modules/eoffice';
import { rowsOf, type Tx } from '../../core/db/client';
import { isoMicros } from '../../core/db/times';
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
  const before = q.before ? sql`${q.before}::timestamptz` : sql`'infinity'::timestamptz`;
  const lim = q.limit;
  // One branch per position and kind, each `= position` and `desc nulls last` so its index also
  // gives the order (an `= any(...)` or a bare `desc` would not); only the newest `lim` keys are
  // then joined to their letters.
  const branches: SQL[] = [];
  for (const p of positions) {
    const reviews = sql`(select 'review' as kind, r.letter_id, null::uuid as disposition_id, r.position_id,
        null::uuid as from_position, r.pending_since as at, null::date as due_on, false as unread
      from eoffice_review r where r.state = 'pending' and r.position_id = ${p} and r.pending_since < ${before}
      order by r.pending_since desc nulls last limit ${lim})`;
    // Every branch names its columns: whichever comes first names the union's.
    const received = (
      done: boolean,
    ) => sql`(select 'letter' as kind, x.letter_id, null::uuid as disposition_id,
        x.position_id, null::uuid as from_position, x.delivered_at as at, null::date as due_on,
        ${done ? sql`false` : sql`x.read_at is null`} as unread
      from eoffice_recipient x where x.position_id = ${p} and x.delivered_at is not null
        and x.done_at is ${done ? sql`not null` : sql`null`} and x.delivered_at < ${before}
      order by x.delivered_at desc nulls last limit ${lim})`;
    const disposed = (state: 'open' | 'done') => sql`(select 'disposition' as kind, d.letter_id,
        d.id as disposition_id, d.to_position_id as position_id, d.from_position_id as from_position,
        d.created_at as at, d.due_on, ${state === 'open' ? sql`d.read_at is null` : sql`false`} as unread
      from eoffice_disposition d where d.to_position_id = ${p} and d.state = ${state} and d.created_at < ${before}
      order by d.created_at desc nulls last limit ${lim})`;
    const drafted = (status: string) => sql`(select 'letter' as kind, l.id as letter_id,
        null::uuid as disposition_id, l.from_position_id as position_id, null::uuid as from_position,
        l.updated_at as at, null::date as due_on, false as unread
      from eoffice_letter l where l.from_position_id = ${p} and l.status = ${status} and l.updated_at < ${before}
      order by l.updated_at desc nulls last limit ${lim})`;
    if (q.box === 'todo') branches.push(reviews, received(false), disposed('open'));
    else if (q.box === 'done') branches.push(received(true), disposed('done'));
    else if (q.box === 'drafts') branches.push(drafted('draft'), drafted('returned'));
    else branches.push(drafted('review'), drafted('signed'));
  }
  return sql`with k as (${sql.join(branches, sql` union all `)} order by at desc limit ${lim})
    select k.kind, k.letter_id, k.disposition_id, k.position_id, ${isoMicros(sql`k.at`)} as at, k.due_on, k.unread,
      l.number, l.subject, l.type, l.urgency, l.confidentiality,
      coalesce(l.sender_name, fp.title, '') as from_name
    from k join eoffice_letter l on l.id = k.letter_id
    left join eoffice_position fp on fp.region_id = l.region_id and fp.id = coalesce(k.from_position, l.from_position_id)
    order by k.at desc`;
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
      // To the microsecond: the next page asks for what came `before` this exact time.
      at: r.at,
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
