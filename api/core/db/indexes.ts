import type { SQL } from 'drizzle-orm';
import { type ExtraConfigColumn, index } from 'drizzle-orm/pg-core';

type IndexedColumn = Partial<ExtraConfigColumn | SQL>;

/**
 * A GIN index (full-text search, arrays) without a pending list (`fastupdate = off`). With
 * PostgreSQL's default, new rows' entries wait in an unsorted list of up to 4 MB that every search
 * reads whole and that one unlucky insert (or autovacuum) merges: after a LAKSA bench run the list
 * held 338 pages, the search door cost up to 2 ms more a call and one merge took 185 ms (bench/README.md).
 * Off, each insert updates the index itself (≈ 0.1 ms more per report): steady searches and no
 * merge stall in a citizen's filing. test/core/gin-indexes.test.ts holds every GIN index to it.
 */
export const ginIndex = (name: string, ...columns: [IndexedColumn, ...IndexedColumn[]]) =>
  index(name)
    .using('gin', ...columns)
    .with({ fastupdate: false });
