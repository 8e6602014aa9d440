import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Public answers are the same for everyone in a region: cacheable by browsers, the service worker
 * and any CDN for a minute, then revalidated with a strong ETag (a 304 costs no body).
 */
export function sendCacheable(req: FastifyRequest, reply: FastifyReply, body: unknown, maxAge = 60) {
  const etag = `"${createHash('sha1').update(JSON.stringify(body)).digest('base64url')}"`;
  reply.header('cache-control', `public, max-age=${maxAge}, stale-while-revalidate=300`).header('etag', etag);
  const sent = req.headers['if-none-match'];
  if (sent?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
  return reply.send(body);
}
