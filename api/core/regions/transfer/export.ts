import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { pack as tarPack } from 'tar-stream';
import { type Database, rowsOf, type Tx } from '../../db/client';
import { asPlatform } from '../../db/scope';
import type { FileStore } from '../../files/store';
import { OnboardingError } from '../onboard';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  type ArchiveEnd,
  BATCH,
  FILE_PREFIX,
  type Manifest,
  schemaVersion,
  tableEntry,
} from './archive';
import { ident, regionTables, type TransferTable } from './tables';

export type ExportSummary = {
  region: Manifest['region'];
  tables: number;
  rows: number;
  files: number;
  fileBytes: number;
  missingFiles: string[];
  ms: number;
};

/** A region's rows of one table, in key order, as a SELECT of their row_to_json text. */
function rowsQuery(table: TransferTable, regionId: string): string {
  const columns = table.columns.map(ident).join(', ');
  const order = (table.key.length > 0 ? table.key : table.columns).map(ident).join(', ');
  return `select row_to_json(r)::text as j from (select ${columns} from ${ident(table.name)}
    where ${ident(table.regionColumn)} = '${regionId}' order by ${order}) r`;
}

/**
 * Writes everything of one region into a portable archive (archive.ts): every tenant table's rows
 * (accounts with their password hashes, settings, modules, each module's data), then its files.
 * One REPEATABLE READ transaction as the platform role, so the archive is one consistent moment
 * while the deployment keeps serving; rows stream through a cursor, BATCH at a time.
 */
export async function exportRegion(
  database: Database,
  files: FileStore,
  code: string,
  output: Writable,
  actor: string,
): Promise<ExportSummary> {
  const started = performance.now();
  const pack = tarPack();
  const piping = pipeline(pack, createGzip(), output);
  const mtime = new Date();
  const add = (name: string, body: Buffer) =>
    new Promise<void>((resolve, reject) =>
      pack.entry({ name, size: body.length, mtime }, body, (err) => (err ? reject(err) : resolve())),
    );
  const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 1));
  try {
    const summary = await asPlatform(
      database,
      { actor, action: 'region.export', reason: `CLI region export ${code}` },
      async (tx) => {
        const tables = await regionTables(tx);
        const manifest = await readManifest(tx, code, tables);
        await add('manifest.json', json(manifest));
        let rows = 0;
        for (const [index, table] of tables.entries())
          rows += await writeTable(tx, table, manifest.region.id, (batch, body) =>
            add(tableEntry(index, table.name, batch), body),
          );
        const stored = rowsOf<{ key: string }>(
          await tx.execute(sql`select storage_key as key from stored_file
            where region_id = ${manifest.region.id} order by storage_key`),
        );
        const missingFiles: string[] = [];
        let fileBytes = 0;
        for (const { key } of stored) {
          const bytes = await files.get(key);
          if (!bytes) missingFiles.push(key);
          else {
            fileBytes += bytes.length;
            await add(FILE_PREFIX + key, bytes);
          }
        }
        const end: ArchiveEnd = { rows, files: stored.length - missingFiles.length, missingFiles };
        await add('end.json', json(end));
        return {
          region: manifest.region,
          tables: tables.length,
          rows,
          files: end.files,
          fileBytes,
          missingFiles,
        };
      },
      { isolationLevel: 'repeatable read' },
    );
    pack.finalize();
    await piping;
    return { ...summary, ms: performance.now() - started };
  } catch (err) {
    pack.destroy(err as Error);
    await piping.catch(() => {});
    throw err;
  }
}

/** The manifest: the region, its domains and each table's columns and row count (same snapshot). */
async function readManifest(tx: Tx, code: string, tables: TransferTable[]): Promise<Manifest> {
  const [found] = rowsOf<{ id: string; code: string; name: string; slug: string }>(
    await tx.execute(sql`select id, code, name, slug from region where code = ${code}`),
  );
  if (!found)
    throw new OnboardingError('NOT_FOUND', {
      id: `Daerah ${code} tidak ada di server ini`,
      en: `Region ${code} is not on this server`,
    });
  const domains = rowsOf<{ domain: string }>(
    await tx.execute(sql`select domain from region_domain where region_id = ${found.id} order by domain`),
  ).map((d) => d.domain);
  const counts = rowsOf<{ name: string; n: number }>(
    await tx.execute(
      sql.raw(
        tables
          .map(
            (t) =>
              `select '${t.name}' as name, count(*)::int as n from ${ident(t.name)} where ${ident(t.regionColumn)} = '${found.id}'`,
          )
          .join(' union all '),
      ),
    ),
  );
  const count = new Map(counts.map((c) => [c.name, c.n]));
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    schema: schemaVersion(),
    exportedAt: new Date().toISOString(),
    region: { ...found, domains },
    tables: tables.map((t) => ({ name: t.name, columns: t.columns, rows: count.get(t.name) ?? 0 })),
    files: count.get('stored_file') ?? 0,
  };
}

/** Streams one table's rows through a cursor into entries of BATCH lines; returns the row count. */
async function writeTable(
  tx: Tx,
  table: TransferTable,
  regionId: string,
  write: (batch: number, body: Buffer) => Promise<void>,
): Promise<number> {
  const cursor = ident(`simpul_export_${table.name}`);
  await tx.execute(sql.raw(`declare ${cursor} no scroll cursor for ${rowsQuery(table, regionId)}`));
  let total = 0;
  for (let batch = 1; ; batch++) {
    const lines = rowsOf<{ j: string }>(await tx.execute(sql.raw(`fetch ${BATCH} from ${cursor}`)));
    if (lines.length === 0) break;
    total += lines.length;
    await write(batch, Buffer.from(`${lines.map((l) => l.j).join('\n')}\n`));
    if (lines.length < BATCH) break;
  }
  await tx.execute(sql.raw(`close ${cursor}`));
  return total;
}
