import { randomBytes } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
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
/** The shared view, accepting `laksa.*` among the event types, with any secret change-over. */
export const webhookAdminView = webhookView.extend({
  eventTypes: z.array(z.string()),
  previousSecretExpiresAt: z
    .string()
    .nullable()
    .describe('While set (a secret rotation), the previous secret still signs every delivery until then'),
});
export const rotateSecretBody = z.object({
  graceHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 7)
    .default(24)
    .describe('How long the previous secret keeps signing (hours, default 24; 0 ends it at once)'),
});

type WebhookRow = typeof webhook.$inferSelect;
type DeliveryRow = typeof delivery.$inferSelect;

/**
 * Shown in full once (on creation or rotation); afterwards only `whsec_ab12…`. The Standard
 * Webhooks form: `whsec_` and 32 random bytes in base64 (the HMAC key is the decoded bytes).
 */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
export const secretHint = (secret: string) => `${secret.slice(0, 10)}…`;

const toView = (w: WebhookRow, fullSecret = false): z.infer<typeof webhookAdminView> => ({
  id: w.id,
  url: w.url,
  description: w.description,
  eventTypes: w.eventTypes,
  active: w.active,
  secret: fullSecret ? w.secret : secretHint(w.secret),
  createdAt: w.createdAt.toISOString(),
  previousSecretExpiresAt:
    w.previousSecret && w.previousSecretExpiresAt && w.previousSecretExpiresAt > new Date()
      ? w.previousSecretExpiresAt.toISOString()
      : null,
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
  const row = await changeWebhook(tx, regionId, actor, id, input, {
    fields: Object.keys(input),
    summary: (o) => ({ id: `Webhook diubah: ${o}`, en: `Webhook changed: ${o}` }),
  });
  return toView(row);
}

/** Updates one webhook (404 when RLS or deletion hides it) and records `laksa.webhook.updated`. */
async function changeWebhook(
  tx: Tx,
  regionId: string,
  actor: Actor,
  id: string,
  set: PgUpdateSetSource<typeof webhook>,
  what: { fields: string[]; summary: (origin: string) => { id: string; en: string }; data?: object },
) {
  const [row] = await tx.update(webhook).set(set).where(eq(webhook.id, id)).returning();
  if (!row) throw webhookNotFound();
  await emitEvent(tx, regionId, {
    type: 'laksa.webhook.updated',
    actor,
    subject: id,
    summary: what.summary(origin(row.url)),
    data: { origin: origin(row.url), fields: what.fields, ...what.data, active: row.active },
  });
  return row;
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

/**
 * A new signing secret, answered in full this once. The current one becomes the previous secret
 * and keeps signing (a second signature on every delivery) for `graceHours`, so receivers can
 * switch without losing a delivery; a rotation during a change-over drops the oldest secret.
 */
export async function rotateWebhookSecret(
  tx: Tx,
  regionId: string,
  actor: Actor,
  id: string,
  input: z.infer<typeof rotateSecretBody>,
) {
  const set = {
    secret: newSecret(),
    previousSecret: sql`${webhook.secret}`,
    previousSecretExpiresAt: sql`now() + make_interval(hours => ${input.graceHours})`,
  };
  const row = await changeWebhook(tx, regionId, actor, id, set, {
    fields: ['secret'],
    summary: (o) => ({ id: `Rahasia webhook diganti: ${o}`, en: `Webhook secret rotated: ${o}` }),
    data: { graceHours: input.graceHours },
  });
  return toView(row, true);
}

/** Ends a change-over now: only the current secret signs from here on. */
export async function endSecretChangeover(tx: Tx, regionId: string, actor: Actor, id: string) {
  const row = await changeWebhook(
    tx,
    regionId,
    actor,
    id,
    { previousSecret: null, previousSecretExpiresAt: null },
    {
      fields: ['previousSecret'],
      summary: (o) => ({
        id: `Rahasia lama webhook dicabut: ${o}`,
        en: `Previous webhook secret revoked: ${o}`,
      }),
    },
  );
  return toView(row);
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
