import type { Label } from '../../../core/modules/types';

/** Every report state change LAKSA emits (README "Events"); webhooks can subscribe to each. */
export const LAKSA_EVENT_TYPES = [
  'laksa.report.created',
  'laksa.report.verified',
  'laksa.report.disposed',
  'laksa.report.started',
  'laksa.report.returned',
  'laksa.report.rerouted',
  'laksa.report.resolved',
  'laksa.report.rejected',
  'laksa.report.redirected',
  'laksa.report.deferred',
  'laksa.report.resumed',
  'laksa.report.reopened',
  'laksa.report.rated',
  'laksa.report.replied',
  'laksa.report.noted',
  'laksa.report.supported',
  'laksa.report.duplicated',
  'laksa.report.moderated',
  'laksa.report.overdue',
  'laksa.report.escalated',
] as const;
export type LaksaEventType = (typeof LAKSA_EVENT_TYPES)[number];

/** Subscribes a webhook to every type above. */
export const ALL_EVENTS = 'laksa.*';

/** The ping `POST /admin/webhooks/:id/test` sends (also recorded as an event, for the audit log). */
export const WEBHOOK_TEST_EVENT = 'laksa.webhook.test';

/** What the webhook admin routes emit (audit log only; never delivered to webhooks). Add to `emits`. */
export const WEBHOOK_EVENT_TYPES = [
  'laksa.webhook.created',
  'laksa.webhook.updated',
  'laksa.webhook.deleted',
  WEBHOOK_TEST_EVENT,
] as const;

/** The JSON body a receiver gets. No personal data: `data` is the event's wall data as emitted. */
export type WebhookPayload = {
  id: number;
  type: string;
  occurredAt: string;
  region: { code: string; name: string };
  data: Record<string, unknown>;
  summary: Label;
};

/** Builds the payload from explicit fields only: the event's actor (a person) is never copied. */
export function webhookPayload(
  e: { id: number; type: string; createdAt: Date; data: Record<string, unknown>; summary: Label },
  region: { code: string; name: string },
): WebhookPayload {
  return {
    id: e.id,
    type: e.type,
    occurredAt: e.createdAt.toISOString(),
    region: { code: region.code, name: region.name },
    data: e.data,
    summary: { id: e.summary.id, en: e.summary.en },
  };
}

/** Whether a webhook subscribed to `eventTypes` wants an event of `type`. */
export const subscribes = (eventTypes: readonly string[], type: string) =>
  eventTypes.includes(type) || eventTypes.includes(ALL_EVENTS);
