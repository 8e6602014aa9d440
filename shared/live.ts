import { z } from 'zod';

/** One domain event as the live stream (SSE) and the audit log show it. */
export const liveEventView = z
  .object({
    id: z.string().describe('Monotonic event id; send it back as Last-Event-ID to resume'),
    type: z.string().describe('module.entity.past-tense, e.g. core.module.enabled'),
    module: z.string(),
    at: z.string(),
    actor: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
    subject: z.string().nullable(),
    summary: z.object({ id: z.string(), en: z.string() }),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'LiveEvent' });
export type LiveEventView = z.infer<typeof liveEventView>;

export const auditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  type: z.string().max(100).optional(),
});
