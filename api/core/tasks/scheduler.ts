import { sql } from 'drizzle-orm';
import type { CodeSender } from '../auth/sender';
import type { Database } from '../db/client';
import { asPlatform, inRegion } from '../db/scope';
import type { FileStore } from '../files/store';
import { taskRuns } from '../metrics';
import type { SimpulModule } from '../modules/types';
import type { RegionDirectory } from '../regions/directory';

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
    let ran = 0;
    for (const region of this.directory.all()) {
      const states = await this.directory.moduleStates(region.id);
      for (const m of this.modules) {
        if (!states.get(m.id)?.enabled) continue;
        for (const task of m.tasks ?? []) {
          const name = `${m.id}:${task.name}`;
          if (!(await this.claim(name, region.id, task.everyMs, now))) continue;
          try {
            const regionId = region.id;
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
            ran++;
            taskRuns.inc({ task: name, outcome: 'ok' });
          } catch (err) {
            taskRuns.inc({ task: name, outcome: 'failed' });
            this.log(`task ${name} failed in region ${region.code}`, err, {
              task: name,
              region: region.code,
            });
          }
        }
      }
    }
    return ran;
  }

  private async claim(task: string, regionId: string, everyMs: number, now: Date): Promise<boolean> {
    const rows = await asPlatform(
      this.database,
      { actor: 'scheduler', action: 'task.claim', reason: task, regionId },
      (tx) =>
        tx.execute(sql`
          insert into task_run (task, region_id, last_started_at) values (${task}, ${regionId}, ${now.toISOString()})
          on conflict (task, region_id) do update set last_started_at = excluded.last_started_at
          where task_run.last_started_at <= ${new Date(now.getTime() - everyMs).toISOString()}
          returning task`),
    );
    return ((rows as unknown as { rows?: unknown[] }).rows ?? (rows as unknown as unknown[])).length > 0;
  }
}
