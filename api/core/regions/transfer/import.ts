import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { type ExtractEvents, extract as tarExtract } from 'tar-stream';

type Entry = ExtractEvents['entry'][1];

import { type Database, rowsOf, type Tx } from '../../db/client';
import { sqlStateOf } from '../../db/errors';
import { asPlatform } from '../../db/scope';
import { assertSafeKey, type FileStore } from '../../files/store';
import {
  type ArchiveEnd,
  endSchema,
  FILE_PREFIX,
  type Manifest,
  manifestSchema,
  schemaVersion,
  skipLeadingBanner,
  TABLE_ENTRY,
} from './archive';
import { ident, regionTables, type TransferTable } from './tables';

type Message = { id: string; en: string };

export type ImportReport = {
  region: Manifest['region'];
  dryRun: boolean;
  /** Why the region cannot be imported here; empty when it can (or did). */
  conflicts: Message[];
  imported: boolean;
  rows: number;
  files: number;
  fileBytes: number;
  ms: number;
};

/** An archive that cannot be read or loaded: nothing was written. */
export class ImportError extends Error {
  constructor(
    readonly messages: Message,
    readonly conflicts: Message[] = [],
  ) {
    super(`${messages.id} / ${messages.en}`);
    this.name = 'ImportError';
  }
}

const bad = (id: string, en: string) =>
  new ImportError({ id: `Arsip tidak valid: ${id}`, en: `Invalid archive: ${en}` });
/** Thrown inside the transaction to roll a dry run back after everything was loaded and checked. */
const DRY_RUN = Symbol('dry run');

/**
 * Loads a region archive (archive.ts) into this deployment, empty or shared, keeping every id.
 * All or nothing: the rows load in one transaction as the platform role; files are written to
 * the store first and removed again if the transaction fails. Refused, with every reason, when
 * the region (its id, code, slug or a domain) is already here or the schemas differ.
 *
 * `dryRun`: reads and checks the whole archive, loads it in a transaction that is rolled back
 * (so conflicts between rows would show too) and writes no file; with a region-level conflict it
 * only verifies the archive and lists the conflicts.
 */
export async function importRegion(
  database: Database,
  files: FileStore,
  input: Readable,
  opts: { dryRun?: boolean; actor: string },
): Promise<ImportReport> {
  const started = performance.now();
  const extract = tarExtract();
  const piping = pipeline(input, skipLeadingBanner(), createGunzip(), extract);
  piping.catch(() => {}); // surfaced through the entry iterator below
  const entries = extract[Symbol.asyncIterator]();
  try {
    const manifest = await readManifest(entries);
    const dryRun = opts.dryRun ?? false;
    const why = {
      actor: opts.actor,
      action: 'region.import',
      reason: `CLI region import ${manifest.region.code}`,
      regionId: manifest.region.id,
    };
    const { tables, conflicts } = await asPlatform(database, why, async (tx) => {
      const tables = await regionTables(tx);
      return { tables, conflicts: await findConflicts(tx, manifest, tables) };
    });
    const report = (loaded: Loaded, imported: boolean): ImportReport => ({
      region: manifest.region,
      dryRun,
      conflicts,
      imported,
      rows: loaded.rows,
      files: loaded.files,
      fileBytes: loaded.fileBytes,
      ms: performance.now() - started,
    });
    if (conflicts.length > 0) {
      if (!dryRun)
        throw new ImportError(
          {
            id: 'Daerah tidak bisa diimpor ke server ini',
            en: 'The region cannot be imported into this server',
          },
          conflicts,
        );
      return report(await load(entries, manifest, null, null), false);
    }
    const written: string[] = [];
    let loaded: Loaded | undefined;
    try {
      await asPlatform(database, why, async (tx) => {
        loaded = await load(entries, manifest, new RowWriter(tx, tables), dryRun ? null : { files, written });
        await moveSequencesPast(tx, tables, manifest.region.id);
        if (dryRun) throw DRY_RUN;
      });
    } catch (err) {
      await Promise.all(written.map((key) => files.delete(key).catch(() => {})));
      if (err !== DRY_RUN) throw err;
    }
    return report(loaded!, !dryRun);
  } finally {
    extract.destroy();
  }
}

type Entries = AsyncIterator<Entry>;
type Loaded = { rows: number; files: number; fileBytes: number };

