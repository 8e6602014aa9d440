import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every Prometheus metric of the process, in one registry (prom-client). Core and modules import
 * the metric objects from here and never reach into each other: the outbox counts nothing of the
 * webhooks, the webhooks nothing of the scheduler. Served at /metrics by core/http/metrics.ts.
 *
 * Gauges read at scrape time (database pool, live clients, outbox depth/lag) ask the
 * `MetricSource`s registered by each running app (one in production; several in tests).
 * Naming: `simpul_` prefix, the unit in the name (`_seconds`), `_total` on counters.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });
// prom-client names three gauges `_total`, which promtool (rightly) flags; their per-type
// siblings (`nodejs_active_handles{type}` …) carry the same numbers.
for (const name of [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
])
  registry.removeSingleMetric(name);

/** What an app tells the registry at scrape time. */
export type MetricSource = {
  pool(): { inUse: number; waiting: number; max: number };
  liveClients(): number;
  /** Full-text searches running and waiting for a slot (core/db/search-slots.ts). */
  searches(): { running: number; waiting: number };
  /** Unhandled outbox events and the age in seconds of the oldest one (one cheap query). */
  outbox(): Promise<{ depth: number; oldestAgeSeconds: number }>;
};
const sources = new Set<MetricSource>();

/** Adds an app's source; returns the function that removes it (on close). */
export function addMetricSource(source: MetricSource): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

const sum = (f: (s: MetricSource) => number) => [...sources].reduce((n, s) => n + f(s), 0);

/** A gauge read at scrape time: `read` of every running app's source, summed. */
function summedGauge(name: string, help: string, read: (s: MetricSource) => number) {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(sum(read));
    },
  });
}

// ---- HTTP ----

export const httpRequestDuration = new Histogram({
  name: 'simpul_http_request_duration_seconds',
  help: 'HTTP request duration in seconds, by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const httpErrors = new Counter({
  name: 'simpul_http_errors_total',
  help: 'Responses with status >= 500, by route',
  labelNames: ['route'] as const,
  registers: [registry],
});

/**
 * Requests refused with RATE_LIMITED, by limiter (`global`: @fastify/rate-limit; `sign_in`: the
 * sign-in and code limits of core/auth; `stream`: the live-stream caps) and route.
 */
export const rateLimitRejections = new Counter({
  name: 'simpul_rate_limit_rejections_total',
  help: 'Requests refused with RATE_LIMITED, by limiter and route',
  labelNames: ['limiter', 'route'] as const,
  registers: [registry],
});

// ---- database ----

export const dbQueryDuration = new Histogram({
  name: 'simpul_db_query_duration_seconds',
  help: 'Duration in seconds of each SQL statement sent to the database (queueing included)',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

summedGauge(
  'simpul_db_pool_connections_in_use',
  'Database connections checked out of the pool (PGlite: 1 while a unit of work runs)',
  (s) => s.pool().inUse,
);

summedGauge(
  'simpul_db_pool_connections_max',
  'Size limit of the database pool (PGlite: 1)',
  (s) => s.pool().max,
);

summedGauge(
  'simpul_db_pool_waiting_requests',
  'Callers waiting for a database connection (PGlite: units of work queued)',
  (s) => s.pool().waiting,
);

/**
 * Read replicas (DATABASE_REPLICA_URL): each one's replay lag as last measured, whether public
 * reads use it (answering and within REPLICA_MAX_LAG_SECONDS), and where the reads that may go to
 * a replica were served. Set by the lag timer of api/core/db/replicas.ts and by readInRegion.
 */
export const dbReplicaLag = new Gauge({
  name: 'simpul_db_replica_lag_seconds',
  help: 'Replay lag of each read replica in seconds, as last measured (absent while it does not answer)',
  labelNames: ['replica'] as const,
  registers: [registry],
});

export const dbReplicaHealthy = new Gauge({
  name: 'simpul_db_replica_healthy',
  help: 'Whether public reads use the replica (1: answering and within REPLICA_MAX_LAG_SECONDS; 0: skipped)',
  labelNames: ['replica'] as const,
  registers: [registry],
});

export const dbReplicaReads = new Counter({
  name: 'simpul_db_replica_reads_total',
  help: 'Reads that may go to a read replica, by where they were served (replica or primary)',
  labelNames: ['target'] as const,
  registers: [registry],
});

/**
 * Full-text searches take turns on a few slots per process (SEARCH_CONCURRENCY): how many run, how
 * many wait, and how many were refused with a full queue (SEARCH_QUEUE). Waiting searches all the
 * time mean the slots are too few for the database's cores, or the searches too many.
 */
summedGauge(
  'simpul_search_running',
  'Full-text searches running on the database in this process (at most SEARCH_CONCURRENCY)',
  (s) => s.searches().running,
);

summedGauge(
  'simpul_search_waiting',
  'Full-text searches waiting for a slot in this process',
  (s) => s.searches().waiting,
);

export const searchRejections = new Counter({
  name: 'simpul_search_rejections_total',
  help: 'Full-text searches answered 503 because SEARCH_QUEUE searches were already waiting',
  registers: [registry],
});

// ---- events ----

summedGauge('simpul_live_clients', 'Connected live-stream (SSE) clients in this process', (s) =>
  s.liveClients(),
);

export const eventsFannedOut = new Counter({
  name: 'simpul_events_fanned_out_total',
  help: 'Events handed to live-stream subscribers (one per subscriber that received it)',
  registers: [registry],
});

/** One read of every source per scrape, shared by the two outbox gauges (cached for a second). */
let outboxRead: { at: number; value: Promise<{ depth: number; lag: number }> } | null = null;
function readOutbox() {
  if (outboxRead && Date.now() - outboxRead.at < 1000) return outboxRead.value;
  const value = (async () => {
    let depth = 0;
    let lag = 0;
    for (const s of sources) {
      const o = await s.outbox().catch(() => ({ depth: 0, oldestAgeSeconds: 0 }));
      depth += o.depth;
      lag = Math.max(lag, o.oldestAgeSeconds);
    }
    return { depth, lag };
  })();
  outboxRead = { at: Date.now(), value };
  return value;
}

new Gauge({
  name: 'simpul_outbox_pending_events',
  help: 'Outbox events not yet handled by module handlers',
  registers: [registry],
  async collect() {
    this.set((await readOutbox()).depth);
  },
});
new Gauge({
  name: 'simpul_outbox_lag_seconds',
  help: 'Age in seconds of the oldest unhandled outbox event (0 when none)',
  registers: [registry],
  async collect() {
    this.set((await readOutbox()).lag);
  },
});

// ---- background work ----

export const taskRuns = new Counter({
  name: 'simpul_task_runs_total',
  help: 'Scheduled-task runs, by task and outcome (ok or failed)',
  labelNames: ['task', 'outcome'] as const,
  registers: [registry],
});

export const webhookDeliveries = new Counter({
  name: 'simpul_webhook_deliveries_total',
  help: 'Webhook delivery attempts, by outcome (delivered, retrying, failed: gave up)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});
