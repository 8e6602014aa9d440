import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../core/db/client';
import { conflict, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import type { RegionWorker, ScheduledTask } from '../../core/modules/types';
import { skWebhook, skWebhookDelivery } from './schema';
import type { Actor } from './seekers';

/**
 * Signed outbound webhooks per new vacancy and placement, so a region can feed the national job
 * system (SIAPkerja/Karirhub) or its own. Signed with the Standard Webhooks scheme
 * (https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp`, `webhook-signature:
 * v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, where key = base64-decoded secret
 * after `whsec_`. Delivered outside any transaction, retried with back-off.
 */
export const RETRY_DELAYS_S = [30, 120, 600, 3600, 21600] as const;
const TIMEOUT_MS = 10_000;

export const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export function signWebhook(secret: string, id: string, body: string, t = Math.floor(Date.now() / 1000)) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const sig = createHmac('sha256', key).update(`${id}.${t}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(t), 'webhook-signature': `v1,${sig}` };
}

/** Private, loopback and local targets are refused unless the platform allows them (tests, LANs). */
export function targetProblem(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'only http and https';
  if (u.username || u.password) return 'no credentials in the URL';
  if (process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true') return null;
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (
    /^(localhost|.*\.local|.*\.internal)$/.test(host) ||
    /^(127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.|0\.)/.test(host) ||
    host === '::1' ||
    !host.includes('.')
  )
    return 'private or local addresses are not allowed';
  return null;
}

/** Adds a delivery per active webhook, in the transaction of the change it reports. */
export async function queueWebhook(
  tx: Tx,
  regionId: string,
  eventType: string,
  data: Record<string, unknown>,
) {
  const hooks = await tx.select({ id: skWebhook.id }).from(skWebhook).where(eq(skWebhook.active, true));
  if (hooks.length === 0) return;
  const payload = { type: eventType, timestamp: new Date().toISOString(), data };
  await tx
    .insert(skWebhookDelivery)
    .values(hooks.map((h) => ({ regionId, webhookId: h.id, eventType, payload })));
}

export async function listWebhooks(tx: Tx) {
  const rows = (await tx.execute(sql`
    select w.id, w.url, w.active, w.created_at,
      count(*) filter (where d.status = 'delivered')::int as delivered,
      count(*) filter (where d.status = 'failed')::int as failed,
      count(*) filter (where d.status = 'pending')::int as pending
    from siap_kerja_webhook w left join siap_kerja_webhook_delivery d on d.region_id = w.region_id and d.webhook_id = w.id
    group by w.id, w.url, w.active, w.created_at order by w.created_at`)) as unknown as {
    rows: {
      id: string;
      url: string;
      active: boolean;
      created_at: string | Date;
      delivered: number;
      failed: number;
      pending: number;
    }[];
  };
  return res(rows.rows);
}
const res = (
  rows: {
    id: string;
    url: string;
    active: boolean;
    created_at: string | Date;
    delivered: number;
    failed: number;
    pending: number;
  }[],
) =>
  rows.map((r) => ({
    id: r.id,
    url: r.url,
    active: r.active,
    createdAt: new Date(r.created_at).toISOString(),
    delivered: Number(r.delivered),
    failed: Number(r.failed),
    pending: Number(r.pending),
  }));

export async function addWebhook(tx: Tx, regionId: string, actor: Actor, url: string) {
  const problem = targetProblem(url);
  if (problem)
    throw invalid({ id: `Alamat webhook ditolak: ${problem}`, en: `Webhook URL refused: ${problem}` });
  const [dupe] = await tx.select({ id: skWebhook.id }).from(skWebhook).where(eq(skWebhook.url, url));
  if (dupe) throw conflict({ id: 'Webhook ini sudah ada.', en: 'This webhook already exists.' });
  const secret = newSecret();
  const [row] = await tx.insert(skWebhook).values({ regionId, url, secret }).returning();
  await emitEvent(tx, regionId, {
    type: 'siap-kerja.webhook.created',
    actor,
    summary: { id: 'Webhook Siap Kerja ditambahkan', en: 'Siap Kerja webhook added' },
    data: { webhookId: row!.id, host: new URL(url).host },
  });
  return {
    id: row!.id,
    url,
    active: true,
    createdAt: row!.createdAt.toISOString(),
    secret,
    delivered: 0,
    failed: 0,
    pending: 0,
  };
}

export async function removeWebhook(tx: Tx, regionId: string, actor: Actor, id: string) {
  const [row] = await tx.delete(skWebhook).where(eq(skWebhook.id, id)).returning({ id: skWebhook.id });
  if (!row) throw notFound();
  await emitEvent(tx, regionId, {
    type: 'siap-kerja.webhook.deleted',
    actor,
    summary: { id: 'Webhook Siap Kerja dihapus', en: 'Siap Kerja webhook removed' },
    data: { webhookId: id },
  });
}

async function post(url: string, headers: Record<string, string>, body: string) {
  try {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Simpul-Webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await r.body?.cancel();
    return r.status >= 200 && r.status < 300 ? null : `HTTP ${r.status}`;
  } catch (err) {
    return (err as Error).message.slice(0, 300);
  }
}

/** Sends due deliveries, each in its own short transaction (never holding one across HTTP). */
export async function deliverDue(w: Pick<RegionWorker, 'inRegion'>, batch = 25): Promise<number> {
  const due = await w.inRegion((tx) =>
    tx
      .select({ d: skWebhookDelivery, url: skWebhook.url, secret: skWebhook.secret })
      .from(skWebhookDelivery)
      .innerJoin(
        skWebhook,
        and(
          eq(skWebhook.regionId, skWebhookDelivery.regionId),
          eq(skWebhook.id, skWebhookDelivery.webhookId),
        ),
      )
      .where(and(eq(skWebhookDelivery.status, 'pending'), lte(skWebhookDelivery.nextAttemptAt, new Date())))
      .orderBy(asc(skWebhookDelivery.nextAttemptAt))
      .limit(batch),
  );
  for (const { d, url, secret } of due) {
    // Lease: not due again for a minute while this worker sends it.
    await w.inRegion((tx) =>
      tx
        .update(skWebhookDelivery)
        .set({ nextAttemptAt: new Date(Date.now() + 60_000) })
        .where(eq(skWebhookDelivery.id, d.id)),
    );
    const body = JSON.stringify({ ...d.payload, deliveryId: d.id });
    const problem = targetProblem(url);
    const error = problem ?? (await post(url, signWebhook(secret, d.id ?? randomUUID(), body), body));
    const attempts = d.attempts + 1;
    await w.inRegion((tx) =>
      tx
        .update(skWebhookDelivery)
        .set(
          error === null
            ? { status: 'delivered', attempts, deliveredAt: new Date(), lastError: null }
            : attempts > RETRY_DELAYS_S.length
              ? { status: 'failed', attempts, lastError: error }
              : {
                  attempts,
                  lastError: error,
                  nextAttemptAt: new Date(Date.now() + RETRY_DELAYS_S[attempts - 1]! * 1000),
                },
        )
        .where(eq(skWebhookDelivery.id, d.id)),
    );
  }
  return due.length;
}

export const webhookTask: ScheduledTask = {
  name: 'siap-kerja.webhooks',
  everyMs: 15_000,
  hasWork: sql`select r.id as region_id from region r where exists (
    select 1 from siap_kerja_webhook_delivery d where d.region_id = r.id
      and d.status = 'pending' and d.next_attempt_at <= now())`,
  transactional: false,
  run: async (w) => {
    await deliverDue(w);
  },
};
