/**
 * Records what the app sends to PostgreSQL, so the bench compares like with like without a
 * hand-copied SQL script that would drift from the code:
 *   - the intake transaction: `inRegion` + `fileReport` (api/modules/laksa/intake.ts), run once per
 *     region in a transaction that is rolled back; pgbench.ts replays these statements;
 *   - the round trips one `POST /reports` makes through the whole app (buildApp in this process,
 *     app.inject, background work off): how much more than the intake transaction the route does;
 *   - the SQL `listInbox` runs, for EXPLAIN ANALYZE as the app role.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { buildApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { WorkingCalendar } from '../../api/core/calendar/working-days';
import { type Database, openDatabase } from '../../api/core/db/client';
import { inRegion } from '../../api/core/db/scope';
import type { StaffAccess } from '../../api/modules/laksa/access';
import { listInbox } from '../../api/modules/laksa/inbox';
import { fileReport } from '../../api/modules/laksa/intake';
import { laksaSettings, type ReportInput, reportInput } from '../../shared/modules/laksa';
import { describe, prng, type Rng, WEIGHTED_CATEGORY_CODES } from './data';
import type { FixtureRegion, LaksaFixture } from './fixture';
import { withClient } from './util';

/** One round trip: the text, its parameters as drizzle handed them to the driver, the first row. */
export type Call = {
  text: string;
  values: unknown[];
  /** Column name → value of the first row, when exactly one row came back (RETURNING). */
  row: Record<string, unknown> | null;
  /** Sent in the same round trip as the next call. */
  withNext?: boolean;
};

/** core/db/scope.ts OpeningQuery, as far as the recorder sees it. */
type OpeningQuery = {
  opening?: () => string;
  text: string;
  values: unknown[];
  callback: (err: Error | null, result: unknown) => void;
};

export type IntakeSample = {
  region: FixtureRegion;
  /** The statements of the intake transaction in order, BEGIN + scope first, without the rollback. */
  calls: Call[];
  input: ReportInput & { categoryId: string };
  key: string;
  ticket: string;
  reportId: string;
};

export type Recording = {
  samples: IntakeSample[];
  /** Round trips and transactions of one POST /reports through the app (warm caches). */
  route: { trips: number; transactions: number; texts: string[] };
  /** The inbox's SELECTs (first page, queue=all), with and without `q`: a search's index door, then the page. */
  inboxSql: (q?: string) => Promise<{ text: string; values: unknown[] }[]>;
};

class Rollback extends Error {}

/** Every `client.query` of the pool's connections is recorded while `on()` says so. */
function recordPool(database: Database, on: () => boolean, calls: Call[]) {
  const pool = database.raw.pool;
  if (!pool) throw new Error('the LAKSA bench needs PostgreSQL');
  pool.on('connect', (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as { query: unknown }).query = async (...args: unknown[]) => {
      const opening = args[0] as OpeningQuery;
      const openingText = typeof opening?.opening === 'function' ? opening.opening() : null;
      if (openingText) {
        // A transaction's first statement with BEGIN and the scope ahead of it (core inRegion): one
        // round trip, recorded as the simple query it replaces, then the statement.
        const done = opening.callback;
        opening.callback = (err, result) => {
          if (!err && on())
            calls.push(
              { text: openingText, values: [], row: null, withNext: true },
              ...toCalls([{ text: opening.text, values: opening.values }], result),
            );
          done(err, result);
        };
        return query(...args);
      }
      const result = await query(...args);
      if (on()) calls.push(...toCalls(args, result));
      return result;
    };
  });
}

type Res = { rows: unknown[]; fields?: { name: string }[]; rowCount: number | null };

function toCalls(args: unknown[], result: unknown): Call[] {
  const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
  const text = typeof config === 'string' ? config : config.text;
  const params = (typeof config === 'string' ? undefined : config.values) ?? values ?? [];
  const last = (Array.isArray(result) ? result[result.length - 1] : result) as Res;
  let row: Record<string, unknown> | null = null;
  if (last?.rows?.length === 1 && last.fields) {
    const first = last.rows[0] as unknown[] | Record<string, unknown>;
    row = Object.fromEntries(
      last.fields.map((f, i) => [f.name, Array.isArray(first) ? first[i] : first[f.name]] as const),
    );
  }
  return [{ text, values: params, row }];
}

/** A report body like a citizen of `region` sends (the HTTP intake uses the same generator). */
export function reportBody(rng: Rng, region: FixtureRegion): ReportInput & { categoryId: string } {
  const code = rng.pick(WEIGHTED_CATEGORY_CODES);
  const category = region.categories.find((c) => c.code === code) ?? region.categories[0]!;
  const area = rng.pick(region.areas);
  const { description, address } = describe(rng, category.code, area.name);
  const spread = region.spec.spread;
  return {
    type: rng.next() < 0.8 ? 'pengaduan' : rng.next() < 0.6 ? 'aspirasi' : 'informasi',
    categoryId: category.id,
    description,
    lat: round6(region.spec.lat + (rng.next() * 2 - 1) * spread),
    lng: round6(region.spec.lng + (rng.next() * 2 - 1) * spread),
    areaCode: area.code,
    address,
    anonymous: false,
    confidential: false,
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Each region's LAKSA settings, as the app reads them. */
export function laksaSettingsByRegion(databaseUrl: string) {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query<{ region_id: string; settings: unknown }>(
      `select region_id, settings from region_module where module_id = 'laksa'`,
    );
    return new Map(rows.map((r) => [r.region_id, laksaSettings.parse(r.settings)]));
  });
}

