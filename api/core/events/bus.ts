import { and, asc, eq, gt } from 'drizzle-orm';
import type { LiveEventView } from '../../../shared/live';
import type { Database } from '../db/client';
import { event } from '../db/schema';
import { readInRegion } from '../db/scope';
import { eventsFannedOut } from '../metrics';
import { fromEventRow, type RawEvent } from './emit';
import { EVENTS_CHANNEL, type StoredEvent } from './types';

export type Subscriber = {
  regionId: string;
  /** Whether this subscriber may see the event (permission and any audience rule). */
  accepts(e: StoredEvent): boolean;
  send(e: StoredEvent): void;
};

export const toLiveView = (e: StoredEvent): LiveEventView => ({
  id: String(e.id),
  type: e.type,
  module: e.module,
  at: e.createdAt.toISOString(),
  actor: e.actorId ? { id: e.actorId, name: e.actorName ?? '' } : null,
  subject: e.subject,
  summary: e.summary,
  data: e.data,
});

// region-safe: keyed by the event object itself, which carries its own region.
const frames = new WeakMap<StoredEvent, Buffer>();

/**
 * The SSE frame of an event, serialised once and shared by every client it goes to: fan-out to
 * 10,000 walls is then 10,000 socket writes of one buffer, not 10,000 JSON.stringify calls.
 */
export function sseFrame(e: StoredEvent): Buffer {
  let frame = frames.get(e);
  if (!frame) {
    frame = Buffer.from(`id: ${e.id}\nevent: message\ndata: ${JSON.stringify(toLiveView(e))}\n\n`);
    frames.set(e, frame);
  }
  return frame;
}

/**
 * Fans committed events out to this process's live subscribers. Every process LISTENs on one
 * PostgreSQL channel; a NOTIFY carries `region:id`, the process reads the row once and hands it
 * to each matching subscriber, so N processes behind a load balancer share one stream.
 */
export class EventBus {
  private subscribers = new Map<string, Set<Subscriber>>();
  private handlers = new Set<(e: StoredEvent) => void>();
  private notified = new Set<(regionId: string, id: number) => void>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly database: Database) {}

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(EVENTS_CHANNEL, (payload) => {
      const [regionId, id] = payload.split(':');
      if (!regionId || !id) return;
      for (const h of this.notified) h(regionId, Number(id));
      void this.deliver(regionId, Number(id));
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.subscribers.clear();
  }

  /**
   * Told the region and id of every committed event, without the row being read: for listeners
   * that read what they need themselves (the outbox reads its batch). Costs no query.
   */
  onNotify(handler: (regionId: string, id: number) => void): () => void {
    this.notified.add(handler);
    return () => this.notified.delete(handler);
  }

  /** Called with every event's row (read once per event, only while someone listens). */
  onEvent(handler: (e: StoredEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  subscribe(sub: Subscriber): () => void {
    const set = this.subscribers.get(sub.regionId) ?? new Set<Subscriber>();
    this.subscribers.set(sub.regionId, set);
    set.add(sub);
    return () => {
      set.delete(sub);
      if (set.size === 0) this.subscribers.delete(sub.regionId);
    };
  }

  subscriberCount(): number {
    let n = 0;
    for (const s of this.subscribers.values()) n += s.size;
    return n;
  }

  /** Events of a region after `afterId`, oldest first: what a reconnecting client missed. */
  async since(regionId: string, afterId: number, limit = 500): Promise<StoredEvent[]> {
    const rows = await readInRegion<RawEvent>(
      this.database,
      { regionId },
      this.database.db
        .select()
        .from(event)
        .where(and(eq(event.regionId, regionId), gt(event.id, afterId)))
        .orderBy(asc(event.id))
        .limit(limit),
    );
    return rows.map(fromEventRow);
  }

  private async deliver(regionId: string, id: number): Promise<void> {
    const subs = this.subscribers.get(regionId);
    if (!subs?.size && this.handlers.size === 0) return;
    try {
      // One round trip (scope + SELECT): this runs once per event while walls are connected.
      const [raw] = await readInRegion<RawEvent>(
        this.database,
        { regionId },
        this.database.db
          .select()
          .from(event)
          .where(and(eq(event.regionId, regionId), eq(event.id, id))),
      );
      if (!raw) return;
      const row = fromEventRow(raw);
      for (const h of this.handlers) h(row);
      let sent = 0;
      for (const s of this.subscribers.get(regionId) ?? [])
        if (s.accepts(row)) {
          s.send(row);
          sent++;
        }
      if (sent > 0) eventsFannedOut.inc(sent);
    } catch {
      // A lost delivery is recovered by the client's Last-Event-ID replay on its next reconnect.
    }
  }
}
