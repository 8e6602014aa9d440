import type { SQL } from 'drizzle-orm';
import { type Database, rowsOf } from '../db/client';
import { asPlatform } from '../db/scope';

/**
 * The regions a background worker has something to do in, found by ONE query across regions (the
 * platform role, audited) instead of one transaction per region: with 552 regions, sweeping every
 * region every 15–30 s kept a third of a core and ~350 transactions/s busy doing nothing
 * (bench:national). `query` selects a `region_id` column.
 */
export async function regionsWithWork(database: Database, reason: string, query: SQL): Promise<Set<string>> {
  const result = await asPlatform(database, { actor: 'worker', action: 'worker.pending', reason }, (tx) =>
    tx.execute(query),
  );
  return new Set(rowsOf<{ region_id: string }>(result).map((r) => r.region_id));
}
