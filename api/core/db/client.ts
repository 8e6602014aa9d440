import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lockPgliteDir } from './lock';

export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export type Listener = (payload: string) => void;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /**
   * Runs database work under the embedded-mode concurrency cap. PGlite is one connection that
   * serves queries out of order and stalls under many concurrent callers, so work is queued
   * FIFO, one at a time; on PostgreSQL the pool does the limiting and this is a pass-through.
   */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** LISTEN on a channel; returns an unsubscribe function. */
  listen(channel: string, onNotify: Listener): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** The raw pool (PostgreSQL) or PGlite instance, for the few places that need it. */
  raw: { pool?: pg.Pool; pglite?: PGlite };
}

export type OpenOptions = { databaseUrl?: string; dataDir?: string; poolSize?: number; pglite?: PGlite };

/** PostgreSQL when a URL is given, else embedded PGlite with its data under `dataDir`. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  if (opts.pglite || !opts.dataDir) return openPglite(opts.pglite ?? (await createPglite()));
  const release = lockPgliteDir(opts.dataDir, process.argv[1] ?? 'simpul');
  try {
    const database = openPglite(await createPglite(opts.dataDir));
    const close = database.close;
    database.close = () => close().finally(release);
    return database;
  } catch (err) {
    release();
    throw err;
  }
}

export async function createPglite(dataDir?: string, loadDataDir?: Blob | File): Promise<PGlite> {
  if (dataDir) mkdirSync(path.dirname(dataDir), { recursive: true });
  // btree_gin: LAKSA's (region_id, tsvector) search index (migration 0002).
  const extensions = { btree_gin };
  return PGlite.create(
    dataDir ? `file://${dataDir}` : undefined,
    loadDataDir ? { loadDataDir, extensions } : { extensions },
  );
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    run: (work) => work(),
    async listen(channel, onNotify) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (n) => n.channel === channel && onNotify(n.payload ?? ''));
      client.on('error', () => {});
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    close: () => pool.end(),
    raw: { pool },
  };
}

function openPglite(pglite: PGlite): Database {
  const db = drizzlePglite(pglite, { casing: 'snake_case' }) as unknown as Db;
  let tail: Promise<unknown> = Promise.resolve();
  return {
    kind: 'pglite',
    db,
    run<T>(work: () => Promise<T>): Promise<T> {
      const result = tail.then(work, work);
      tail = result.catch(() => {});
      return result;
    },
    async listen(channel, onNotify) {
      return pglite.listen(channel, onNotify);
    },
    close: () => pglite.close(),
    raw: { pglite },
  };
}
