import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RegionMap } from '../../../core/cache/region-map';

const MAX_ENTRIES_PER_REGION = 500;

const CACHE_CONTROL = (maxAge: number) => `public, max-age=${maxAge}, stale-while-revalidate=300`;
const etagOf = (json: string) => `"${createHash('sha1').update(json).digest('base64url')}"`;
const matches = (req: FastifyRequest, etag: string) =>
  req.headers['if-none-match']?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag) ?? false;

/**
 * Public answers are the same for everyone in a region: cacheable by browsers, the service worker
 * and any CDN for a minute, then revalidated with a strong ETag (a 304 costs no body).
 */
export function sendCacheable(req: FastifyRequest, reply: FastifyReply, body: unknown, maxAge = 60) {
  const etag = etagOf(JSON.stringify(body));
  reply.header('cache-control', CACHE_CONTROL(maxAge)).header('etag', etag);
  if (matches(req, etag)) return reply.code(304).send();
  return reply.send(body);
}

type Entry = { json: string; etag: string; expires: number };
const memo = new RegionMap<Entry>(MAX_ENTRIES_PER_REGION);
/**
 * How long this process reuses a hot public answer (HTTP caches may keep it 60 s anyway).
 * `HARGA_PANGAN_MEMO_MS=0` turns it off (the benchmark measures both).
 */
export const MEMO_MS = Number(process.env.HARGA_PANGAN_MEMO_MS ?? 5_000);

/**
 * The hottest public pages (today, charts) are computed at most once per `MEMO_MS` per process and
 * sent as ready JSON: under load every citizen asks the same question. A verification or import
 * in this process forgets its region at once; other processes follow within `MEMO_MS`, well inside
 * the minute the Cache-Control header already allows.
 */
export async function sendMemoised(
  req: FastifyRequest,
  reply: FastifyReply,
  key: string,
  compute: () => Promise<unknown>,
) {
  const now = Date.now();
  let entry = MEMO_MS > 0 ? memo.get(req.region.id, key) : undefined;
  if (!entry || entry.expires <= now) {
    const since = memo.stamp(req.region.id);
    const json = JSON.stringify(await compute());
    entry = { json, etag: etagOf(json), expires: now + MEMO_MS };
    memo.set(req.region.id, key, entry, since);
  }
  reply.header('cache-control', CACHE_CONTROL(60)).header('etag', entry.etag);
  if (matches(req, entry.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(entry.json);
}

/** Called after prices of the region changed (verification, import). */
export function forgetRegion(regionId: string) {
  memo.forgetRegion(regionId);
}
