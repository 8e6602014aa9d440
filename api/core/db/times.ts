import { type SQLWrapper, sql } from 'drizzle-orm';

/**
 * A timestamptz as ISO text in UTC to the microsecond, e.g. `2026-12-05T03:00:00.123456Z`.
 * PostgreSQL keeps microseconds and `pg` parses a timestamptz into a millisecond Date: a page
 * cursor (or `before`) made from that Date skips the rows written within the same millisecond
 * before it. Select this for any time a client sends back to page on.
 */
export const isoMicros = (time: SQLWrapper) =>
  sql<string>`to_char(${time} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
