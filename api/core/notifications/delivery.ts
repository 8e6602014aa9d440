import { sql } from 'drizzle-orm';
import type { CodeSender } from '../auth/sender';
import { type Database, rowsOf, type Tx } from '../db/client';
import { inRegion } from '../db/scope';
import type { RegionDirectory } from '../regions/directory';
import { regionsWithWork } from '../tasks/pending';
import { NOTIFY_CHANNEL } from './notify';
import type { PushOutcome, PushSender } from './push-sender';

type Label = { id: string; en: string };
type Lang = 'id' | 'en';

/** A claimed job with what it delivers. */
type Job = {
  id: string;
  emailTo: string | null;
  cursor: string | null;
  expiresAt: Date;
  urgency: 'normal' | 'high';
  notificationId: string;
  userId: string | null;
  topic: string;
  areaCode: string | null;
  title: Label;
  body: Label | null;
  url: string | null;
};
type Device = { id: string; endpoint: string; p256dh: string; auth: string; lang: Lang; basePath: string };

export type DeliveryTuning = {
  /** Subscriptions read and sent per step; the cursor is committed after each. */
  batchSize: number;
  /** Pushes in flight at once per worker. */
  concurrency: number;
  /** How long a claimed job or retry is this worker's before another may take it over. */
  leaseMs: number;
  /** Periodic look for work a NOTIFY did not announce (retries coming due, a crashed worker's job). */
  sweepMs: number;
  maxAttempts: number;
};

const DEFAULT_TUNING: DeliveryTuning = {
  batchSize: 1000,
  concurrency: 100,
  leaseMs: 120_000,
  sweepMs: 30_000,
  maxAttempts: 5,
};

/**
 * Delivers queued notifications (notify.ts) outside any request: e-mail for those who asked,
 * then Web Push to every device that follows the topic. Woken by a NOTIFY when a notification
 * commits, and by a periodic sweep. Jobs are claimed with a lease (FOR UPDATE SKIP LOCKED, then
 * no transaction is held while the push services answer), so several API processes share the
 * work and a crashed worker's job is taken over when its lease ends. Subscriptions are walked in
 * id order and the cursor committed per batch: a crash may repeat one batch, never skip one.
 * Push services answering 404/410 lose the subscription; 429/5xx/network failures are retried
 * with backoff (honouring Retry-After) until the message's TTL ends or after `maxAttempts`.
 */
export class NotificationDelivery {
  private draining = new Map<string, Promise<void>>();
  private again = new Set<string>();
  private prunedAt = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private readonly tuning: DeliveryTuning;

