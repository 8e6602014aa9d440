import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { webhookDeliveryView } from '../../../../shared/modules/laksa';
import {
  createWebhook,
  deleteWebhook,
  endSecretChangeover,
  listDeliveries,
  listWebhooks,
  retryDelivery,
  rotateSecretBody,
  rotateWebhookSecret,
  testWebhook,
  updateWebhook,
  webhookAdminView,
  webhookCreateBody,
  webhookUpdateBody,
} from './service';

const tags = ['laksa-admin'];
const access = 'laksa:manage' as const;
const idParams = z.object({ id: z.string().uuid() });

/** Outbound webhooks of the region. Registered under /api/m/laksa/admin. */
export async function webhookAdminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/webhooks',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Webhooks of the region (secrets shortened)',
        response: { 200: z.array(webhookAdminView) },
      },
    },
    (req) => req.inRegion((tx) => listWebhooks(tx)),
  );

  r.post(
    '/webhooks',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Add a webhook; the answer carries its signing secret, shown this once',
        body: webhookCreateBody,
        response: { 201: webhookAdminView },
      },
    },
    async (req, reply) => {
      const created = await req.inRegion((tx) => createWebhook(tx, req.region.id, req.actor(), req.body));
      return reply.code(201).send(created);
    },
  );

  r.patch(
    '/webhooks/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change a webhook (URL, description, event types, active)',
        params: idParams,
        body: webhookUpdateBody,
        response: { 200: webhookAdminView },
      },
    },
    (req) => req.inRegion((tx) => updateWebhook(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );

  r.delete(
    '/webhooks/:id',
    {
      config: { access },
      schema: { tags, summary: 'Remove a webhook and its deliveries', params: idParams },
    },
    async (req, reply) => {
      await req.inRegion((tx) => deleteWebhook(tx, req.region.id, req.actor(), req.params.id));
      return reply.code(204).send();
    },
  );

  r.post(
    '/webhooks/:id/rotate-secret',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Rotate the signing secret; the answer carries the new one, shown this once',
        description:
          'The previous secret keeps signing every delivery (a second signature in `webhook-signature` and `X-Simpul-Signature`) for `graceHours`, so receivers switch without losing a delivery. End it early with DELETE …/previous-secret.',
        params: idParams,
        body: rotateSecretBody,
        response: { 200: webhookAdminView },
      },
    },
    (req) =>
      req.inRegion((tx) => rotateWebhookSecret(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );

  r.delete(
    '/webhooks/:id/previous-secret',
    {
      config: { access },
      schema: {
        tags,
        summary: 'End a secret change-over: only the current secret signs from now on',
        params: idParams,
        response: { 200: webhookAdminView },
      },
    },
    (req) => req.inRegion((tx) => endSecretChangeover(tx, req.region.id, req.actor(), req.params.id)),
  );

  r.get(
    '/webhooks/:id/deliveries',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The latest 100 deliveries of a webhook',
        params: idParams,
        response: { 200: z.array(webhookDeliveryView) },
      },
    },
    (req) => req.inRegion((tx) => listDeliveries(tx, req.params.id)),
  );

  r.post(
    '/webhooks/deliveries/:id/retry',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Send a delivery again now (with a fresh retry schedule)',
        params: idParams,
        response: { 200: webhookDeliveryView },
      },
    },
    (req) => req.inRegion((tx) => retryDelivery(tx, req.params.id)),
  );

  r.post(
    '/webhooks/:id/test',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Queue a laksa.webhook.test ping to this webhook',
        params: idParams,
        response: { 202: webhookDeliveryView },
      },
    },
    async (req, reply) => {
      const queued = await req.inRegion((tx) => testWebhook(tx, req.region.id, req.actor(), req.params.id));
      return reply.code(202).send(queued);
    },
  );
}
