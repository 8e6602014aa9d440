import pg from 'pg';
import { dbReplicaHealthy, dbReplicaLag } from '../metrics';

/**
 * Read replicas (PostgreSQL hot standbys) for the anonymous public read paths (docs/SCALING.md §3).
 * Each has its own pool and a timer that measures its replay lag; public reads go only to a
 * replica that answered the last check within the allowed lag, else to the primary.
 */
export type Replica = {
  /** host:port/database of the URL (no credentials): the metrics label. */
  name: string;
  pool: pg.Pool;
  /** Replay lag in seconds at the last check; null while it does not answer or cannot tell. */
  lagSeconds: number | null;
  /** Answered the last check within the allowed lag: public reads may use it. */
  healthy: boolean;
};

export type ReplicaOptions = {
  urls: string[];
  /** A replica further behind than this is skipped (REPLICA_MAX_LAG_SECONDS, default 5). */
  maxLagSeconds?: number;
  /** How often each replica's lag is measured (REPLICA_CHECK_INTERVAL_MS, default 2000). */
  checkIntervalMs?: number;
  poolSize?: number;
};

/**
 * Seconds the standby is behind: 0 when it has replayed all it received (an idle primary sends
 * nothing, so "time since the last replayed commit" alone would grow forever), else the age of the
 * last replayed commit. Null on a server that is not a standby: it is not used.
 */
const LAG_SQL = `select case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
  else extract(epoch from now() - pg_last_xact_replay_timestamp()) end::float8 as lag`;

export type ReplicaSet = {
  replicas: Replica[];
  /** A healthy replica (round robin), or undefined: the primary answers. */
  pick(): Replica | undefined;
  /** Takes a replica out of use until its next successful check (a read on it failed to connect). */
  fail(replica: Replica): void;
  close(): Promise<void>;
};

export function openReplicas(opts: ReplicaOptions, onConnect: (client: pg.PoolClient) => void): ReplicaSet {
  const maxLag = opts.maxLagSeconds ?? 5;
  const replicas: Replica[] = opts.urls.map((url) => {
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.poolSize ?? 10,
      // A replica that is down must cost a public read little before the primary answers.
      connectionTimeoutMillis: 2000,
    });
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      // A replica that goes away under a checked-out connection must not crash the process (pg
      // emits 'error' on the client): the read in flight fails and falls back to the primary.
      client.on('error', () => {});
      onConnect(client);
    });
    const u = new URL(url);
    return { name: `${u.host}${u.pathname}`, pool, lagSeconds: null, healthy: false };
  });
  const set = (r: Replica, lag: number | null) => {
    r.lagSeconds = lag;
    r.healthy = lag !== null && lag <= maxLag;
    dbReplicaHealthy.set({ replica: r.name }, r.healthy ? 1 : 0);
    if (lag === null) dbReplicaLag.remove({ replica: r.name });
    else dbReplicaLag.set({ replica: r.name }, lag);
  };
  const checking = new Set<Replica>();
  const check = async (r: Replica) => {
    if (checking.has(r)) return; // the previous check still waits on a slow replica
    checking.add(r);
    try {
      const { rows } = await r.pool.query<{ lag: number | null }>(LAG_SQL);
      set(r, rows[0]?.lag ?? null);
    } catch {
      set(r, null);
    } finally {
      checking.delete(r);
    }
  };
  // Not used until the first check says it is healthy; unref'd: the timers never keep a process up.
  const timers = replicas.map((r) => {
    set(r, null);
    void check(r);
    const timer = setInterval(() => void check(r), opts.checkIntervalMs ?? 2000);
    timer.unref();
    return timer;
  });
  let next = 0;
  return {
    replicas,
    pick() {
      const healthy = replicas.filter((r) => r.healthy);
      if (healthy.length === 0) return undefined;
      return healthy[next++ % healthy.length];
    },
    fail: (r) => set(r, null),
    async close() {
      for (const t of timers) clearInterval(t);
      for (const r of replicas) {
        dbReplicaHealthy.remove({ replica: r.name });
        dbReplicaLag.remove({ replica: r.name });
      }
      await Promise.all(replicas.map((r) => r.pool.end()));
    },
  };
}
