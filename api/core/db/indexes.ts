import type { SQL } from 'drizzle-orm';
import { type ExtraConfigColumn, index } from 'drizzle-orm/pg-core';

type IndexedColumn = Partial<ExtraConfigColumn | SQL>;

/**
 * A GIN index (full-text search, arrays) without a pending list (`fastupdate = off`). With
 * PostgreSQL's default, new rows' entries wait in an unsorted list of up to 4 MB that every search
 * reads whole and that one unlucky insert (or autovacuum) merges: after a LAKSA load the list held
 * 338 pages, and the search door cost 6.50 ms a call instead of 4.87 (bench/README.md, LAKSA).
 * Off, each insert updates the index itself (≈ 0.1 ms more per report): steady searches and no
 * merge stall in a citizen's filing. test/core/gin-indexes.test.ts holds every GIN index to it.
 */
export const ginIndex = (name: string, ...columns: [IndexedColumn, ...IndexedColumn[]]) =>
  index(name)
    .using('gin', ...columns)
    .with({ fastupdate: false });
