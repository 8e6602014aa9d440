import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sseFrame } from './bus';
import type { StoredEvent } from './types';

const HEARTBEAT_MS = 20_000;

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
      const { bus } = app.simpul;
      const header = Number(req.headers['last-event-id']);
      const query = (req.query as { lastEventId?: number }).lastEventId;
      const after = Number.isFinite(header) && header > 0 ? header : query;
      const accepts = mayView(req);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      let lastSent = after ?? 0;
      const write = (e: StoredEvent) => {
        if (e.id <= lastSent) return;
        lastSent = e.id;
        res.write(sseFrame(e));
      };

      // Subscribe before replaying so nothing falls between the two; `write` drops duplicates.
      const pending: StoredEvent[] = [];
      let replaying = after !== undefined;
      const unsubscribe = bus.subscribe({
        regionId: req.region.id,
        accepts,
        send: (e) => (replaying ? pending.push(e) : write(e)),
      });
      res.write(`retry: 2000\n: connected\n\n`);
      if (after !== undefined) {
        for (const e of await bus.since(req.region.id, after)) if (accepts(e)) write(e);
        for (const e of pending.sort((a, b) => a.id - b.id)) write(e);
        replaying = false;
      }
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      req.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
}
