import { sql } from 'drizzle-orm';
import type { CallView, DisplayView } from '../../../shared/modules/antrian';
import type { Tx } from '../../core/db/client';
import type { StoredEvent } from '../../core/events/types';
import type { UnitRow } from './setup';

/** Event types that change what a unit's display or a ticket holder's screen shows. */
export const DISPLAY_EVENTS = new Set([
  'antrian.ticket.issued',
  'antrian.ticket.checked_in',
  'antrian.ticket.called',
  'antrian.ticket.recalled',
  'antrian.ticket.started',
  'antrian.ticket.finished',
  'antrian.ticket.no_show',
  'antrian.ticket.cancelled',
  'antrian.ticket.transferred',
]);

const CALLS = new Set(['antrian.ticket.called', 'antrian.ticket.recalled']);

/**
 * One display's share of a busy unit's events. Calls go out at once (the TV speaks them); every
 * other change only tells the screen to reload its counts, so at most one of those goes out per
 * `everyMs`, the latest (a trailing send keeps the last change from being lost). At 50 counters and
 * 200 kiosks a unit makes over a hundred events a second: without this each of 100 displays gets
 * every one (a socket write each), with it one a second.
 */
export function coalesceForDisplay(send: (e: StoredEvent) => void, everyMs = 1000) {
  let last = 0;
  let pending: StoredEvent | null = null;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    if (!pending) return;
    last = Date.now();
    const e = pending;
    pending = null;
    send(e);
  };
  const deliver = (e: StoredEvent) => {
    if (CALLS.has(e.type)) return send(e);
    pending = e;
    const wait = last + everyMs - Date.now();
    if (wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };
  deliver.stop = () => {
    if (timer) clearTimeout(timer);
  };
  return deliver;
}

/** Whether a stored event belongs on one unit's public stream (events carry numbers, never people). */
export const forUnit = (unitId: string) => (e: StoredEvent) =>
  e.module === 'antrian' && DISPLAY_EVENTS.has(e.type) && e.data.unitId === unitId;

/** What the TV shows on load and after a reconnect: today's last calls and people waiting per service. */
export async function displaySnapshot(tx: Tx, unit: UnitRow, day: string): Promise<DisplayView> {
  const calls = (await tx.execute(sql`
    select t.id as "ticketId", t.number, c.name as counter, c.number as "counterNumber", s.name as service,
      t.called_at as at, (t.priority_weight > 0) as priority
    from antrian_ticket t join antrian_counter c on c.id = t.counter_id join antrian_service s on s.id = t.service_id
    where t.unit_id = ${unit.id} and t.day = ${day} and t.called_at is not null
    order by t.called_at desc limit 8`)) as unknown as {
    rows: (Omit<CallView, 'at'> & { at: string | Date })[];
  };
  const waiting = (await tx.execute(sql`
    select s.name as service, s.prefix, count(t.id)::int as count
    from antrian_service s left join antrian_ticket t on t.service_id = s.id and t.status = 'waiting'
    where s.unit_id = ${unit.id} and s.active
    group by s.id, s.name, s.prefix order by s.prefix`)) as unknown as {
    rows: DisplayView['waiting'];
  };
  return {
    unit: { code: unit.code, name: unit.name },
    calls: calls.rows.map((c) => ({ ...c, at: new Date(c.at).toISOString() })),
    waiting: waiting.rows,
  };
}
