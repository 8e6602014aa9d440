import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { dbQueryDuration } from '../metrics';
import { lockPgliteDir } from './lock';
import { openReplicas, type Replica, type ReplicaOptions } from './replicas';

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
  /** Connections in use, callers waiting and the pool size (PGlite: units of work running/queued, 1). */
  poolStats(): { inUse: number; waiting: number; max: number };
  /**
   * A read replica that public reads may use now (healthy, round robin), or undefined: the primary
   * answers. Only readInRegion asks (api/core/db/scope.ts). PGlite and no replicas: undefined.
   */
  replica(): Replica | undefined;
  /** Takes a replica out of use until its next lag check succeeds (a read on it could not connect). */
  replicaFailed(replica: Replica): void;
  /** The raw pool (PostgreSQL) or PGlite instance, for the few places that need it. */
  raw: { pool?: pg.Pool; pglite?: PGlite; replicas?: Replica[] };
}

export type OpenOptions = {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  pglite?: PGlite;
  /** Hot standbys of `databaseUrl` for the anonymous public reads (DATABASE_REPLICA_URL); PostgreSQL only. */
  replicas?: ReplicaOptions;
  /** PGlite: how long to wait for another process holding the folder to exit (see lockPgliteDir). */
  lock?: { waitMs?: number; onWait?: (pid: number) => void };
};

/** PostgreSQL when a URL is given, else embedded PGlite with its data under `dataDir`. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.replicas);
  if (opts.pglite || !opts.dataDir) return openPglite(opts.pglite ?? (await createPglite()));
  const release = await lockPgliteDir(opts.dataDir, process.argv[1] ?? 'simpul', opts.lock);
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

function openPostgres(url: string, max: number, replicaOptions?: ReplicaOptions): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    // A connection that dies while checked out emits 'error' on its client: without a listener
    // that would crash the process. The query in flight fails on its own and the pool drops it.
    client.on('error', () => {});
    // Every statement (pool.query, transactions) goes through a client's query: time it there.
    timeQueries(client);
  });
  const db = drizzlePg(pool, { casing: 'snake_case' }) as unknown as Db;
  const replicas = replicaOptions?.urls.length
    ? openReplicas({ poolSize: max, ...replicaOptions }, (client) => timeQueries(client))
    : undefined;
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
    close: async () => {
      await replicas?.close();
      await pool.end();
    },
    poolStats: () => ({ inUse: pool.totalCount - pool.idleCount, waiting: pool.waitingCount, max }),
    replica: () => replicas?.pick(),
    replicaFailed: (r) => replicas?.fail(r),
    raw: { pool, replicas: replicas?.replicas },
  };
}

function openPglite(pglite: PGlite): Database {
  timePgliteQueries(pglite);
  const db = drizzlePglite(pglite, { casing: 'snake_case' }) as unknown as Db;
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  return {
    kind: 'pglite',
    db,
    run<T>(work: () => Promise<T>): Promise<T> {
      queued++;
      const result = tail.then(work, work).finally(() => queued--);
      tail = result.catch(() => {});
      return result;
    },
    poolStats: () => ({ inUse: Math.min(queued, 1), waiting: Math.max(queued - 1, 0), max: 1 }),
    async listen(channel, onNotify) {
      return pglite.listen(channel, onNotify);
    },
    close: () => pglite.close(),
    replica: () => undefined,
    replicaFailed: () => {},
    raw: { pglite },
  };
}

// ---- query timing (simpul_db_query_duration_seconds) ----

const timed = Symbol('simpul.timed');
type AnyFn = (...args: unknown[]) => unknown;

/**
 * Wraps a query function so each call is observed in the query-duration histogram. Handles the
 * callback form (pg's pool.query passes one) and the promise form; a submittable (cursor) is not
 * timed. The returned value is the original one, untouched.
 */
function timedQuery(query: AnyFn): AnyFn {
  return function (this: unknown, ...args: unknown[]) {
    const stop = dbQueryDuration.startTimer();
    const end = () => {
      stop();
    };
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...results: unknown[]) => {
        end();
        return (callback as AnyFn)(...results);
      };
      return query.apply(this, args);
    }
    const result = query.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(end, end);
    return result;
  };
}

function timeQueries(client: pg.PoolClient) {
  const c = client as unknown as { query: AnyFn; [timed]?: true };
  if (c[timed]) return;
  c[timed] = true;
  c.query = timedQuery(c.query);
}

/** PGlite: its own query and exec, and those of the object a transaction hands out. */
function timePgliteQueries(pglite: PGlite) {
  const p = pglite as unknown as { query: AnyFn; exec: AnyFn; transaction: AnyFn; [timed]?: true };
  if (p[timed]) return;
  p[timed] = true;
  p.query = timedQuery(p.query);
  p.exec = timedQuery(p.exec);
  const transaction = p.transaction;
  p.transaction = function (this: unknown, work: unknown) {
    return transaction.call(this, (tx: { query: AnyFn; exec: AnyFn }) => {
      tx.query = timedQuery(tx.query);
      tx.exec = timedQuery(tx.exec);
      return (work as AnyFn)(tx);
    });
  };
}

/** The rows of a raw `tx.execute(sql…)` result, the same on PGlite and node-postgres (`{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
