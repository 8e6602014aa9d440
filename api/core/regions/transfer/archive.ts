import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { z } from 'zod';
import { migrationsFolder } from '../../db/migrate';

/**
 * A region archive (`*.simpul`) is a gzip-compressed tar, read and written as a stream so a region
 * of millions of reports never sits in memory:
 *
 *   manifest.json                      what is inside (region, schema, tables and row counts, files)
 *   tables/<nnn>-<table>/<nnnnnn>.jsonl rows as `row_to_json` lines, in load order, ≤ BATCH per entry
 *   files/<storage key>                the bytes of every stored file of the region
 *   end.json                           written last: an archive without it was cut short
 *
 * Rows are PostgreSQL's own JSON of each row (row_to_json) and load back with
 * json_populate_recordset, so every column type (timestamps, uuid[], jsonb, bytea, numbers) round-
 * trips exactly without a per-type mapping in code, on PostgreSQL and PGlite alike.
 */
export const ARCHIVE_FORMAT = 'simpul-region';
export const ARCHIVE_VERSION = 1;
/** Rows per tar entry: one entry is one INSERT on import. */
export const BATCH = 1000;

export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  /** The last migration of the exporting deployment: import needs the same schema. */
  schema: z.string(),
  exportedAt: z.string(),
  region: z.object({
    id: z.string().uuid(),
    code: z.string(),
    name: z.string(),
    slug: z.string(),
    domains: z.array(z.string()),
  }),
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()), rows: z.number().int() })),
  files: z.number().int(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const endSchema = z.object({
  rows: z.number().int(),
  files: z.number().int(),
  /** Stored-file rows whose bytes were not in the file store at export (already lost there). */
  missingFiles: z.array(z.string()),
});
export type ArchiveEnd = z.infer<typeof endSchema>;

export const tableEntry = (index: number, table: string, batch: number) =>
  `tables/${String(index).padStart(3, '0')}-${table}/${String(batch).padStart(6, '0')}.jsonl`;
export const TABLE_ENTRY = /^tables\/\d{3}-([a-z0-9_]+)\/\d{6}\.jsonl$/;
export const FILE_PREFIX = 'files/';

/** The schema this code runs: the tag of the last migration in the one migration stream. */
export function schemaVersion(): string {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.at(-1)!.tag;
}

/**
 * `npm run simpul -- region export … > file` gets npm's two-line banner ("> simpul@… simpul")
 * written into the file before the archive, because npm prints it on stdout. The reader drops
 * text in front of the gzip magic number (at most 4 KB of it) instead of refusing the file.
 */
export function skipLeadingBanner(): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (head === null) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      const at = head.indexOf(Buffer.from([0x1f, 0x8b]));
      if (at === -1 && head.length < 4096) return done();
      const rest = at === -1 ? head : head.subarray(at);
      head = null;
      done(null, rest);
    },
    flush(done) {
      done(null, head && head.length > 0 ? head : undefined);
    },
  });
}