  constructor(
    private readonly database: Database,
    private readonly directory: RegionDirectory,
    readonly push: PushSender,
    private readonly mailer: CodeSender,
    private readonly log: (msg: string, err?: unknown) => void,
    tuning: Partial<DeliveryTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  async start() {
    this.unlisten = await this.database.listen(NOTIFY_CHANNEL, (regionId) => void this.drain(regionId));
    this.timer = setInterval(
      () => void this.sweep().catch((err) => this.log('notification sweep failed', err)),
      this.tuning.sweepMs,
    );
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.();
    await Promise.allSettled(this.draining.values());
    this.push.close();
  }

  /**
   * Drains the regions with a job or a retry due, found by one query; once an hour every region,
   * so each one's old jobs and notifications are pruned (prune, below) even when it is quiet.
   */
  async sweep() {
    let regions: Iterable<string>;
    if (Date.now() - this.sweptAllAt >= 3600_000) {
      this.sweptAllAt = Date.now();
      regions = this.directory.all().map((r) => r.id);
    } else
      regions = await regionsWithWork(
        this.database,
        'notification sweep',
        sql`select region_id from notification_job
            where done_at is null and (leased_until is null or leased_until < now())
          union select region_id from notification_retry where next_at <= now()`,
      );
    await Promise.allSettled([...regions].map((regionId) => this.drain(regionId)));
  }

  private sweptAllAt = 0;

  /** Delivers everything due in a region; concurrent calls share one run (and ask for one more). */
  drain(regionId: string): Promise<void> {
    const running = this.draining.get(regionId);
    if (running) {
      this.again.add(regionId);
      return running;
    }
    const run = this.drainOnce(regionId)
      .catch((err) => this.log(`notification delivery failed in region ${regionId}`, err))
      .finally(() => {
        this.draining.delete(regionId);
        if (this.again.delete(regionId)) void this.drain(regionId);
      });
    this.draining.set(regionId, run);
    return run;
  }

  private inRegion<T>(regionId: string, work: (tx: Tx) => Promise<T>) {
    return inRegion(this.database, { regionId }, work);
  }

  private async drainOnce(regionId: string) {
    for (;;) {
      const job = await this.inRegion(regionId, (tx) => this.claim(tx));
      if (!job) break;
      await this.runJob(regionId, job);
    }
    while ((await this.runRetries(regionId)) > 0) {}
    await this.prune(regionId);
  }

  /**
   * Hourly per region: finished jobs go after a day (their counters were for the sender), and
   * notifications after 180 days (the inbox shows recent ones; the audit log keeps the events).
   */
  private async prune(regionId: string) {
    const last = this.prunedAt.get(regionId) ?? 0;
    if (Date.now() - last < 3600_000) return;
    this.prunedAt.set(regionId, Date.now());
    await this.inRegion(regionId, async (tx) => {
      await tx.execute(sql`delete from notification_job where done_at < now() - interval '1 day'`);
      await tx.execute(sql`delete from notification where created_at < now() - interval '180 days'`);
    });
  }

  private async claim(tx: Tx): Promise<Job | null> {
    const lease = this.tuning.leaseMs / 1000;
    const [row] = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`
        with next as (
          select region_id, id from notification_job
          where done_at is null and (leased_until is null or leased_until < now())
          order by created_at limit 1 for update skip locked)
        update notification_job j set leased_until = now() + make_interval(secs => ${lease})
        from next, notification n
        where j.region_id = next.region_id and j.id = next.id
          and n.region_id = j.region_id and n.id = j.notification_id
        returning j.id, j.email_to, j.cursor, j.expires_at, j.urgency, n.id as notification_id,
          n.user_id, n.topic, n.area_code, n.title, n.body, n.url`),
    );
    if (!row) return null;
    return {
      id: String(row.id),
      emailTo: (row.email_to as string | null) ?? null,
      cursor: (row.cursor as string | null) ?? null,
      expiresAt: new Date(row.expires_at as string),
      urgency: row.urgency as Job['urgency'],
      notificationId: String(row.notification_id),
      userId: (row.user_id as string | null) ?? null,
      topic: String(row.topic),
      areaCode: (row.area_code as string | null) ?? null,
      title: parseJson<Label>(row.title),
      body: row.body == null ? null : parseJson<Label>(row.body),
      url: (row.url as string | null) ?? null,
    };
  }

  private async runJob(regionId: string, job: Job) {
    if (job.expiresAt.getTime() <= Date.now()) {
      await this.inRegion(regionId, (tx) =>
        tx.execute(sql`update notification_job set done_at = now() where id = ${job.id}`),
      );
      return;
    }
    if (job.emailTo) await this.mail(regionId, job);
    const payloads = payloadCache(job);
    let cursor = job.cursor;
    for (;;) {
      const devices = await this.inRegion(regionId, (tx) => this.devicesAfter(tx, job, cursor));
      if (devices.length === 0) break;
      const outcomes = await mapLimit(devices, this.tuning.concurrency, (d) =>
        this.push.send(d, payloads(d), this.sendOptions(job)),
      );
      cursor = devices[devices.length - 1]?.id ?? cursor;
      await this.inRegion(regionId, (tx) => this.record(tx, job, devices, outcomes, cursor));
    }
    await this.inRegion(regionId, (tx) =>
      tx.execute(sql`update notification_job set done_at = now(), leased_until = null where id = ${job.id}`),
    );
  }

  private sendOptions(job: Pick<Job, 'expiresAt' | 'urgency'>) {
    return { ttlSeconds: Math.max(0, (job.expiresAt.getTime() - Date.now()) / 1000), urgency: job.urgency };
  }

  /** The devices a job goes to, after `cursor` in id order: a person's own, or a topic's followers. */
  private async devicesAfter(tx: Tx, job: Job, cursor: string | null): Promise<Device[]> {
    const after = cursor ? sql`and id > ${cursor}` : sql``;
    const who = job.userId
      ? sql`user_id = ${job.userId}`
      : job.areaCode
        ? sql`(area_code = ${job.areaCode} or starts_with(area_code, ${`${job.areaCode}.`})
               or starts_with(${job.areaCode}, area_code || '.'))`
        : sql`true`;
    return rowsOf<Device>(
      await tx.execute(sql`
        select id, endpoint, p256dh, auth, lang, base_path as "basePath" from push_subscription
        where topics @> array[${job.topic}]::text[] and ${who} ${after}
        order by id limit ${this.tuning.batchSize}`),
    );
  }

  private async record(
    tx: Tx,
    job: Pick<Job, 'id'>,
    devices: Device[],
    outcomes: PushOutcome[],
    cursor: string | null,
  ) {
    const sent: string[] = [];
    const gone: string[] = [];
    const retry: { id: string; at: Date; error: string }[] = [];
    let refused = 0;
    outcomes.forEach((o, i) => {
      const d = devices[i];
      if (!d) return;
      if (o.kind === 'sent') sent.push(d.id);
      else if (o.kind === 'gone') gone.push(d.id);
      else if (o.kind === 'retry')
        retry.push({ id: d.id, at: this.nextAttempt(1, o.retryAfterMs), error: o.error });
      else refused++;
    });
    const lease = this.tuning.leaseMs / 1000;
    await tx.execute(sql`
      update notification_job set cursor = ${cursor}, sent = sent + ${sent.length},
        failed = failed + ${refused}, removed = removed + ${gone.length},
        leased_until = now() + make_interval(secs => ${lease})
      where id = ${job.id}`);
    if (sent.length)
      await tx.execute(
        sql`update push_subscription set last_sent_at = now() where id = any(${pgUuids(sent)}::uuid[])`,
      );
    if (gone.length)
      await tx.execute(sql`delete from push_subscription where id = any(${pgUuids(gone)}::uuid[])`);
    for (const r of retry)
      await tx.execute(sql`
        insert into notification_retry (region_id, job_id, subscription_id, next_at, last_error)
        values (current_setting('app.region_id')::uuid, ${job.id}, ${r.id}, ${r.at.toISOString()}, ${r.error})
        on conflict do nothing`);
  }

  private nextAttempt(attempts: number, retryAfterMs?: number): Date {
    const backoff = Math.min(3600_000, 30_000 * 4 ** (attempts - 1));
    return new Date(Date.now() + Math.max(backoff, retryAfterMs ?? 0));
  }

  /** Sends the pushes that failed before and are due again. Returns how many it tried. */
  private async runRetries(regionId: string): Promise<number> {
    const lease = this.tuning.leaseMs / 1000;
    const due = await this.inRegion(regionId, async (tx) =>
      rowsOf<Record<string, unknown>>(
        await tx.execute(sql`
          with due as (
            select job_id, subscription_id from notification_retry
            where next_at <= now() order by next_at limit 200 for update skip locked)
          update notification_retry r set next_at = now() + make_interval(secs => ${lease})
          from due, push_subscription s, notification_job j, notification n
          where r.job_id = due.job_id and r.subscription_id = due.subscription_id
            and s.id = r.subscription_id and j.id = r.job_id and n.id = j.notification_id
          returning r.job_id, r.attempts, s.id, s.endpoint, s.p256dh, s.auth, s.lang, s.base_path,
            j.expires_at, j.urgency, n.topic, n.title, n.body, n.url, n.id as notification_id`),
      ),
    );
    if (due.length === 0) return 0;
    const outcomes = await mapLimit(due, this.tuning.concurrency, async (r) => {
      const job = {
        notificationId: String(r.notification_id),
        topic: String(r.topic),
        title: parseJson<Label>(r.title),
        body: r.body == null ? null : parseJson<Label>(r.body),
        url: (r.url as string | null) ?? null,
        expiresAt: new Date(r.expires_at as string),
        urgency: r.urgency as Job['urgency'],
      };
      if (job.expiresAt.getTime() <= Date.now()) return { kind: 'refused', error: 'expired' } as PushOutcome;
      const device = {
        id: String(r.id),
        endpoint: String(r.endpoint),
        p256dh: String(r.p256dh),
        auth: String(r.auth),
        lang: r.lang as Lang,
        basePath: String(r.base_path),
      };
      return this.push.send(device, payloadCache(job)(device), this.sendOptions(job));
    });
    await this.inRegion(regionId, async (tx) => {
      for (const [i, o] of outcomes.entries()) {
        const r = due[i];
        if (!r) continue;
        const key = sql`job_id = ${String(r.job_id)} and subscription_id = ${String(r.id)}`;
        const attempts = Number(r.attempts);
        if (o.kind === 'retry' && attempts < this.tuning.maxAttempts) {
          const at = this.nextAttempt(attempts + 1, o.retryAfterMs).toISOString();
          await tx.execute(
            sql`update notification_retry set attempts = attempts + 1, next_at = ${at}, last_error = ${o.error} where ${key}`,
          );
          continue;
        }
        await tx.execute(sql`delete from notification_retry where ${key}`);
        const column =
          o.kind === 'sent' ? sql.raw('sent') : o.kind === 'gone' ? sql.raw('removed') : sql.raw('failed');
        await tx.execute(
          sql`update notification_job set ${column} = ${column} + 1 where id = ${String(r.job_id)}`,
        );
        if (o.kind === 'gone')
          await tx.execute(sql`delete from push_subscription where id = ${String(r.id)}`);
      }
    });
    return due.length;
  }

  private async mail(regionId: string, job: Job) {
    if (!job.emailTo) return;
    try {
      const text = [job.body?.id, job.url ? `\n${job.url}` : '', '\n\n--\n', job.title.en, job.body?.en]
        .filter(Boolean)
        .join('\n');
      await this.mailer.mail({ to: job.emailTo, subject: job.title.id, text });
      await this.inRegion(regionId, (tx) =>
        tx.execute(sql`update notification_job set email_to = null where id = ${job.id}`),
      );
    } catch (err) {
      // Left in place: the job is claimed again when its lease ends, and the e-mail tried again.
      this.log('notification e-mail failed', err);
    }
  }
}

/** The encrypted payload's plaintext, per language and app prefix (shared by every device alike). */
function payloadCache(job: Pick<Job, 'notificationId' | 'topic' | 'title' | 'body' | 'url'>) {
  const made = new Map<string, string>();
  return (d: Pick<Device, 'lang' | 'basePath'>) => {
    const key = `${d.lang}|${d.basePath}`;
    let p = made.get(key);
    if (!p) {
      p = JSON.stringify({
        id: job.notificationId,
        topic: job.topic,
        title: job.title[d.lang] ?? job.title.id,
        body: job.body ? (job.body[d.lang] ?? job.body.id) : null,
        url: `${d.basePath}${job.url ?? '/notifikasi'}`,
      });
      made.set(key, p);
    }
    return p;
  };
}

function parseJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** A uuid[] literal for `= any(…)`: both drivers pass it as one text parameter. */
function pgUuids(ids: string[]): string {
  return `{${ids.join(',')}}`;
}

/** Runs `fn` over `items` with at most `limit` at once; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
