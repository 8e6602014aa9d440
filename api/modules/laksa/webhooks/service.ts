import { randomBytes } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type webhookDeliveryView, webhookInput, webhookView } from '../../../../shared/modules/laksa';
import type { Tx } from '../../../core/db/client';
import { conflict, notFound } from '../../../core/errors';
import { emitEvent } from '../../../core/events/emit';
import { laksaWebhookDelivery as delivery, laksaWebhook as webhook } from '../schema';
import { ALL_EVENTS, LAKSA_EVENT_TYPES, WEBHOOK_TEST_EVENT, webhookPayload } from './events';
import { regionRef } from './handlers';
import { targetProblem } from './targets';

type Actor = { id: string; name: string };

// ---- contracts (the shared ones, narrowed: known event types or `laksa.*`, safe targets) ----

const url = webhookInput.shape.url.superRefine((u, ctx) => {
  const problem = targetProblem(u);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const eventTypes = z
  .array(z.enum([ALL_EVENTS, ...LAKSA_EVENT_TYPES]))
  .min(1)
  .max(LAKSA_EVENT_TYPES.length + 1)
  .transform((types) => [...new Set(types)])
  .describe(`Exact event types, or "${ALL_EVENTS}" for all`);

export const webhookCreateBody = webhookInput.extend({ url, eventTypes });
export const webhookUpdateBody = z
  .object({
    url,
    description: webhookInput.shape.description.removeDefault(),
    eventTypes,
    active: z.boolean(),
  })
  .partial();
/** The shared view, accepting `laksa.*` among the event types. */
export const webhookAdminView = webhookView.extend({ eventTypes: z.array(z.string()) });

type WebhookRow = typeof webhook.$inferSelect;
type DeliveryRow = typeof delivery.$inferSelect;

/** Shown in full once (on creation); afterwards only `whsec_ab12…`. */
const newSecret = () => `whsec_${randomBytes(24).toString('hex')}`;
export const secretHint = (secret: string) => `${secret.slice(0, 10)}…`;

const toView = (w: WebhookRow, fullSecret = false): z.infer<typeof webhookAdminView> => ({
  id: w.id,
  url: w.url,
  description: w.description,
  eventTypes: w.eventTypes,
  active: w.active,
  secret: fullSecret ? w.secret : secretHint(w.secret),
  createdAt: w.createdAt.toISOString(),
});

export const toDeliveryView = (d: DeliveryRow): z.infer<typeof webhookDeliveryView> => ({
  id: d.id,
  webhookId: d.webhookId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
});

const webhookNotFound = () => notFound({ id: 'Webhook tidak ditemukan.', en: 'Webhook not found.' });
const deliveryNotFound = () =>
  notFound({ id: 'Pengiriman webhook tidak ditemukan.', en: 'Webhook delivery not found.' });

/** Scheme and host only: a URL's path or query may carry a receiver's token (kept out of the audit log). */
const origin = (u: string) => new URL(u).origin;

// ---- use cases ----

export async function listWebhooks(tx: Tx) {
  const rows = await tx.select().from(webhook).orderBy(desc(webhook.createdAt), webhook.id);
  return rows.map((w) => toView(w));
}

async function getWebhook(tx: Tx, id: string) {
  const [row] = await tx.select().from(webhook).where(eq(webhook.id, id));
  if (!row) throw webhookNotFound();
  return row;
}

export async function createWebhook(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof webhookCreateBody>,
) {
  const [row] = await tx
    .insert(webhook)
    .values({ regionId, ...input, secret: newSecret() })
    .returning();
  await emitEvent(tx, regionId, {
    type: 'laksa.webhook.created',
    actor,
    subject: row!.id,
    summary: { id: `Webhook ditambahkan: ${origin(input.url)}`, en: `Webhook added: ${origin(input.url)}` },
    data: { origin: origin(input.url), eventTypes: input.eventTypes, active: input.active },
  });
  return toView(row!, true);
}

export async function updateWebhook(
  tx: Tx,
  regionId: string,
  actor: Actor,
  id: string,
  input: z.infer<typeof webhookUpdateBody>,
) {
  if (Object.keys(input).length === 0) return toView(await getWebhook(tx, id));
  const [row] = await tx.update(webhook).set(input).where(eq(webhook.id, id)).returning();
  if (!row) throw webhookNotFound();
  await emitEvent(tx, regionId, {
    type: 'laksa.webhook.updated',
    actor,
    subject: id,
    summary: { id: `Webhook diubah: ${origin(row.url)}`, en: `Webhook changed: ${origin(row.url)}` },
    data: { origin: origin(row.url), fields: Object.keys(input), active: row.active },
  });
  return toView(row);
}

export async function deleteWebhook(tx: Tx, regionId: string, actor: Actor, id: string) {
  const [row] = await tx.delete(webhook).where(eq(webhook.id, id)).returning();
  if (!row) throw webhookNotFound();
  await emitEvent(tx, regionId, {
    type: 'laksa.webhook.deleted',
    actor,
    subject: id,
    summary: { id: `Webhook dihapus: ${origin(row.url)}`, en: `Webhook removed: ${origin(row.url)}` },
    data: { origin: origin(row.url) },
  });
}

/** The latest 100 deliveries of a webhook (404 for another region's webhook: RLS hides it). */
export async function listDeliveries(tx: Tx, webhookId: string) {
  await getWebhook(tx, webhookId);
  const rows = await tx
    .select()
    .from(delivery)
    .where(eq(delivery.webhookId, webhookId))
    .orderBy(desc(delivery.createdAt), desc(delivery.id))
    .limit(100);
  return rows.map(toDeliveryView);
}

/** Due now, with a fresh retry schedule (attempts back to 0). */
export async function retryDelivery(tx: Tx, id: string) {
  const [row] = await tx
    .update(delivery)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, deliveredAt: null })
    .where(eq(delivery.id, id))
    .returning();
  if (!row) throw deliveryNotFound();
  return toDeliveryView(row);
}

/** Queues a `laksa.webhook.test` ping to this webhook only (recorded as an event, for the audit log). */
export async function testWebhook(tx: Tx, regionId: string, actor: Actor, id: string) {
  const hook = await getWebhook(tx, id);
  if (!hook.active)
    throw conflict({
      id: 'Webhook tidak aktif; aktifkan dulu untuk mengujinya.',
      en: 'The webhook is inactive; activate it to test it.',
    });
  const e = await emitEvent(tx, regionId, {
    type: WEBHOOK_TEST_EVENT,
    actor,
    subject: id,
    summary: { id: 'Uji webhook dari Simpul', en: 'Webhook test from Simpul' },
    data: { webhookId: id, test: true },
  });
  const [row] = await tx
    .insert(delivery)
    .values({
      regionId,
      webhookId: id,
      eventId: e.id,
      eventType: e.type,
      payload: webhookPayload(e, await regionRef(tx, regionId)),
      nextAttemptAt: sql`now()`,
    })
    .returning();
  return toDeliveryView(row!);
}
