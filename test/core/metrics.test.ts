import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../api/app';
import { inRegion } from '../../api/core/db/scope';
import { emitEvent } from '../../api/core/events/emit';
import {
  createRegion,
  createTestApp,
  TEST_METRICS_TOKEN,
  type TestApp,
  type TestRegion,
} from '../support/app';

const root = path.resolve(import.meta.dirname, '../..');
/** Debian's `prometheus` package; .ci/run installs it, so in CI these checks never skip. */
const hasPromtool = spawnSync('promtool', ['--version']).status === 0 || process.env.CI === 'true';

/** Every metric Simpul adds, with its type (the process_* and nodejs_* ones come from prom-client). */
const SIMPUL_METRICS = {
  simpul_http_request_duration_seconds: 'histogram',
  simpul_http_errors_total: 'counter',
  simpul_rate_limit_rejections_total: 'counter',
  simpul_db_query_duration_seconds: 'histogram',
  simpul_db_pool_connections_in_use: 'gauge',
  simpul_db_pool_connections_max: 'gauge',
  simpul_db_pool_waiting_requests: 'gauge',
  simpul_db_replica_lag_seconds: 'gauge',
  simpul_db_replica_healthy: 'gauge',
  simpul_db_replica_reads_total: 'counter',
  simpul_live_clients: 'gauge',
  simpul_search_running: 'gauge',
  simpul_search_waiting: 'gauge',
  simpul_search_rejections_total: 'counter',
  simpul_events_fanned_out_total: 'counter',
  simpul_outbox_pending_events: 'gauge',
  simpul_outbox_lag_seconds: 'gauge',
  simpul_task_runs_total: 'counter',
  simpul_webhook_deliveries_total: 'counter',
} as const;

/** `# TYPE` lines of an exposition: metric name → type. */
const typesOf = (text: string) =>
  new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!] as [string, string]));

/** The sample value of a series (exact name and labels as printed), or undefined. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

/**
 * The exposition-format rules promtool's `check metrics` lints, for machines without promtool:
 * every family has HELP and TYPE before its samples, counters end in _total, names are snake
 * case, no family is declared twice, every sample line parses.
 */
function lintExposition(text: string): string[] {
  const problems: string[] = [];
  const help = new Set<string>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta;
      if (kind === 'HELP') {
        if (help.has(name!)) problems.push(`HELP twice: ${name}`);
        if (!rest?.trim()) problems.push(`empty HELP: ${name}`);
        help.add(name!);
      } else {
        if (types.has(name!)) problems.push(`TYPE twice: ${name}`);
        types.set(name!, rest!);
        if ((rest === 'counter') !== name!.endsWith('_total')) problems.push(`_total iff counter: ${name}`);
        if (name !== name!.toLowerCase()) problems.push(`not snake case: ${name}`);
      }
      continue;
    }
    const s = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)( \d+)?$/.exec(line);
    if (!s) {
      problems.push(`unparsable line: ${line}`);
      continue;
    }
    const family = s[1]!.replace(/_(bucket|count|sum)$/, '');
    if (!types.has(s[1]!) && !types.has(family)) problems.push(`sample before its TYPE: ${s[1]}`);
    if (!help.has(s[1]!) && !help.has(family)) problems.push(`sample without HELP: ${s[1]}`);
  }
  return problems;
}

/** Metric names an expression refers to (histogram series mapped to their family). */
const metricsIn = (expr: string) =>
  [...expr.matchAll(/\b(simpul_[a-z0-9_]+)/g)].map((m) => m[1]!.replace(/_(bucket|count|sum)$/, ''));