export async function recordApp(
  fx: LaksaFixture,
  runId: string,
): Promise<Recording & { close(): Promise<void> }> {
  const calls: Call[] = [];
  let recording = false;
  const database = await openDatabase({ databaseUrl: fx.databaseUrl, poolSize: 2 });
  recordPool(database, () => recording, calls);
  const record = async <T>(work: () => Promise<T>): Promise<{ result: T | undefined; calls: Call[] }> => {
    calls.length = 0;
    recording = true;
    let result: T | undefined;
    try {
      result = await work();
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    } finally {
      recording = false;
    }
    return { result, calls: [...calls] };
  };

  try {
    // 1. The intake transaction, once per region, rolled back.
    const settings = await laksaSettingsByRegion(fx.databaseUrl);
    const rng = prng(7);
    const samples: IntakeSample[] = [];
    // The first region twice: a connection's first filing parses the intake statements, and BEGIN
    // travels apart then (core inRegion); the recording is of a warm connection, as in the run.
    for (const [i, region] of [fx.regions[0]!, ...fx.regions].entries()) {
      const input = reportBody(rng, region);
      const key = `bench-sample-${runId}-${region.code}`;
      let filed: { id: string; ticket: string } | undefined;
      const { calls: tx } = await record(() =>
        inRegion(database, { regionId: region.id, userId: region.citizen.id }, async (t) => {
          filed = await fileReport(
            t,
            {
              regionId: region.id,
              regionCode: region.code,
              settings: settings.get(region.id)!,
              // Built ahead: its holiday query (cached 60 s by the app) is not part of intake.
              calendar: new WorkingCalendar({ timeZone: 'WIB', extraHolidays: [] }),
            },
            reportInput.parse(input),
            { reporterId: region.citizen.id, source: 'app', idempotencyKey: key },
          );
          throw new Rollback();
        }),
      );
      if (!filed) throw new Error(`intake sample in ${region.code} filed nothing`);
      if (i === 0) continue;
      const statements = tx.filter((c) => !/^rollback$/i.test(c.text.trim()));
      samples.push({ region, calls: statements, input, key, ticket: filed.ticket, reportId: filed.id });
    }

    // 2. One POST /reports through the app, caches warm (session, module states, calendar).
    const app = await buildApp({
      config: loadConfig({
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: fx.databaseUrl,
        SESSION_SECRET: 'bench-session-secret-0123456789abcdef-0123456789',
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_MINUTE: '100000000',
      }),
      database,
      background: false,
      logger: false,
    });
    const region = fx.regions[0]!;
    const post = (n: number) =>
      app.inject({
        method: 'POST',
        url: `/r/${region.slug}/api/m/laksa/reports`,
        headers: { ...region.citizen.headers, 'idempotency-key': `bench-route-${runId}-${n}` },
        payload: reportBody(rng, region),
      });
    const warm = await post(1);
    if (warm.statusCode !== 201) throw new Error(`POST /reports answered ${warm.statusCode}: ${warm.body}`);
    const { calls: routeCalls } = await record(async () => {
      const res = await post(2);
      if (res.statusCode !== 201) throw new Error(`POST /reports answered ${res.statusCode}: ${res.body}`);
    });

    // 3. The inbox SELECT, as listInbox builds it for an operator.
    const operator: StaffAccess = {
      userId: region.operator.id,
      readAll: true,
      verify: true,
      handle: false,
      police: false,
      moderate: true,
      opdIds: [],
    };
    const inboxSql = async (q?: string) => {
      const { calls: c } = await record(() =>
        inRegion(database, { regionId: region.id, userId: region.operator.id }, async (t) => {
          await listInbox(t, operator, { queue: 'all', limit: 50, q }, 'WIB');
          throw new Rollback();
        }),
      );
      const selects = c.filter((x) => /^select/i.test(x.text) && /laksa_(report|search)/.test(x.text));
      if (!selects.length) throw new Error('listInbox ran no SELECT');
      return selects.map((x) => ({ text: x.text, values: x.values }));
    };

    return {
      samples,
      route: {
        trips: routeCalls.filter((c) => !c.withNext).length,
        transactions: routeCalls.filter((c) => /^begin/i.test(c.text.trim())).length,
        texts: routeCalls.map((c) => c.text),
      },
      inboxSql,
      close: () => closeAll(app, database),
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

async function closeAll(app: FastifyInstance, database: Database) {
  await app.close();
  await database.close();
}
