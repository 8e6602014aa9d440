import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { prepareStatement, queryPrepared, renderable } from '../db/prepared';
import { EVENTS_CHANNEL, type NewEvent, type StoredEvent } from './types';

/** Insert and NOTIFY in one statement: one round trip per event. Parameters in order, $1 … $10. */
const EMIT_SQL = `with e as (
    insert into event (region_id, type, module, actor_id, actor_name, subject, summary, data, permission)
    values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)
    returning *)
  select e.*, pg_notify($10, e.region_id || ':' || e.id) from e`;

/**
 * Records a domain event inside the caller's transaction: it is the audit trail, the outbox for
 * module handlers and the live stream's replay source. NOTIFY is transactional, so listeners
 * hear of the event only if (and when) the change it describes commits.
 */
export async function emitEvent(tx: Tx, regionId: string, e: NewEvent): Promise<StoredEvent> {
  // A named prepared statement on PostgreSQL: it runs on every write path.
  const rows = await queryPrepared<RawEvent>(tx, 'simpul_emit_event', EMIT_SQL, eventValues(regionId, e));
  return firstEvent(rows);
}

const EVENT_FIELDS = [
  'regionId',
  'type',
  'module',
  'actorId',
  'actorName',
  'subject',
  'summary',
  'data',
  'permission',
  'channel',
];

/**
 * A change and its event as one statement, built once: one round trip where each write would
 * cost its own. `writes` are data-modifying statements (INSERT/UPDATE … without RETURNING) with
 * `sql.placeholder(…)` values; they run as sibling CTEs of the event insert. Siblings do not see
 * each other's rows, so every write takes its ids from the caller (e.g. a report id made with
 * `randomUUID()`), not from another's RETURNING; foreign keys between them are checked at the end
 * of the statement and hold. A list goes in as one array value, so the text never changes. On
 * PostgreSQL it is the prepared statement `name`. For hot write paths (LAKSA intake, bench:laksa).
 */
export function prepareEventWith(name: string, writes: SQL[]) {
  const [head, ...parts] = EMIT_SQL.replace(/^with /, '').split(/\$\d+/);
  const event = sql.join([
    sql.raw(head!),
    ...parts.map((part, i) => sql`${sql.placeholder(`event.${EVENT_FIELDS[i]}`)}${sql.raw(part)}`),
  ]);
  const ctes = writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w}), `);
  const statement = prepareStatement<RawEvent>(name, renderable(sql`with ${sql.join(ctes)}${event}`));
  return async (
    tx: Tx,
    values: Record<string, unknown>,
    regionId: string,
    e: NewEvent,
  ): Promise<StoredEvent> => {
    const event = eventValues(regionId, e);
    const all = { ...values, ...Object.fromEntries(EVENT_FIELDS.map((f, i) => [`event.${f}`, event[i]])) };
    return firstEvent(await statement(tx, all));
  };
}

function eventValues(regionId: string, e: NewEvent): unknown[] {
  return [
    regionId,
    e.type,
    e.type.split('.')[0] ?? 'core',
    e.actor?.id ?? null,
    e.actor?.name ?? null,
    e.subject ?? null,
    JSON.stringify(e.summary),
    JSON.stringify(e.data ?? {}),
    e.permission ?? 'core:audit.read',
    EVENTS_CHANNEL,
  ];
}

function firstEvent(rows: RawEvent[]): StoredEvent {
  const row = rows[0];
  if (!row) throw new Error('event insert returned nothing');
  return fromEventRow(row);
}

/** An `event` row as the database returns it (snake_case, bigint as text) → StoredEvent. */
export function fromEventRow(row: RawEvent): StoredEvent {
  return {
    id: Number(row.id),
    regionId: row.region_id,
    type: row.type,
    module: row.module,
    actorId: row.actor_id,
    actorName: row.actor_name,
    subject: row.subject,
    summary: row.summary,
    data: row.data,
    permission: row.permission,
    createdAt: new Date(row.created_at),
  };
}

export type RawEvent = {
  id: string | number;
  region_id: string;
  type: string;
  module: string;
  actor_id: string | null;
  actor_name: string | null;
  subject: string | null;
  summary: { id: string; en: string };
  data: Record<string, unknown>;
  permission: string;
  created_at: string | Date;
};
