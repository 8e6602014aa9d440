import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { event } from '../db/schema';
import { EVENTS_CHANNEL, type NewEvent, type StoredEvent } from './types';

/**
 * Records a domain event inside the caller's transaction: it is the audit trail, the outbox for
 * module handlers and the live stream's replay source. NOTIFY is transactional, so listeners
 * hear of the event only if (and when) the change it describes commits.
 */
export async function emitEvent(tx: Tx, regionId: string, e: NewEvent): Promise<StoredEvent> {
  const [row] = await tx
    .insert(event)
    .values({
      regionId,
      type: e.type,
      module: e.type.split('.')[0] ?? 'core',
      actorId: e.actor?.id ?? null,
      actorName: e.actor?.name ?? null,
      subject: e.subject ?? null,
      summary: e.summary,
      data: e.data ?? {},
      permission: e.permission ?? 'core:audit.read',
    })
    .returning();
  if (!row) throw new Error('event insert returned nothing');
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${`${regionId}:${row.id}`})`);
  return row;
}
