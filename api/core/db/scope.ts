import { type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { AppError } from '../errors';
import { dbReplicaReads } from '../metrics';
import { trackCommit } from './after-commit';
import type { Database, Tx } from './client';
import { platformAudit } from './schema';
import { APP_ROLE, PLATFORM_ROLE } from './tenancy';

export type RegionScope = { regionId: string; userId?: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function checkIds(scope: RegionScope) {
  const userId = scope.userId ?? '';
  if (!UUID.test(scope.regionId) || (userId !== '' && !UUID.test(userId)))
    throw new Error('region and user ids must be UUIDs');
}

/**
 * The statement that confines a transaction to a region: the non-owner app role (row-level
 * security applies to it) and the region and user ids. The ids are written as literals so it can
 * share a round trip with BEGIN or a SELECT; they are checked to be UUIDs first.
 */
function scopeStatement(scope: RegionScope): string {
  checkIds(scope);
  const userId = scope.userId ?? '';
  return `select set_config('role', '${APP_ROLE}', true), set_config('app.region_id', '${scope.regionId}', true), set_config('app.user_id', '${userId}', true)`;
}

/**
 * Runs `work` in one transaction as the non-owner app role with the region set, so row-level
 * security confines every statement to that region. This is how all request work reaches the
 * database: a write is whole or not at all.
 */
export function inRegion<T>(
  database: Database,
  scope: RegionScope,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (database.raw.pool) return inRegionOnPool(database.raw.pool, scope, work);
  return transaction(database, async (tx) => {
    await tx.execute(sql.raw(scopeStatement(scope)));
    return work(tx);
  });
}

/** One drizzle transaction on the database's queue; its `afterCommit` hooks run once it committed. */
async function transaction<T>(
  database: Database,
  work: (tx: Tx) => Promise<T>,
  isolation?: { isolationLevel: 'repeatable read' },
): Promise<T> {
  let tracked: { commit(): void } | undefined;
  const result = await database.run(() =>
    database.db.transaction((tx) => {
      tracked = trackCommit(tx);
      return work(tx as Tx);
    }, isolation),
  );
  tracked?.commit();
  return result;
}

/**
 * PostgreSQL: BEGIN and the scope travel with the transaction's first statement, in one round
 * trip (`openWithFirstQuery`), then the work's other statements on a drizzle instance bound to
 * that connection, then COMMIT: 2 round trips for a one-query request, 3 for LAKSA intake. A
 * work that sends nothing opens no transaction. A connection whose ROLLBACK failed is discarded,
 * not reused.
 */
async function inRegionOnPool<T>(
  pool: pg.Pool,
  scope: RegionScope,
  work: (tx: Tx) => Promise<T>,
  readOnly = false,
): Promise<T> {
  checkIds(scope);
  const client = await pool.connect();
  const opening = openWithFirstQuery(client, readOnly ? 'begin read only' : 'begin', scope);
  let broken: Error | undefined;
  try {
    const tx = drizzle(client, { casing: 'snake_case' }) as unknown as Tx;
    const tracked = trackCommit(tx);
    const result = await work(tx);
    opening.done();
    if (opening.opened()) await client.query('commit');
    tracked.commit();
    return result;
  } catch (err) {
    opening.done();
    if (opening.opened())
      await client.query('rollback').catch((e: Error) => {
        broken = e;
      });
    throw err;
  } finally {
    client.release(broken);
  }
}

type PgQueryConfig = { text: string; name?: string; values?: unknown[]; rows?: number };

/**
 * Until `done()`, the client's first `query` opens the transaction on its way: BEGIN and the scope
 * go ahead of it in the same write (`OpeningQuery`). A first query that cannot carry them (a
 * callback or a submittable, several statements in one text, a named statement this connection
 * has not parsed yet) is preceded by them as one simple query, as before: one more round trip.
 */
function openWithFirstQuery(client: pg.PoolClient, begin: string, scope: RegionScope) {
  const previous = client.query as unknown as (...args: unknown[]) => unknown;
  let opened = false;
  // Set back, never deleted: deleting a property turns the client into a slow dictionary object.
  const restore = () => {
    client.query = previous as never;
  };
  const first = (config: string | PgQueryConfig, values?: unknown, callback?: unknown) => {
    restore();
    opened = true;
    const q = typeof config === 'string' ? { text: config } : config;
    const parsed = (client as unknown as { connection: { parsedStatements: Record<string, string> } })
      .connection.parsedStatements;
    const carries =
      typeof q.text === 'string' &&
      !q.text.includes(';') &&
      callback === undefined &&
      typeof values !== 'function' &&
      !('submit' in q) &&
      q.rows === undefined &&
      (!q.name || parsed[q.name] === q.text);
    if (!carries) {
      // Both queued now, in order: a statement the work sends meanwhile still comes after them.
      const opening = previous.call(client, `${begin}; ${scopeStatement(scope)}`);
      const result = previous.call(client, config, values, callback);
      if (!(result instanceof Promise)) return result;
      return Promise.all([opening, result]).then(([, r]) => r);
    }
    return new Promise((resolve, reject) => {
      const done: Done = (err, res) => (err ? reject(err) : resolve(res));
      previous.call(client, new OpeningQuery(begin, scope, q, values as unknown[] | undefined, done));
    });
  };
  (client as { query: unknown }).query = first;
  return {
    /** Stops waiting for a first query (the work ended). */
    done: () => {
      if (!opened) restore();
    },
    /** Whether a transaction was begun (COMMIT or ROLLBACK it). */
    opened: () => opened,
  };
}

/**
 * A LIMIT written into the SQL text, not bound. PostgreSQL plans a bound LIMIT for 10% of the
 * rows, so a prepared read (readInRegion) with one would never get a generic plan as good as a
 * fresh one (an inbox page: 21.6 ms instead of 0.4).
 */
export function literalLimit(n: number): SQL {
  if (!Number.isInteger(n) || n < 1) throw new Error(`a limit must be a positive integer: ${n}`);
  return sql.raw(String(n));
}

/** A drizzle query builder, or its SQL built once ahead (`.toSQL()`) for queries that never change. */
type BuiltQuery = { toSQL(): { sql: string; params: unknown[] } } | { sql: string; params: unknown[] };

export type ReadOptions = {
  /**
   * May be served by a read replica (docs/SCALING.md §3): only for anonymous public reads whose
   * answer may be a few seconds old (the request helper `req.readOptions()` decides). Without a
   * healthy replica, or when the replica cannot be reached, the primary answers.
   */
  replica?: boolean;
};

/**
 * Reads, never writes, confined to a region like inRegion; the one door to a read replica.
 *
 * - A query (one SELECT): one round trip. On PostgreSQL the scope and the SELECT go as one
 *   batch of extended-protocol messages (`ScopedRead`), which PostgreSQL runs as one implicit
 *   transaction: the `is_local` settings hold for the SELECT and vanish after it. The SELECT is
 *   a named prepared statement; its parameters are bound (strings, numbers, booleans, dates and
 *   null only). Rows come back with database column names (snake_case): map them in the caller.
 * - A function: runs in a READ ONLY transaction, so a read that may land on a replica behaves the
 *   same on the primary (a write fails on both) and a route cannot opt a write into a replica.
 *   A NOT_FOUND it throws on a replica is retried once on the primary: a ticket filed a second
 *   ago may not have reached the replica yet (read-your-writes for keyed lookups).
 *
 * PGlite: the usual transaction.
 */
export function readInRegion<R>(
  database: Database,
  scope: RegionScope,
  query: BuiltQuery,
  opts?: ReadOptions,
): Promise<R[]>;
export function readInRegion<T>(
  database: Database,
  scope: RegionScope,
  work: (tx: Tx) => Promise<T>,
  opts?: ReadOptions,
): Promise<T>;
export async function readInRegion(
  database: Database,
  scope: RegionScope,
  read: BuiltQuery | ((tx: Tx) => Promise<unknown>),
  opts: ReadOptions = {},
): Promise<unknown> {
  const onPool = (pool: pg.Pool) =>
    typeof read === 'function'
      ? inRegionOnPool(pool, scope, read, true)
      : selectOnPool(pool, scope, builtSql(read));
  const replica = opts.replica ? database.replica() : undefined;
  if (opts.replica) dbReplicaReads.inc({ target: replica ? 'replica' : 'primary' });
  const primary = database.raw.pool;
  if (!primary) {
    return typeof read === 'function'
      ? database.run(() =>
          database.db.transaction(async (tx) => {
            await tx.execute(sql.raw('set transaction read only'));
            await tx.execute(sql.raw(scopeStatement(scope)));
            return read(tx as Tx);
          }),
        )
      : selectOnPglite(database, scope, builtSql(read));
  }
  if (!replica) return onPool(primary);
  try {
    return await onPool(replica.pool);
  } catch (err) {
    if (isNotFound(err)) {
      dbReplicaReads.inc({ target: 'primary' });
      return onPool(primary);
    }
    if (!replicaTrouble(err)) throw err;
    // Down, restarting or in conflict with replay: the primary answers, with no error shown.
    if (connectionLost(err)) database.replicaFailed(replica);
    dbReplicaReads.inc({ target: 'primary' });
    return onPool(primary);
  }
}

const builtSql = (query: BuiltQuery) => ('toSQL' in query ? query.toSQL() : query);

async function selectOnPglite(database: Database, scope: RegionScope, q: { sql: string; params: unknown[] }) {
  const pglite = database.raw.pglite!;
  return database.run(() =>
    pglite.transaction(async (t) => {
      await t.query(scopeStatement(scope));
      return (await t.query(q.sql, q.params)).rows;
    }),
  );
}

async function selectOnPool(pool: pg.Pool, scope: RegionScope, q: { sql: string; params: unknown[] }) {
  const client = await pool.connect();
  const send = () =>
    new Promise<{ rows: unknown[] }[]>((resolve, reject) =>
      client.query(new ScopedRead(scope, q.sql, q.params, (err, res) => (err ? reject(err) : resolve(res)))),
    );
  try {
    try {
      return (await send())[1]!.rows;
    } catch (err) {
      // The connection lost its prepared statements (DEALLOCATE ALL or DISCARD ALL, as a pooler's
      // reset runs): forget what it had parsed and send the read again, parsing afresh. The batch
      // that failed changed nothing: a read, rolled back at its Sync.
      if ((err as { code?: string }).code !== '26000') throw err;
      parsedOn.delete((client as unknown as { connection: object }).connection);
      return (await send())[1]!.rows;
    }
  } finally {
    client.release();
  }
}

/** The scope as a statement with parameters: region and user ids ('' when none). */
const SCOPE_WITH_PARAMS = `select set_config('role', '${APP_ROLE}', true), set_config('app.region_id', $1, true), set_config('app.user_id', $2, true)`;

/**
 * Names of prepared reads by SQL text, for all connections. Capped: texts that vary without end
 * (values written into them) would otherwise fill every backend; past the cap a read is parsed
 * and planned each time, as before.
 */
// region-safe: SQL texts and statement names; values are bound, never written into the text.
const statementNames = new Map<string, string>();
const MAX_NAMED_READS = 500;
const nameOf = (text: string) => {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED_READS) {
    name = `simpul_read_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name ?? '';
};
/** The named reads each connection has parsed (its `Connection` object is the key). */
// region-safe: statement names per connection, no region's data.
const parsedOn = new WeakMap<object, Set<string>>();

type Connection = {
  parse(m: { text: string; name: string; types: number[] }): void;
  bind(m: { portal: string; statement: string; values: (string | null)[] }): void;
  describe(m: { type: 'P'; name: string }): void;
  execute(m: { portal: string }): void;
  close(m: { type: 'S'; name: string }): void;
  sync(): void;
};
type QueryInternals = {
  text: string;
  queryMode?: 'extended';
  handleDataRow(msg: unknown): void;
  handleCommandComplete(msg: unknown, connection: Connection): void;
};
type Done = (err: Error | null, results: { rows: unknown[] }[]) => void;
// Built from a string, not a config object: pg copies a config object property by property.
const PgQuery = pg.Query as unknown as new (text: string, values: undefined, done: Done) => QueryInternals;
const PgQueryOfConfig = pg.Query as unknown as new (
  config: PgQueryConfig,
  values: unknown[] | undefined,
  done: Done,
) => QueryInternals & { prepare(connection: Connection): void };

/**
 * A region-scoped read in one round trip, both statements in one implicit transaction (the
 * extended protocol's messages up to Sync): the scope (`is_local` settings, gone at Sync), then
 * the SELECT as a named prepared statement. Each connection parses a read once; PostgreSQL then
 * keeps a generic plan when it costs no more than a fresh one, and replans by itself when the
 * role or the schema changes (row-level security is applied for the role of the execution).
 * Planning was about as costly as executing an inbox page (0.38 of 0.9 ms, bench/laksa).
 * Rows, errors and results are pg's own Query's: only the messages it sends differ. Behind
 * PgBouncer in transaction mode this needs what queryPrepared needs (core/db/prepared.ts).
 */
class ScopedRead extends PgQuery {
  readonly #scope: (string | null)[];
  readonly #params: (string | null)[];
  #statement = '';
  #parsed: Set<string> | undefined;
  #completed = 0;

  constructor(scope: RegionScope, text: string, params: unknown[], done: Done) {
    super(text, undefined, done);
    this.queryMode = 'extended';
    checkIds(scope);
    this.#scope = [scope.regionId, scope.userId ?? ''];
    this.#params = params.map(toParam);
  }

  /** Called by pg's Query.submit with the messages corked: they leave as one write. */
  prepare(connection: Connection) {
    this.#statement = nameOf(this.text);
    let parsed = parsedOn.get(connection);
    if (!parsed) {
      parsed = new Set<string>();
      parsedOn.set(connection, parsed);
    }
    this.#parsed = parsed;
    connection.parse({ text: SCOPE_WITH_PARAMS, name: '', types: [] });
    connection.bind({ portal: '', statement: '', values: this.#scope });
    connection.execute({ portal: '' }); // no Describe: its row is not read (handleDataRow)
    if (!this.#statement || !parsed.has(this.#statement)) {
      // Not known to exist: a Parse whose completion was not seen (an error after it) may have
      // created it, and closing a statement that does not exist is no error.
      if (this.#statement) connection.close({ type: 'S', name: this.#statement });
      connection.parse({ text: this.text, name: this.#statement, types: [] });
    }
    connection.bind({ portal: '', statement: this.#statement, values: this.#params });
    connection.describe({ type: 'P', name: '' });
    connection.execute({ portal: '' });
    connection.sync();
  }

  /** The scope's row (the settings' values) is skipped: it comes without a row description. */
  override handleDataRow(msg: unknown) {
    if (this.#completed > 0) super.handleDataRow(msg);
  }

  override handleCommandComplete(msg: unknown, connection: Connection) {
    super.handleCommandComplete(msg, connection);
    // The SELECT completed: its statement exists on this connection.
    if (++this.#completed === 2 && this.#statement) this.#parsed?.add(this.#statement);
  }
}

/**
 * A transaction's first statement with BEGIN and the scope ahead of it, all in one write up to its
 * Sync: BEGIN opens the transaction block, which outlives the Sync, and the scope's `is_local`
 * settings hold until COMMIT. Their results are skipped; rows, errors and the result are pg's own
 * Query's for the statement. An error in any of the three leaves the block aborted, and the
 * caller's ROLLBACK ends it. Only a named statement the connection has already parsed rides
 * along, so pg's parsed-statement bookkeeping (it marks a name parsed at any ParseComplete) holds.
 */
class OpeningQuery extends PgQueryOfConfig {
  readonly #begin: string;
  readonly #scope: (string | null)[];
  #skipped = 0;

  constructor(
    begin: string,
    scope: RegionScope,
    config: PgQueryConfig,
    values: unknown[] | undefined,
    done: Done,
  ) {
    super(config, values, done);
    this.queryMode = 'extended';
    this.#begin = begin;
    this.#scope = [scope.regionId, scope.userId ?? ''];
  }

  /** What travels ahead of the statement, as the one simple query it replaces (bench/laksa records it). */
  opening() {
    return `${this.#begin}; ${scopeStatement({ regionId: this.#scope[0]!, userId: this.#scope[1] || null })}`;
  }

  override prepare(connection: Connection) {
    connection.parse({ text: this.#begin, name: '', types: [] });
    connection.bind({ portal: '', statement: '', values: [] });
    connection.execute({ portal: '' });
    connection.parse({ text: SCOPE_WITH_PARAMS, name: '', types: [] });
    connection.bind({ portal: '', statement: '', values: this.#scope });
    connection.execute({ portal: '' });
    super.prepare(connection);
  }

  override handleDataRow(msg: unknown) {
    if (this.#skipped === 2) super.handleDataRow(msg);
  }

  override handleCommandComplete(msg: unknown, connection: Connection) {
    if (this.#skipped < 2) this.#skipped++;
    else super.handleCommandComplete(msg, connection);
  }
}

/** A bound value as text, as `pg` would send it; only the types the inlined form accepted. */
function toParam(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString();
  throw new Error(`readInRegion cannot bind a parameter of type ${typeof v}`);
}

const isNotFound = (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND';

/** Each error of the chain: drizzle wraps the driver's error in `cause`. */
function* chain(err: unknown) {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
    e;
    e = e.cause as never
  )
    yield e;
}

/**
 * The server or the network failed, not the statement: refused, reset or timed-out connections
 * (node's `E…` codes, pg's own messages), connection exceptions (SQLSTATE 08) and a server that
 * shuts down or crashed (57P).
 */
function connectionLost(err: unknown): boolean {
  if (err instanceof AppError) return false;
  for (const e of chain(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (/^E[A-Z]+$/.test(code) || code.startsWith('08') || code.startsWith('57P')) return true;
    if (
      /Connection terminated|timeout exceeded when trying to connect|connection error/i.test(
        String(e.message),
      )
    )
      return true;
  }
  return false;
}

/** What a replica may fail with that the primary would not: connection loss, replay conflicts (40001). */
const replicaTrouble = (err: unknown) =>
  connectionLost(err) || [...chain(err)].some((e) => e.code === '40001');

export type PlatformReason = { actor: string; action: string; reason: string; regionId?: string | null };

/**
 * The one explicit path across regions (onboarding, platform admin views, background workers
 * that fan out over regions). Every use is written to `platform_audit` in the same transaction.
 */
export function asPlatform<T>(
  database: Database,
  why: PlatformReason,
  work: (tx: Tx) => Promise<T>,
  /** `repeatable read`: one snapshot for a long read (a region export sees one moment). */
  isolation?: { isolationLevel: 'repeatable read' },
): Promise<T> {
  return transaction(
    database,
    async (tx) => {
      await tx.execute(sql`select set_config('role', ${PLATFORM_ROLE}, true)`);
      await tx.insert(platformAudit).values({
        actor: why.actor,
        action: why.action,
        reason: why.reason,
        regionId: why.regionId ?? null,
      });
      return work(tx);
    },
    isolation,
  );
}
