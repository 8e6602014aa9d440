import { and, desc, eq, lt } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { event } from '../db/schema';
import { toLiveView } from '../events/bus';

/**
 * The audit log page: newest first, paged by event id. Holders of `core:audit.read` (region
 * admins, leadership) read every event of their region; an event's own `permission` only
 * governs who sees it on the live stream.
 */
export async function listAudit(tx: Tx, q: { before?: number; limit: number; type?: string }) {
  const filters = [];
  if (q.before) filters.push(lt(event.id, q.before));
  if (q.type) filters.push(eq(event.type, q.type));
  const rows = await tx
    .select()
    .from(event)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(event.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(toLiveView),
    nextBefore: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