async function readEntry(entry: Entry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function nextEntry(entries: Entries): Promise<{ name: string; body: Buffer } | null> {
  try {
    const next = await entries.next();
    if (next.done) return null;
    return { name: next.value.header.name, body: await readEntry(next.value) };
  } catch (err) {
    const why = (err as Error).message;
    throw bad(`berkas rusak atau terpotong (${why})`, `damaged or cut short (${why})`);
  }
}

async function readManifest(entries: Entries): Promise<Manifest> {
  const first = await nextEntry(entries);
  if (first?.name !== 'manifest.json') throw bad('bukan arsip daerah Simpul', 'not a Simpul region archive');
  const parsed = manifestSchema.safeParse(safeJson(first.body));
  if (!parsed.success) throw bad('manifest.json tidak sesuai', 'manifest.json does not match its format');
  return parsed.data;
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

/** Everything that stops this region from loading here, each reason in both languages. */
async function findConflicts(tx: Tx, manifest: Manifest, tables: TransferTable[]): Promise<Message[]> {
  const conflicts: Message[] = [];
  const ours = schemaVersion();
  if (manifest.schema !== ours)
    conflicts.push({
      id: `Skema arsip ${manifest.schema}, skema server ini ${ours}: samakan versi Simpul kedua server dulu`,
      en: `The archive's schema is ${manifest.schema}, this server's is ${ours}: run the same Simpul version on both first`,
    });
  else {
    const here = new Map(tables.map((t) => [t.name, t.columns.join(',')]));
    const differ = manifest.tables.filter((t) => here.get(t.name) !== t.columns.join(',')).map((t) => t.name);
    if (differ.length > 0 || here.size !== manifest.tables.length)
      conflicts.push({
        id: `Tabel berbeda dengan server ini: ${differ.join(', ') || 'jumlah tabel'}`,
        en: `Tables differ from this server's: ${differ.join(', ') || 'table count'}`,
      });
  }
  const { id, code, slug, domains } = manifest.region;
  const taken = rowsOf<{ id: string; code: string; slug: string }>(
    await tx.execute(
      sql`select id, code, slug from region where id = ${id} or code = ${code} or slug = ${slug}`,
    ),
  );
  for (const r of taken) {
    if (r.id === id)
      conflicts.push({
        id: `Daerah ${code} (id ${id}) sudah ada di server ini`,
        en: `Region ${code} (id ${id}) is already on this server`,
      });
    else if (r.code === code)
      conflicts.push({
        id: `Kode ${code} sudah dipakai daerah lain`,
        en: `Code ${code} is used by another region`,
      });
    else
      conflicts.push({
        id: `Slug ${slug} sudah dipakai daerah lain`,
        en: `Slug ${slug} is used by another region`,
      });
  }
  if (domains.length > 0) {
    const used = rowsOf<{ domain: string }>(
      await tx.execute(
        sql`select domain from region_domain where region_id <> ${id} and domain in (${sql.join(
          domains.map((d) => sql`${d}`),
          sql`, `,
        )})`,
      ),
    );
    for (const { domain } of used)
      conflicts.push({
        id: `Domain ${domain} sudah dipakai daerah lain`,
        en: `Domain ${domain} is used by another region`,
      });
  }
  return conflicts;
}

/** Inserts one entry's rows, keeping ids (identity columns too); a clash names the table and key. */
class RowWriter {
  private readonly byName: Map<string, TransferTable>;
  constructor(
    private readonly tx: Tx,
    tables: TransferTable[],
  ) {
    this.byName = new Map(tables.map((t) => [t.name, t]));
  }

  async insert(tableName: string, rows: string[]) {
    const table = this.byName.get(tableName)!;
    const columns = table.columns.map(ident).join(', ');
    try {
      await this.tx.execute(sql`insert into ${sql.raw(ident(table.name))} (${sql.raw(columns)}) overriding system value
        select ${sql.raw(columns)} from json_populate_recordset(null::${sql.raw(ident(table.name))}, ${`[${rows.join(',')}]`}::json)`);
    } catch (err) {
      const pg = sqlStateOf(err);
      throw new ImportError({
        id: `Baris ${table.name} tidak bisa dimuat: ${pg?.detail ?? pg?.message ?? (err as Error).message}`,
        en: `Rows of ${table.name} cannot be loaded: ${pg?.detail ?? pg?.message ?? (err as Error).message}`,
      });
    }
  }
}

/**
 * Reads every entry after the manifest: rows (checked to be objects of this region, counted, and
 * inserted when `writer` is given) and files (checked against their stored SHA-256, and put in the
 * store when `store` is given). Ends with the counts checked against the manifest and end.json.
 */
async function load(
  entries: Entries,
  manifest: Manifest,
  writer: RowWriter | null,
  store: { files: FileStore; written: string[] } | null,
): Promise<Loaded> {
  const expected = new Map(manifest.tables.map((t) => [t.name, t.rows]));
  const counted = new Map<string, number>();
  const regionId = manifest.region.id;
  const hashes = new Map<string, string>();
  const loaded: Loaded = { rows: 0, files: 0, fileBytes: 0 };
  let end: ArchiveEnd | null = null;
  for (let entry = await nextEntry(entries); entry; entry = await nextEntry(entries)) {
    if (end) throw bad('ada isi setelah end.json', 'content after end.json');
    const table = TABLE_ENTRY.exec(entry.name)?.[1];
    if (table) {
      if (!expected.has(table))
        throw bad(`tabel ${table} tidak ada di manifest`, `table ${table} is not in the manifest`);
      const lines = entry.body.toString('utf8').split('\n').filter(Boolean);
      const regionColumn = table === 'region' ? 'id' : 'region_id';
      for (const line of lines) {
        const row = safeJson(Buffer.from(line)) as Record<string, unknown> | null;
        if (!row || typeof row !== 'object' || row[regionColumn] !== regionId)
          throw bad(
            `baris ${table} bukan milik daerah ${manifest.region.code}`,
            `a ${table} row is not of region ${manifest.region.code}`,
          );
        if (table === 'stored_file') hashes.set(String(row.storage_key), String(row.sha256));
      }
      await writer?.insert(table, lines);
      counted.set(table, (counted.get(table) ?? 0) + lines.length);
      loaded.rows += lines.length;
    } else if (entry.name.startsWith(FILE_PREFIX)) {
      const key = entry.name.slice(FILE_PREFIX.length);
      const sha = createHash('sha256').update(entry.body).digest('hex');
      if (hashes.get(key) !== sha)
        throw bad(`berkas ${key} tidak cocok dengan datanya`, `file ${key} does not match its record`);
      assertSafeKey(key);
      if (store) {
        store.written.push(key);
        await store.files.put(key, entry.body);
      }
      loaded.files++;
      loaded.fileBytes += entry.body.length;
    } else if (entry.name === 'end.json') {
      const parsed = endSchema.safeParse(safeJson(entry.body));
      if (!parsed.success) throw bad('end.json tidak sesuai', 'end.json does not match its format');
      end = parsed.data;
    } else throw bad(`isi tak dikenal ${entry.name}`, `unknown entry ${entry.name}`);
  }
  if (!end) throw bad('terpotong (end.json tidak ada)', 'cut short (no end.json)');
  const short = [...expected].filter(([t, n]) => (counted.get(t) ?? 0) !== n).map(([t]) => t);
  if (short.length > 0 || end.rows !== loaded.rows || end.files !== loaded.files)
    throw bad(
      `jumlah baris/berkas tidak cocok (${short.join(', ')})`,
      `row or file counts differ (${short.join(', ')})`,
    );
  return loaded;
}

/**
 * Identity columns (event ids, timeline step ids) come from one sequence per table shared by all
 * regions; the imported ids are kept, so the sequence moves past them or the region's next event
 * would clash. The max is read as the platform role (row-level security is forced even on the
 * owner); setval needs the owner, so the role is reset for the rest of this transaction.
 */
async function moveSequencesPast(tx: Tx, tables: TransferTable[], regionId: string) {
  const highest: { table: string; column: string; max: number }[] = [];
  for (const t of tables)
    for (const column of t.identity) {
      const [row] = rowsOf<{ max: string | null }>(
        await tx.execute(
          sql.raw(
            `select max(${ident(column)})::text as max from ${ident(t.name)} where region_id = '${regionId}'`,
          ),
        ),
      );
      if (row?.max) highest.push({ table: t.name, column, max: Number(row.max) });
    }
  await tx.execute(sql`select set_config('role', 'none', true)`);
  for (const h of highest) {
    const [seq] = rowsOf<{ name: string }>(
      await tx.execute(sql`select pg_get_serial_sequence(${ident(h.table)}, ${h.column}) as name`),
    );
    await tx.execute(
      sql.raw(`select setval('${seq!.name}', greatest(${h.max}, last_value)) from ${seq!.name}`),
    );
  }
}
