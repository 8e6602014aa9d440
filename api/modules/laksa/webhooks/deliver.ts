import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { webhookDeliveries } from '../../../core/metrics';
import type { RegionWorker, ScheduledTask } from '../../../core/modules/types';
import { laksaWebhookDelivery as delivery, laksaWebhook } from '../schema';
import { guardedLookup, privateTargetsAllowed, targetProblem } from './targets';

export const USER_AGENT = 'Simpul-Webhooks/1';
/** Seconds to wait before attempt 2, 3, … 6; a sixth failure marks the delivery `failed`. */
export const RETRY_DELAYS_S = [30, 120, 600, 3600, 21600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_S.length + 1;
export const TIMEOUT_MS = 10_000;
/** A claimed delivery is not due again for this long (a worker that died mid-send is retried). */
const LEASE_S = 60;
const BATCH = 25;

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (Stripe-like), kept for the
 * receivers written before the Standard Webhooks headers. The key is the whole secret string as
 * UTF-8, `whsec_` prefix included. During a change-over a second `v1=` (previous secret) follows.
 */
export function signatureHeader(
  secret: string | readonly string[],
  body: string,
  t = Math.floor(Date.now() / 1000),
): string {
  const v1 = (typeof secret === 'string' ? [secret] : secret).map(
    (s) => `v1=${createHmac('sha256', s).update(`${t}.${body}`).digest('hex')}`,
  );
  return `t=${t},${v1.join(',')}`;
}

/**
 * The key of a Standard Webhooks secret: the base64 after `whsec_` (https://www.standardwebhooks.com).
 * Secrets made before base64 ones (`whsec_<hex>`) decode too: hex digits are base64 characters.
 */
const standardKey = (secret: string) => Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

/**
 * The Standard Webhooks headers: `webhook-id`, `webhook-timestamp` and `webhook-signature`, one
 * `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>` per valid secret, space-separated
 * (during a secret change-over both the new and the previous secret sign). Verifiable with the
 * `standardwebhooks` libraries (`new Webhook(secret).verify(body, headers)`).
 */
export function standardWebhookHeaders(
  secrets: readonly string[],
  id: string,
  body: string,
  t = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signatures = secrets.map(
    (secret) =>
      `v1,${createHmac('sha256', standardKey(secret)).update(`${id}.${t}.${body}`).digest('base64')}`,
  );
  return { 'webhook-id': id, 'webhook-timestamp': String(t), 'webhook-signature': signatures.join(' ') };
}

/**
 * The secrets that sign a delivery now: the primary, then the previous one until its change-over
 * ends (`previousExpiresAt`).
 */
export function signingSecrets(
  w: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null },
  now = new Date(),
): string[] {
  const previousValid =
    w.previousSecret && w.previousSecretExpiresAt && w.previousSecretExpiresAt.getTime() > now.getTime();
  return previousValid ? [w.secret, w.previousSecret!] : [w.secret];
}

export type SendResult = { ok: boolean; statusCode: number | null; error: string | null };

/**
 * One POST, no redirects, at most TIMEOUT_MS in all; reads at most 1 KiB of the answer (for the
 * error shown to admins). Never throws.
 */
export function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: { timeoutMs?: number; allowPrivate?: boolean } = {},
): Promise<SendResult> {
  const allowPrivate = opts.allowPrivate ?? privateTargetsAllowed();
  const problem = targetProblem(url, allowPrivate);
  if (problem) return Promise.resolve({ ok: false, statusCode: null, error: `refused: ${problem}` });
  const u = new URL(url);
  const client = u.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const req = client.request(
      u,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allowPrivate),
        signal: AbortSignal.timeout(opts.timeoutMs ?? TIMEOUT_MS),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < 1024) text += chunk;
        });
        const finish = () => {
          const ok = status >= 200 && status < 300;
          const snippet = text.slice(0, 200).replace(/\s+/g, ' ').trim();
          done({
            ok,
            statusCode: status,
            error: ok ? null : `HTTP ${status}${snippet ? `: ${snippet}` : ''}`,
          });
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      const timedOut = err.name === 'AbortError' || err.name === 'TimeoutError';
      done({
        ok: false,
        statusCode: null,
        error: timedOut
          ? `timeout after ${(opts.timeoutMs ?? TIMEOUT_MS) / 1000} s`
          : err.message.slice(0, 300),
      });
    });
    req.end(body);
  });
}

/** Scheme and host only: a path or query may carry a receiver's token (kept out of logs). */
const origin = (u: string) => {
  try {
    return new URL(u).origin;
  } catch {
    return 'invalid URL';
  }
};

type Claimed = {
  id: string;
  webhookId: string;
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
};

/**
 * Claims due deliveries in one short transaction: pending, due, webhook active; locked with
 * SKIP LOCKED so concurrent workers take different rows, then leased (not due again for
 * LEASE_S) and the attempt counted. Deliveries left pending at the maximum (a worker died after
 * its last claim) are closed as failed.
 */
