import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Database, Tx } from './client';
import { platformAudit } from './schema';
import { APP_ROLE, PLATFORM_ROLE } from './tenancy';

export type RegionScope = { regionId: string; userId?: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The statement that confines a transaction to a region: the non-owner app role (row-level
 * security applies to it) and the region and user ids. The ids are written as literals so it can
 * share a round trip with BEGIN or a SELECT; they are checked to be UUIDs first.
 */
function scopeStatement(scope: RegionScope): string {
  const userId = scope.userId ?? '';
  if (!UUID.test(scope.regionId) || (userId !== '' && !UUID.test(userId)))
    throw new Error('region and user ids must be UUIDs');
  return `select set_config('role', '${APP_ROLE}', true), set_config('app.region_id', '${scope.regionId}', true), set_config('app.user_id', '${userId}', true)`;
}

/**
 * Runs `work` in one transaction as the non-owner app role with the region set, so row-level
 * security confines every statement to that region. This is how all request work reaches the
 * database: a write is whole or not at all.
 */
export function inRegion<T>(
  database: Database,
  scope: RegionScope,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (database.raw.pool) return inRegionOnPool(database.raw.pool, scope, work);
  return database.run(() =>
    database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(scopeStatement(scope)));
      return work(tx as Tx);
    }),
  );
}

/**
 * PostgreSQL: BEGIN and the scope in one round trip (a multi-statement simple query), then the
 * work on a drizzle instance bound to that connection, then COMMIT: 3 round trips for a
 * one-query request instead of 4. A connection whose ROLLBACK failed is discarded, not reused.
 */
async function inRegionOnPool<T>(
  pool: pg.Pool,
  scope: RegionScope,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const begin = `begin; ${scopeStatement(scope)}`;
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await work(drizzle(client, { casing: 'snake_case' }) as unknown as Tx);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch((e: Error) => {
      broken = e;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

/** A drizzle query builder, or its SQL built once ahead (`.toSQL()`) for queries that never change. */
type BuiltQuery = { toSQL(): { sql: string; params: unknown[] } } | { sql: string; params: unknown[] };

/**
 * A single SELECT in one round trip, for hot read endpoints. On PostgreSQL the scope and the
 * SELECT go as one simple-protocol query, which PostgreSQL runs as one implicit transaction: the
 * `is_local` settings hold for the SELECT and vanish after it. Parameters are inlined with the
 * driver's literal escaping (strings, numbers, booleans, dates and null only). Rows come back with
 * database column names (snake_case): map them in the caller. PGlite: the usual transaction.
 */
export async function readInRegion<R>(
  database: Database,
  scope: RegionScope,
  query: BuiltQuery,
): Promise<R[]> {
  const { sql: text, params } = 'toSQL' in query ? query.toSQL() : query;
  const pool = database.raw.pool;
  if (!pool) {
    const pglite = database.raw.pglite!;
    return database.run(() =>
      pglite.transaction(async (t) => {
        await t.query(scopeStatement(scope));
        return (await t.query<R>(text, params)).rows;
      }),
    );
  }
  const statement = scopeStatement(scope);
  const client = await pool.connect();
  try {
    const results = (await client.query(
      `${statement}; ${inlineParams(text, params, (v) => client.escapeLiteral(v))}`,
    )) as unknown as {
      rows: R[];
    }[];
    return results[1]!.rows;
  } finally {
    client.release();
  }
}

function inlineParams(text: string, params: unknown[], literal: (v: string) => string): string {
  return text.replace(/\$(\d+)/g, (_, i: string) => {
    const v = params[Number(i) - 1];
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (v instanceof Date) return literal(v.toISOString());
    if (typeof v === 'string') return literal(v);
    throw new Error(`readInRegion cannot inline a parameter of type ${typeof v}`);
  });
}

export type PlatformReason = { actor: string; action: string; reason: string; regionId?: string | null };

/**
 * The one explicit path across regions (onboarding, platform admin views, background workers
 * that fan out over regions). Every use is written to `platform_audit` in the same transaction.
 */
export function asPlatform<T>(
  database: Database,
  why: PlatformReason,
  work: (tx: Tx) => Promise<T>,
  /** `repeatable read`: one snapshot for a long read (a region export sees one moment). */
  isolation?: { isolationLevel: 'repeatable read' },
): Promise<T> {
  return database.run(() =>
    database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', ${PLATFORM_ROLE}, true)`);
      await tx.insert(platformAudit).values({
        actor: why.actor,
        action: why.action,
        reason: why.reason,
        regionId: why.regionId ?? null,
      });
      return work(tx as Tx);
    }, isolation),
  );
}
