import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/client';
import type { SearchSlots } from '../db/search-slots';
import { AppError } from '../errors';
import type { EventBus } from '../events/bus';
import {
  addMetricSource,
  httpErrors,
  httpRequestDuration,
  type MetricSource,
  rateLimitRejections,
  registry,
} from '../metrics';

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
function bearerMatches(req: FastifyRequest, token: string): boolean {
  const given = Buffer.from(String(req.headers.authorization ?? ''));
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * What /metrics reads of this app at scrape time. The outbox query runs as the owner over every
 * region (it returns two numbers, no region data) on the partial index of unhandled events.
 */
export function appMetricSource(database: Database, bus: EventBus, searches: SearchSlots): MetricSource {
  return {
    pool: () => database.poolStats(),
    liveClients: () => bus.subscriberCount(),
    searches: () => searches.load,
    async outbox() {
      const result = await database.run(() =>
        database.db.execute(
          sql`select count(*)::int as depth, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age from event where handled_at is null`,
        ),
      );
      const rows = ((result as unknown as { rows?: unknown[] }).rows ?? result) as {
        depth: number;
        age: number;
      }[];
      return { depth: Number(rows[0]?.depth ?? 0), oldestAgeSeconds: Math.max(0, Number(rows[0]?.age ?? 0)) };
    },
  };
}

/**
 * Prometheus metrics at /metrics (the objects live in core/metrics.ts): request latency by route
 * and status, 5xx, rate-limit rejections, database pool and query time, outbox depth and lag,
 * live clients, webhook deliveries, scheduled tasks, process stats.
 * Operational data (routes, volumes, memory) is not for the public: /metrics answers only with
 * `Authorization: Bearer $METRICS_TOKEN`, and does not exist at all when no token is configured.
 */
export function registerMetrics(app: FastifyInstance, source: MetricSource, token: string | undefined) {
  const remove = addMetricSource(source);
  app.addHook('onClose', async () => {
    remove();
  });

  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    httpRequestDuration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    if (reply.statusCode >= 500) httpErrors.inc({ route });
    done();
  });
  app.get('/metrics', { config: { access: 'none' }, schema: { hide: true } }, async (req, reply) => {
    if (!token) throw new AppError('NOT_FOUND');
    if (!bearerMatches(req, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError('UNAUTHENTICATED');
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

/**
 * Counts a RATE_LIMITED answer. `limiter` is `global` for @fastify/rate-limit (app.ts marks its
 * error); else it follows from the route: `stream` (the live-stream caps), `sign_in` (core/auth's
 * sign-in, code and reset limits), a module's id (its own limits, e.g. `laksa`), or `other`.
 */
export function countRateLimited(req: FastifyRequest, limiter?: string) {
  const route = req.routeOptions.url ?? 'unmatched';
  rateLimitRejections.inc({ limiter: limiter ?? limiterOf(route), route });
}

function limiterOf(route: string): string {
  if (/\/stream$/.test(route)) return 'stream';
  if (route.startsWith('/api/auth/')) return 'sign_in';
  return /^\/api\/m\/([\w-]+)\//.exec(route)?.[1] ?? 'other';
}