async function claimDue(worker: RegionWorker, limit: number): Promise<Claimed[]> {
  return worker.inRegion(async (tx) => {
    await tx
      .update(delivery)
      .set({
        status: 'failed',
        nextAttemptAt: null,
        lastError: sql`coalesce(${delivery.lastError}, 'no result')`,
      })
      .where(
        and(
          eq(delivery.regionId, worker.regionId),
          eq(delivery.status, 'pending'),
          gte(delivery.attempts, MAX_ATTEMPTS),
          lte(delivery.nextAttemptAt, sql`now()`),
        ),
      );
    const due = await tx
      .select({
        id: delivery.id,
        webhookId: delivery.webhookId,
        eventType: delivery.eventType,
        payload: delivery.payload,
        attempts: delivery.attempts,
        url: laksaWebhook.url,
        secret: laksaWebhook.secret,
        previousSecret: laksaWebhook.previousSecret,
        previousSecretExpiresAt: laksaWebhook.previousSecretExpiresAt,
      })
      .from(delivery)
      .innerJoin(
        laksaWebhook,
        and(eq(laksaWebhook.regionId, delivery.regionId), eq(laksaWebhook.id, delivery.webhookId)),
      )
      .where(
        and(
          eq(delivery.regionId, worker.regionId),
          eq(delivery.status, 'pending'),
          lte(delivery.nextAttemptAt, sql`now()`),
          eq(laksaWebhook.active, true),
        ),
      )
      .orderBy(asc(delivery.nextAttemptAt), asc(delivery.createdAt))
      .limit(limit)
      .for('update', { of: delivery, skipLocked: true });
    if (due.length === 0) return [];
    await tx
      .update(delivery)
      .set({
        attempts: sql`${delivery.attempts} + 1`,
        nextAttemptAt: sql`now() + make_interval(secs => ${LEASE_S})`,
      })
      .where(
        and(
          eq(delivery.regionId, worker.regionId),
          inArray(
            delivery.id,
            due.map((d) => d.id),
          ),
        ),
      );
    return due.map((d) => ({ ...d, attempts: d.attempts + 1 }));
  });
}

/** Records the outcome of one attempt (skipped if an admin reset the delivery meanwhile). */
async function record(worker: RegionWorker, d: Claimed, r: SendResult) {
  const failed = !r.ok && d.attempts >= MAX_ATTEMPTS;
  const delay = RETRY_DELAYS_S[Math.min(d.attempts, RETRY_DELAYS_S.length) - 1] ?? 0;
  await worker.inRegion((tx) =>
    tx
      .update(delivery)
      .set({
        status: r.ok ? 'delivered' : failed ? 'failed' : 'pending',
        lastStatusCode: r.statusCode,
        lastError: r.error,
        deliveredAt: r.ok ? sql`now()` : null,
        nextAttemptAt: r.ok || failed ? null : sql`now() + make_interval(secs => ${delay})`,
      })
      .where(
        and(
          eq(delivery.regionId, worker.regionId),
          eq(delivery.id, d.id),
          eq(delivery.status, 'pending'),
          eq(delivery.attempts, d.attempts),
        ),
      ),
  );
}

/**
 * Sends the region's due deliveries: claim (short transaction), POST each outside any
 * transaction, record each result (short transaction). Returns what happened, for tests and logs.
 */
export async function deliverDueWebhooks(
  worker: RegionWorker,
  opts: { limit?: number; timeoutMs?: number } = {},
): Promise<{ delivered: number; failed: number }> {
  const claimed = await claimDue(worker, opts.limit ?? BATCH);
  let delivered = 0;
  await Promise.all(
    claimed.map(async (d) => {
      const body = JSON.stringify(d.payload);
      const secrets = signingSecrets(d);
      const t = Math.floor(Date.now() / 1000);
      const result = await sendWebhook(
        d.url,
        {
          'Content-Type': 'application/json',
          'User-Agent': USER_AGENT,
          'X-Simpul-Event': d.eventType,
          'X-Simpul-Delivery': d.id,
          'X-Simpul-Signature': signatureHeader(secrets, body, t),
          ...standardWebhookHeaders(secrets, d.id, body, t),
        },
        body,
        { timeoutMs: opts.timeoutMs },
      );
      if (result.ok) delivered++;
      await record(worker, d, result);
      const outcome = result.ok ? 'delivered' : d.attempts >= MAX_ATTEMPTS ? 'failed' : 'retrying';
      webhookDeliveries.inc({ outcome });
      if (!result.ok)
        worker.warn?.(outcome === 'failed' ? 'webhook delivery failed for good' : 'webhook delivery failed', {
          delivery: d.id,
          webhook: d.webhookId,
          target: origin(d.url),
          eventType: d.eventType,
          attempt: d.attempts,
          maxAttempts: MAX_ATTEMPTS,
          statusCode: result.statusCode,
          error: result.error,
        });
    }),
  );
  return { delivered, failed: claimed.length - delivered };
}

/** For the manifest's `tasks`: every 15 s per region where LAKSA is on. */
export const webhookDeliveryTask: ScheduledTask = {
  name: 'webhook-delivery',
  everyMs: 15_000,
  hasWork: sql`select r.id as region_id from region r where exists (
    select 1 from laksa_webhook_delivery d where d.region_id = r.id
      and d.status = 'pending' and d.next_attempt_at <= now())`,
  transactional: false,
  run: async (worker) => {
    await deliverDueWebhooks(worker);
  },
};
