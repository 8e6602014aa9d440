import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from '../errors';
import type { EventBus } from '../events/bus';

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
function bearerMatches(req: FastifyRequest, token: string): boolean {
  const given = Buffer.from(String(req.headers.authorization ?? ''));
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Prometheus metrics at /metrics: request latency by route and status, live clients, process stats.
 * Operational data (routes, volumes, memory) is not for the public: /metrics answers only with
 * `Authorization: Bearer $METRICS_TOKEN`, and does not exist at all when no token is configured.
 */
export function registerMetrics(app: FastifyInstance, bus: EventBus, token: string | undefined) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'simpul_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'simpul_http_errors_total',
    help: 'Responses with status >= 500',
    labelNames: ['route'],
    registers: [registry],
  });
  new Gauge({
    name: 'simpul_live_clients',
    help: 'Connected live-stream (SSE) clients in this process',
    registers: [registry],
    collect() {
      this.set(bus.subscriberCount());
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    duration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    if (reply.statusCode >= 500) errors.inc({ route });
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
