import { sql } from 'drizzle-orm';
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
