import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import { sseFrame } from './bus';
import type { StoredEvent } from './types';

/** A comment line every 20 s: proxies keep the connection, and a dead peer is found by the write. */
const HEARTBEAT_MS = 20_000;
/** A client that stops reading while this much waits in its socket buffer is cut off. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export type StreamLimits = {
  perSession: number;
  perAddress: number;
  /**
   * A stream ends after this long (default 15 min); EventSource reconnects by itself with
   * Last-Event-ID and loses nothing, and the reconnect passes the session and permission checks
   * again: a revoked session or a removed role stops receiving within this time.
   */
  maxAgeMs: number;
};

/**
 * Counts the open streams of this process by session and by client address. Streams are the one
 * kind of request that holds a connection for minutes, so they are capped before any header goes
 * out; the caps apply per process (each process holds its own sockets).
 */
export class StreamGuard {
  private bySession = new Map<string, number>();
  private byAddress = new Map<string, number>();
  constructor(readonly limits: StreamLimits) {}

  /** Takes a slot for the request, or throws RATE_LIMITED. Returns the release function. */
  acquire(sessionKey: string, address: string): () => void {
    const s = this.bySession.get(sessionKey) ?? 0;
    const a = this.byAddress.get(address) ?? 0;
    if (s >= this.limits.perSession || a >= this.limits.perAddress)
      throw new AppError('RATE_LIMITED', {
        messages: {
          id: 'Terlalu banyak siaran langsung terbuka. Tutup tab lain lalu coba lagi.',
          en: 'Too many live streams are open. Close other tabs and try again.',
        },
      });
    this.bySession.set(sessionKey, s + 1);
    this.byAddress.set(address, a + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      decrement(this.bySession, sessionKey);
      decrement(this.byAddress, address);
    };
  }

  open(): number {
    let n = 0;
    for (const v of this.byAddress.values()) n += v;
    return n;
  }
}

function decrement(map: Map<string, number>, key: string) {
  const n = (map.get(key) ?? 1) - 1;
  if (n <= 0) map.delete(key);
  else map.set(key, n);
}

export type EventStreamSource = {
  /** Starts live delivery to `send`; returns the unsubscribe function. */
  subscribe(send: (e: StoredEvent) => void): () => void;
  /** Whether this client may see an event (permission and any audience rule). */
  accepts(e: StoredEvent): boolean;
  /** What a reconnecting client missed after `afterId`, oldest first. */
  since(afterId: number): Promise<StoredEvent[]>;
  /**
   * A stream anyone may open (a unit's queue display on a TV): no session needed, capped per
   * client address only. Its events must carry nothing about people (numbers and places only).
   */
  anonymous?: boolean;
};

/** The id a reconnecting client last saw: the Last-Event-ID header, else `?lastEventId=`. */
export function lastEventId(req: FastifyRequest): number | undefined {
  const header = Number(req.headers['last-event-id']);
  const query = (req.query as { lastEventId?: number } | undefined)?.lastEventId;
  return Number.isFinite(header) && header > 0 ? header : query;
}

/**
 * Serves Server-Sent Events for a request that has already passed its route's access check (the
 * session is read in onRequest, before this runs, so nothing reaches an anonymous caller unless
 * the source says it is `anonymous`). Caps
 * the streams per session and per address, replays what a reconnecting client missed, beats a
 * heartbeat, cuts off a client that stops reading, and ends the stream after `limits.maxAgeMs`.
 */
export async function serveEventStream(
  req: FastifyRequest,
  reply: FastifyReply,
  guard: StreamGuard,
  source: EventStreamSource,
): Promise<void> {
  if (!req.user && !source.anonymous) throw new AppError('UNAUTHENTICATED');
  const release = guard.acquire(req.user?.sessionId ?? `anonymous:${req.id}`, req.ip);
  const after = lastEventId(req);

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': req.id,
  });
  let closed = false;
  const send = (chunk: string | Buffer) => {
    if (closed) return;
    res.write(chunk);
    if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
  };
  let lastSent = after ?? 0;
  const write = (e: StoredEvent) => {
    if (e.id <= lastSent) return;
    lastSent = e.id;
    send(sseFrame(e));
  };

  // Subscribe before replaying so nothing falls between the two; `write` drops duplicates.
  const pending: StoredEvent[] = [];
  let replaying = after !== undefined;
  const unsubscribe = source.subscribe((e) => (replaying ? pending.push(e) : write(e)));
  const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
  const maxAge = setTimeout(() => res.end(), guard.limits.maxAgeMs);
  res.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(maxAge);
    unsubscribe();
    release();
  });
  send('retry: 2000\n: connected\n\n');
  if (after !== undefined) {
    try {
      for (const e of await source.since(after)) if (source.accepts(e)) write(e);
    } catch {
      // The replay failed (database busy): end the stream; the client reconnects and asks again.
      res.end();
      return;
    }
    for (const e of pending.sort((a, b) => a.id - b.id)) write(e);
    replaying = false;
  }
}
