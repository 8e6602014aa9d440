import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { serveEventStream } from './event-stream';
import type { StoredEvent } from './types';

/** Whether a signed-in request may see an event: it holds the event's permission. */
const mayView = (req: FastifyRequest) => (e: StoredEvent) => req.permissions.has(e.permission);

/**
 * GET /api/live/stream: Server-Sent Events of the region, filtered by permission. A client that
 * reconnects with Last-Event-ID (EventSource does this itself) first gets what it missed.
 */
export async function liveRoutes(app: FastifyInstance) {
  app.get(
    '/api/live/stream',
    {
      config: { access: 'core:live.watch' },
      schema: {
        tags: ['live'],
        summary: 'Live event stream (text/event-stream); resumable with Last-Event-ID',
        querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
      },
    },
    async (req, reply) => {
      const { bus, streams } = app.simpul;
      const regionId = req.region.id;
      const accepts = mayView(req);
      await serveEventStream(req, reply, streams, {
        accepts,
        subscribe: (send) => bus.subscribe({ regionId, accepts, send }),
        since: (after) => bus.since(regionId, after),
      });
    },
  );
}
