import { sql } from 'drizzle-orm';
import type { CodeSender } from '../auth/sender';
import { type Database, rowsOf } from '../db/client';
import { asPlatform, inRegion } from '../db/scope';
import type { FileStore } from '../files/store';
import { taskRuns } from '../metrics';
import type { ScheduledTask, SimpulModule } from '../modules/types';
import type { RegionDirectory } from '../regions/directory';
import { regionsWithWork } from './pending';

type Region = ReturnType<RegionDirectory['all']>[number];

/**
 * Runs each module's scheduled tasks in every region where the module is enabled. A run is
 * claimed in `task_run` with one conditional upsert, so with several API processes exactly one
 * of them runs a given task for a given region per period. A task runs in one region-scoped
 * transaction, unless it says `transactional: false`: then it opens its own short ones.
 */
export class TaskScheduler {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly database: Database,
    private readonly directory: RegionDirectory,
    private readonly modules: readonly SimpulModule[],
    private readonly log: (msg: string, err?: unknown, fields?: Record<string, unknown>) => void,
    private readonly mailer?: CodeSender,
    private readonly warn?: (msg: string, fields: Record<string, unknown>) => void,
    private readonly files?: FileStore,
  ) {}

  private running: Promise<unknown> | null = null;

  start(tickMs = 15_000) {
    if (!this.modules.some((m) => m.tasks?.length)) return;
    this.timer = setInterval(() => {
      if (this.running) return; // a slow tick is never overlapped by the next
      this.running = this.tick()
        .catch((err) => this.log('task scheduler tick failed', err))
        .finally(() => {
          this.running = null;
        });
    }, tickMs);
    this.timer.unref();
  }

  /** Stops ticking and waits for a tick in flight, so the database can close after it. */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async tick(now = new Date()): Promise<number> {
    // The regions where each module is on, from the in-memory directory (no query).
    const regionsOf = new Map<string, Region[]>();
    for (const region of this.directory.all()) {
      const states = await this.directory.moduleStates(region.id);
      for (const m of this.modules)
        if (states.get(m.id)?.enabled) regionsOf.set(m.id, [...(regionsOf.get(m.id) ?? []), region]);
    }
    let ran = 0;
    for (const m of this.modules)
      for (const task of m.tasks ?? []) {
        const name = `${m.id}:${task.name}`;
        let candidates = regionsOf.get(m.id) ?? [];
        let due: Set<string>;
        try {
          if (task.hasWork && candidates.length > 0) {
            const busy = await regionsWithWork(this.database, name, task.hasWork);
            candidates = candidates.filter((r) => busy.has(r.id));
          }
          if (candidates.length === 0) continue;
          due = await this.claim(name, candidates, task.everyMs, now);
        } catch (err) {
          // One task's failing query must not stop the others' tick.
          taskRuns.inc({ task: name, outcome: 'failed' });
          this.log(`task ${name} could not be claimed`, err, { task: name });
          continue;
        }
        for (const region of candidates)
          if (due.has(region.id) && (await this.runIn(name, task, region))) ran++;
      }
    return ran;
  }

  private async runIn(name: string, task: ScheduledTask, region: Region): Promise<boolean> {
    const regionId = region.id;
    try {
      if (task.transactional === false)
        await task.run({
          regionId,
          inRegion: (work) => inRegion(this.database, { regionId }, work),
          mail: async (msg) => {
            if (!this.mailer) throw new Error('no mailer configured');
            await this.mailer.mail(msg);
          },
          warn: (msg, fields) => this.warn?.(msg, { ...fields, task: name, region: region.code }),
          files: this.files,
        });
      else await inRegion(this.database, { regionId }, (tx) => task.run({ tx, regionId }));
      taskRuns.inc({ task: name, outcome: 'ok' });
      return true;
    } catch (err) {
      taskRuns.inc({ task: name, outcome: 'failed' });
      this.log(`task ${name} failed in region ${region.code}`, err, { task: name, region: region.code });
      return false;
    }
  }

  /**
   * Claims one task for every region where it is due, in one statement (one transaction, one audit
   * row): per region and task, one transaction each made the scheduler's idle load grow with the
   * number of regions — at 552 regions × 11 tasks a 15-s tick never finished and wrote ~200 audit
   * rows a second (bench:national). Returns the regions this process won.
   */
  private async claim(task: string, regions: Region[], everyMs: number, now: Date): Promise<Set<string>> {
    // Sorted: concurrent claims by several processes lock the rows in the same order (no deadlock).
    const ids = regions
      .map((r) => r.id)
      .sort()
      .join(',');
    const result = await asPlatform(
      this.database,
      { actor: 'scheduler', action: 'task.claim', reason: `${task} (${regions.length} regions)` },
      (tx) =>
        tx.execute(sql`
          insert into task_run (task, region_id, last_started_at)
          select ${task}, r, ${now.toISOString()} from unnest(string_to_array(${ids}, ',')::uuid[]) as r
          on conflict (task, region_id) do update set last_started_at = excluded.last_started_at
          where task_run.last_started_at <= ${new Date(now.getTime() - everyMs).toISOString()}
          returning region_id`),
    );
    return new Set(rowsOf<{ region_id: string }>(result).map((r) => r.region_id));
  }
}
