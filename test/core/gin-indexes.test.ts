import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';

const rowsOf = (r: unknown) =>
  ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as Record<string, unknown>[];

/**
 * Every GIN index of the migrated schema has no pending list (api/core/db/indexes.ts `ginIndex`):
 * with PostgreSQL's default every search reads up to 4 MB of unmerged entries, and an insert pays
 * for merging them. A module that writes `index().using('gin', …)` by hand fails here.
 */
describe('GIN indexes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('are all created with fastupdate off', async () => {
    const rows = rowsOf(
      await t.database.db.execute(sql`
        select i.relname as index, coalesce(i.reloptions, '{}') as options
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        join pg_am am on am.oid = i.relam
        join pg_namespace n on n.oid = i.relnamespace
        where am.amname = 'gin' and n.nspname = 'public'
        order by 1`),
    );
    expect(rows.map((r) => r.index)).toEqual(
      expect.arrayContaining([
        'eoffice_letter_search_idx',
        'laksa_report_search_idx',
        'push_subscription_topics_idx',
      ]),
    );
    for (const r of rows)
      expect({
        index: r.index,
        fastupdateOff: (r.options as string[]).some((o) => /^fastupdate=(off|false)$/.test(o)),
      }).toEqual({
        index: r.index,
        fastupdateOff: true,
      });
  });
});
