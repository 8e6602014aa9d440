import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { event } from '../db/schema';
import { inRegion } from '../db/scope';
import type { SimpulModule } from '../modules/types';
import type { RegionDirectory } from '../regions/directory';
import { regionsWithWork } from '../tasks/pending';
import { countEvents } from '../usage/count';
import type { EventBus } from './bus';

/**
 * Runs module event handlers from the outbox (the `event` table), at least once per event.
 * A notification triggers a drain of that region; a periodic sweep catches anything missed
 * (a crash between commit and handling, a dropped notification). Rows are claimed with
 * FOR UPDATE SKIP LOCKED so several processes never handle the same event twice at once.
 * Only modules enabled in the event's region get to handle it. Each batch is also counted into
 * the region's daily usage (`usage_daily`, by event type) in the same transaction.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private draining = new Map<string, Promise<void>>();
  /** Regions with a drain already scheduled, and regions to drain again when the current one ends. */
  private scheduled = new Set<string>();
  private again = new Set<string>();
  private off: (() => void) | null = null;

  constructor(
    private readonly database: Database,
    private readonly directory: RegionDirectory,
    private readonly modules: readonly SimpulModule[],
    private readonly log: (msg: string, err?: unknown) => void,
  ) {}

  /**
   * `batchMs`: a notification schedules a drain that shortly later; every event committed in the
   * meantime is handled by that one transaction (a burst of reports costs one drain, not one each).
   */
  start(bus: EventBus, sweepMs = 30_000, batchMs = 500) {
    this.off = bus.onNotify((regionId) => this.schedule(regionId, batchMs));
    this.timer = setInterval(
      () => void this.sweep().catch((err) => this.log('outbox sweep failed', err)),
      sweepMs,
    );
    this.timer.unref();
  }

  /** Drains the regions with unhandled events (the partial index `event_unhandled_idx`). */
  async sweep() {
    const pending = await regionsWithWork(
      this.database,
      'outbox sweep',
      sql`select distinct region_id from event where handled_at is null`,
    );
    await Promise.allSettled([...pending].map((regionId) => this.drain(regionId)));
  }

  stop() {
    this.off?.();
    if (this.timer) clearInterval(this.timer);
  }

  private schedule(regionId: string, batchMs: number) {
    if (this.scheduled.has(regionId)) return;
    this.scheduled.add(regionId);
    setTimeout(() => {
      this.scheduled.delete(regionId);
      void this.drain(regionId);
    }, batchMs).unref();
  }

  /**
   * Handles every pending event of a region; concurrent calls for one region share one run, and a
   * call during a run makes it go once more (its events may have committed after the run's read).
   */
  drain(regionId: string): Promise<void> {
    const running = this.draining.get(regionId);
    if (running) {
      this.again.add(regionId);
      return running;
    }
    // Never rejects: it runs from timers and NOTIFY, where a rejection would end the process.
    const run = this.drainOnce(regionId)
      .catch((err) => this.log(`outbox: drain failed in region ${regionId}; the next sweep retries`, err))
      .finally(() => {
        this.draining.delete(regionId);
        if (this.again.delete(regionId)) void this.drain(regionId);
      });
    this.draining.set(regionId, run);
    return run;
  }

  private async drainOnce(regionId: string): Promise<void> {
    const states = await this.directory.moduleStates(regionId);
    const active = this.modules.filter((m) => states.get(m.id)?.enabled && m.events?.handles);
    for (;;) {
      const handled = await inRegion(this.database, { regionId }, async (tx) => {
        const batch = await tx
          .select()
          .from(event)
          .where(and(eq(event.regionId, regionId), isNull(event.handledAt)))
          .orderBy(asc(event.id))
          .limit(100)
          .for('update', { skipLocked: true });
        for (const e of batch) {
          for (const m of active) {
            const handler = m.events?.handles?.[e.type];
            if (handler) await handler({ tx, regionId }, e);
          }
        }
        // Usage analytics: every module's key actions, counted without any work on its side.
        const region = this.directory.get(regionId);
        if (region) await countEvents(tx, region, batch);
        if (batch.length > 0)
          await tx
            .update(event)
            .set({ handledAt: sql`now()` })
            .where(
              and(
                eq(event.regionId, regionId),
                inArray(
                  event.id,
                  batch.map((e) => e.id),
                ),
              ),
            );
        return batch.length;
      }).catch((err) => {
        this.log(`outbox: handler failed in region ${regionId}; will retry on the next sweep`, err);
        return 0;
      });
      if (handled < 100) return;
    }
  }
}
