import { is, Param, Placeholder, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Tx } from './client';

/**
 * Runs `text` with `values` in the caller's transaction. On PostgreSQL it is a named prepared
 * statement: each connection parses and plans it once (for hot write paths: event insert, LAKSA
 * intake). PGlite gets the same text unnamed. `text` must use `$1 … $n` once each, in order (as
 * drizzle's `toSQL()` numbers them). Behind PgBouncer in transaction mode this needs PgBouncer
 * 1.21+ with `max_prepared_statements` set.
 */
export async function queryPrepared<Row>(
  tx: Tx,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const client = (tx as { $client?: unknown }).$client;
  if (client instanceof pg.Client) return (await client.query({ name, text, values })).rows as Row[];
  const parts = text.split(/\$\d+/);
  const statement = sql.join(
    parts.map((part, i) => (i < values.length ? sql`${sql.raw(part)}${values[i]}` : sql.raw(part))),
  );
  return ((await tx.execute(statement)) as unknown as { rows: Row[] }).rows;
}

/**
 * A statement built once (drizzle's query builder or `sql` with `sql.placeholder('name')` for the
 * values) and run as `queryPrepared` with the values of each call: no SQL is built per request
 * (drizzle's builder costs more CPU than the round trip on hot paths; bench/laksa profile).
 * Values bind as drizzle binds them: null stays SQL NULL, others go through the column's encoder.
 */
export function prepareStatement<Row>(name: string, query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql: text, params } = query.toSQL();
  return (tx: Tx, values: Record<string, unknown>): Promise<Row[]> =>
    queryPrepared<Row>(tx, name, text, bindPlaceholders(params, values));
}

function bindPlaceholders(params: unknown[], values: Record<string, unknown>) {
  return params.map((x) => {
    if (is(x, Placeholder)) return values[x.name];
    if (is(x, Param) && is(x.value, Placeholder)) {
      const v = values[x.value.name];
      return v === null || v === undefined ? null : x.encoder.mapToDriverValue(v);
    }
    return x;
  });
}

/** `sql` rendered as the app's database handle renders it (snake_case), for `prepareStatement`. */
const dialect = new PgDialect({ casing: 'snake_case' });
export const renderable = (statement: SQL) => ({ toSQL: () => dialect.sqlToQuery(statement) });
