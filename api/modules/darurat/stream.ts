import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { forbidden } from '../../core/errors';
import { serveEventStream } from '../../core/events/event-stream';
import type { StoredEvent } from '../../core/events/types';
import { myUnitIds, seesAll } from './access';
import { daruratIncident } from './schema';
import { incidentNotFound } from './views';

/**
 * Who hears which 112 event. The core stream (`/api/live/stream`) filters by one permission per
 * event; 112 needs finer audiences, so it has its own stream on the same EventBus (no extra
 * database work: the bus reads each event once per process). Events carry no caller identity.
 */
async function audienceOf(req: FastifyRequest, incident?: string): Promise<(e: StoredEvent) => boolean> {
  const isDarurat = (e: StoredEvent) => e.module === 'darurat';
  if (seesAll(req)) return isDarurat;
  const userId = req.user!.userId;
  if (incident) {
    // The citizen's own incident (and the incident it is merged into, if any).
    const [own] = await req.inRegion((tx) =>
      tx
        .select({
          id: daruratIncident.id,
          reporterId: daruratIncident.reporterId,
          mergedIntoId: daruratIncident.mergedIntoId,
        })
        .from(daruratIncident)
        .where(eq(daruratIncident.id, incident)),
    );
    if (!own || own.reporterId !== userId) throw incidentNotFound();
    const subjects = new Set([own.id, ...(own.mergedIntoId ? [own.mergedIntoId] : [])]);
    return (e) => {
      if (!isDarurat(e)) return false;
      if (e.type === 'darurat.incident.merged' && e.subject === own.id)
        subjects.add(String(e.data.mergedInto));
      return !!e.subject && subjects.has(e.subject);
    };
  }
  const police = req.permissions.has('darurat:police');
  const units = req.permissions.has('darurat:respond')
    ? new Set(await req.inRegion((tx) => myUnitIds(tx, userId)))
    : new Set<string>();
  if (!police && units.size === 0) throw forbidden();
  return (e) =>
    isDarurat(e) &&
    ((police && e.data.police === true) ||
      ((e.data.unitIds as string[] | undefined) ?? []).some((u) => units.has(u)));
}

type Listener = { regionId: string; accepts: (e: StoredEvent) => boolean; send: (e: StoredEvent) => void };

/**
 * GET /api/m/darurat/stream[?incident=<id>]: Server-Sent Events for the caller's audience.
 * 112 listeners hang on the bus's `onEvent` (called with each event's row before the bus fans it
 * out to its generic subscribers), so a dispatcher's board or a citizen's status page is written
 * to before hundreds of LIVE Room wall streams: an emergency goes first. The hook is registered
 * only while a 112 stream is open in this process (it makes the bus read every event's row then).
 */
export async function streamRoutes(app: FastifyInstance) {
  const listeners = new Set<Listener>();
  let off: (() => void) | null = null;
  const listen = (l: Listener) => {
    listeners.add(l);
    off ??= app.simpul.bus.onEvent((e) => {
      for (const x of listeners) if (x.regionId === e.regionId && x.accepts(e)) x.send(e);
    });
    return () => {
      listeners.delete(l);
      if (listeners.size === 0 && off) {
        off();
        off = null;
      }
    };
  };
  app.get(
    '/stream',
    {
      config: { access: 'user' },
      schema: {
        tags: ['darurat'],
        summary:
          '112 live events (text/event-stream) for the caller: dispatch staff all, police liaison police incidents, a crew its units’, a citizen `?incident=` their own',
        querystring: z.object({
          incident: z.string().uuid().optional(),
          lastEventId: z.coerce.number().int().min(0).optional(),
        }),
      },
    },
    async (req, reply) => {
      const { bus, streams } = app.simpul;
      const regionId = req.region.id;
      const accepts = await audienceOf(req, (req.query as { incident?: string }).incident);
      await serveEventStream(req, reply, streams, {
        accepts,
        subscribe: (send) => listen({ regionId, accepts, send }),
        since: (after) => bus.since(regionId, after),
      });
    },
  );
}
