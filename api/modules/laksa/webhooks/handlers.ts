import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../core/db/client';
import { region } from '../../../core/db/schema';
import type { StoredEvent } from '../../../core/events/types';
import type { EventHandler } from '../../../core/modules/types';
import { laksaWebhook, laksaWebhookDelivery } from '../schema';
import { LAKSA_EVENT_TYPES, subscribes, webhookPayload } from './events';

export { LAKSA_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from './events';

/** The region as receivers see it (`region` rows are readable by every region). */
export async function regionRef(tx: Tx, regionId: string) {
  const [r] = await tx
    .select({ code: region.code, name: region.name })
    .from(region)
    .where(eq(region.id, regionId));
  if (!r) throw new Error(`region ${regionId} not found`);
  return r;
}

type Hook = { id: string; eventTypes: string[] };
// region-safe: keyed by the transaction object, which is confined to one region by RLS.
const hooksOfBatch = new WeakMap<Tx, Promise<Hook[]>>();

/**
 * The region's active webhooks, read once per outbox batch (one transaction) instead of once per
 * event. Safe: every event of a batch committed before the batch was read, so a webhook created
 * after this lookup could not have been owed any of them.
 */
function activeHooks(tx: Tx): Promise<Hook[]> {
  let hooks = hooksOfBatch.get(tx);
  if (!hooks) {
    hooks = tx
      .select({ id: laksaWebhook.id, eventTypes: laksaWebhook.eventTypes })
      .from(laksaWebhook)
      .where(eq(laksaWebhook.active, true))
      .then((rows) => rows);
    hooksOfBatch.set(tx, hooks);
  }
  return hooks;
}

/**
 * Queues one pending delivery per active webhook of the region subscribed to the event's type.
 * Runs from the outbox, at least once per event: the unique (region, webhook, event) makes a
 * second run a no-op. Sending is the delivery task's job (never inside this transaction).
 */
export async function enqueueWebhookDeliveries(tx: Tx, regionId: string, e: StoredEvent): Promise<number> {
  const hooks = await activeHooks(tx);
  const targets = hooks.filter((h) => subscribes(h.eventTypes, e.type));
  if (targets.length === 0) return 0;
  const payload = webhookPayload(e, await regionRef(tx, regionId));
  const rows = await tx
    .insert(laksaWebhookDelivery)
    .values(
      targets.map((h) => ({
        regionId,
        webhookId: h.id,
        eventId: e.id,
        eventType: e.type,
        payload,
        nextAttemptAt: sql`now()`,
      })),
    )
    .onConflictDoNothing({
      target: [laksaWebhookDelivery.regionId, laksaWebhookDelivery.webhookId, laksaWebhookDelivery.eventId],
    })
    .returning({ id: laksaWebhookDelivery.id });
  return rows.length;
}

const enqueue: EventHandler = async ({ tx, regionId }, e) => {
  await enqueueWebhookDeliveries(tx, regionId, e);
};

/** For the manifest's `events.handles`: every LAKSA report event may go out to webhooks. */
export const webhookHandlers: Record<string, EventHandler> = Object.fromEntries(
  LAKSA_EVENT_TYPES.map((type) => [type, enqueue]),
);
