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

/**
 * One point on the LIVE Room wall map (an open LAKSA report, a 112 incident, a market alert …).
 * Modules return their open items from the manifest's `wall.mapItems`, and keep the map current
 * live by putting `data.wall = { upsert: item }` or `{ remove: key }` in the events they emit.
 * Never personal data: no reporter, caller or phone.
 */
export const wallMapItem = z
  .object({
    /** Unique across modules: `<module>:<id>`. */
    key: z.string(),
    module: z.string(),
    /** What it is, e.g. `laksa.report`, `emergency.incident`. */
    kind: z.string(),
    label: z.object({ id: z.string(), en: z.string() }),
    /** The item's state in its module's words, e.g. `menunggu_verifikasi`, `dispatched`. */
    state: z.string(),
    /** Marker colour: danger = emergency / P1, warn = overdue or waiting, info = in progress, ok = done. */
    tone: z.enum(['info', 'warn', 'danger', 'ok']),
    lat: z.number(),
    lng: z.number(),
    /** Last change, ISO 8601. */
    at: z.string(),
  })
  .meta({ id: 'WallMapItem' });
export type WallMapItem = z.infer<typeof wallMapItem>;

/** What an event's `data.wall` may hold to move the wall map live. */
export type WallMapChange = { upsert: WallMapItem } | { remove: string };