describe('operator metrics and logs', () => {
  let t: TestApp;
  let region: TestRegion;
  const scrape = async () => {
    const res = await t.app.inject({
      url: '/metrics',
      remoteAddress: '192.0.2.10',
      headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '30' } });
    region = await createRegion(t);
  });
  afterAll(() => t.close());

  it('exposes every simpul_* metric with help text, its type and its unit in the name', async () => {
    await t.app.inject({ url: `${region.path}/api/region`, remoteAddress: '192.0.2.11' });
    const text = await scrape();
    const types = typesOf(text);
    for (const [name, type] of Object.entries(SIMPUL_METRICS)) {
      expect(types.get(name), name).toBe(type);
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
    }
    // Every simpul_* family is in the list above (a new metric is documented here).
    expect([...types.keys()].filter((n) => n.startsWith('simpul_')).sort()).toEqual(
      Object.keys(SIMPUL_METRICS).sort(),
    );
    expect(lintExposition(text)).toEqual([]);
    // Queries were timed on the way; the pool has a size.
    expect(sample(text, 'simpul_db_query_duration_seconds_count')).toBeGreaterThan(0);
    expect(sample(text, 'simpul_db_pool_connections_max')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'simpul_db_pool_connections_in_use')).toBeGreaterThanOrEqual(0);
  });

  it.skipIf(!hasPromtool)('passes `promtool check metrics`', async () => {
    const text = await scrape();
    const run = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`.trim()).toBe('');
    expect(run.status).toBe(0);
  });

  it('reports the outbox depth and the age of its oldest unhandled event', async () => {
    // Background work is off in test apps: the event stays in the outbox.
    await inRegion(t.database, { regionId: region.id }, (tx) =>
      emitEvent(tx, region.id, {
        type: 'core.test.metrics',
        permission: 'core:live.watch',
        summary: { id: 'uji', en: 'test' },
      }),
    );
    const text = await scrape();
    expect(sample(text, 'simpul_outbox_pending_events')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'simpul_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts RATE_LIMITED answers by limiter and route', async () => {
    let limited = 0;
    for (let i = 0; i < 40 && limited === 0; i++) {
      const res = await t.app.inject({ url: '/healthz', remoteAddress: '198.51.100.7' });
      if (res.statusCode === 429) limited++;
    }
    expect(limited).toBe(1);
    const text = await scrape();
    expect(sample(text, 'simpul_rate_limit_rejections_total{limiter="global",route="/healthz"}')).toBe(1);
  });

  it('the Grafana dashboard and the alert rules use only metrics that /metrics exposes', async () => {
    const exposed = new Set(typesOf(await scrape()).keys());
    const dashboard = JSON.parse(
      readFileSync(path.join(root, 'deploy/grafana/simpul-dashboard.json'), 'utf8'),
    );
    const panelExprs: string[] = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) =>
      p.targets.map((x) => x.expr),
    );
    expect(panelExprs.length).toBeGreaterThanOrEqual(10);

    const rules = readFileSync(path.join(root, 'deploy/prometheus/alerts.yml'), 'utf8');
    // A tiny reading of the rule file: each `- alert:` block with its expr (inline or `|` block).
    const blocks = rules.split(/^\s*- alert: /m).slice(1);
    const alerts = blocks.map((b) => {
      const name = b.split('\n')[0]!.trim();
      const inline = /^\s*expr: (?!\|)(.+)$/m.exec(b)?.[1];
      const block = /^(\s*)expr: \|\n((?:\1\s+.*\n)+)/m.exec(b)?.[2];
      return { name, expr: (inline ?? block ?? '').trim(), severity: /severity: (\w+)/.exec(b)?.[1] };
    });
    expect(alerts.map((a) => a.name)).toEqual(
      expect.arrayContaining([
        'SimpulInstanceDown',
        'SimpulHigh5xxRatio',
        'SimpulHighLatencyP95',
        'SimpulOutboxLag',
        'SimpulWebhookFailureRatio',
        'SimpulTaskFailures',
        'SimpulDbPoolSaturated',
      ]),
    );
    for (const a of alerts) {
      expect(a.expr, a.name).not.toBe('');
      expect(a.severity, a.name).toBeDefined();
    }

    const used = new Set([...panelExprs, ...alerts.map((a) => a.expr)].flatMap(metricsIn));
    expect(used.size).toBeGreaterThanOrEqual(10);
    for (const name of used) expect(exposed.has(name), `${name} is not exposed by /metrics`).toBe(true);
  });

  it.skipIf(!hasPromtool)('passes `promtool check rules`', () => {
    const run = spawnSync('promtool', ['check', 'rules', path.join(root, 'deploy/prometheus/alerts.yml')], {
      encoding: 'utf8',
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('logs JSON lines with an ISO 8601 time and the level as a word', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ logger: { ...loggerOptions('info'), stream } });
    app.log.info({ region: '36.71' }, 'hello');
    await app.close();
    const line = JSON.parse(lines.find((l) => l.includes('hello'))!);
    expect(line.level).toBe('info');
    expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(line.region).toBe('36.71');
  });
});
