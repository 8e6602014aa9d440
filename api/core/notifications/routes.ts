import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deviceLookupInput,
  deviceView,
  inboxQuery,
  inboxView,
  markReadInput,
  type NotificationTopicView,
  notificationConfigView,
  preferencesInput,
  preferenceView,
  subscribeInput,
} from '../../../shared/notifications';
import { rowsOf, type Tx } from '../db/client';

import { invalid, notFound } from '../errors';
import type { SimpulModule } from '../modules/types';
import { isAllowedEndpoint } from './endpoints';
import { listInbox, listPreferences, markRead, unreadCount } from './inbox';

const tags = ['notifications'];

/**
 * /api/notifications: the topics a region offers, device subscriptions (Web Push), the signed-in
 * person's inbox and their per-topic choices. Subscribing is open to anyone for public topics (a
 * device, no account); personal topics are kept only for a signed-in device.
 */
export async function notificationRoutes(app: FastifyInstance, modules: readonly SimpulModule[]) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function topicsOf(req: FastifyRequest): Promise<NotificationTopicView[]> {
    const states = await app.simpul.directory.moduleStates(req.region.id);
    return modules
      .filter((m) => states.get(m.id)?.enabled)
      .flatMap((m) =>
        (m.notifications?.topics ?? [])
          .filter((t) => !t.permission || req.permissions.has(t.permission))
          .map((t) => ({
            id: t.id,
            module: m.id,
            label: t.label,
            personal: t.personal,
            defaultOn: t.defaultOn,
            byArea: t.byArea ?? false,
          })),
      );
  }

  /** The person's choice for every topic offered (no row = not followed, no e-mail). */
  async function preferencesOf(req: FastifyRequest, offered: NotificationTopicView[]) {
    const mine = new Map(
      (await req.inRegion((tx) => listPreferences(tx, req.actor().id))).map((p) => [p.topic, p]),
    );
    return offered.map((t) => {
      const p = mine.get(t.id);
      return { topic: t.id, follow: Boolean(p), email: p?.email ?? false, areaCode: p?.areaCode ?? null };
    });
  }

  async function checkArea(tx: Tx, areaCode: string | null) {
    if (!areaCode) return;
    const [hit] = rowsOf(await tx.execute(sql`select 1 from region_area where code = ${areaCode}`));
    if (!hit)
      throw invalid({ id: 'Wilayah tidak ada di daerah ini.', en: 'That area is not in this region.' });
  }

  function unknownTopics(asked: readonly string[], offered: NotificationTopicView[]) {
    const known = new Set(offered.map((t) => t.id));
    const unknown = asked.filter((t) => !known.has(t));
    if (unknown.length)
      throw invalid(
        { id: 'Topik notifikasi tidak dikenal.', en: 'Unknown notification topic.' },
        { topics: unknown },
      );
  }

  r.get(
    '/api/notifications/config',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Web Push key and the notification topics this region offers',
        response: { 200: notificationConfigView },
      },
    },
    async (req) => ({ vapidPublicKey: app.simpul.notifications.push.publicKey, topics: await topicsOf(req) }),
  );

  r.post(
    '/api/notifications/devices',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Subscribe this device (a browser PushSubscription) to topics, or change its topics',
        body: subscribeInput,
        response: { 200: deviceView },
      },
    },
    async (req) => {
      const { subscription, areaCode, lang, basePath } = req.body;
      if (!isAllowedEndpoint(subscription.endpoint, app.simpul.config.push.extraOrigins))
        throw invalid({
          id: 'Alamat layanan push tidak dikenal.',
          en: 'The push service address is not a known push service.',
        });
      const offered = await topicsOf(req);
      unknownTopics(req.body.topics, offered);
      const userId = req.user?.userId ?? null;
      const personal = new Set(offered.filter((t) => t.personal).map((t) => t.id));
      const topics = [...new Set(req.body.topics)].filter((t) => userId || !personal.has(t));
      return req.inRegion(async (tx) => {
        await checkArea(tx, areaCode);
        // One row per endpoint. Re-subscribing moves it to whoever is signed in now (or to nobody).
        await tx.execute(sql`
          insert into push_subscription (region_id, user_id, endpoint, p256dh, auth, topics, area_code, lang, base_path)
          values (current_setting('app.region_id')::uuid, ${userId}, ${subscription.endpoint},
            ${subscription.keys.p256dh}, ${subscription.keys.auth}, ${`{${topics.join(',')}}`}::text[],
            ${areaCode}, ${lang}, ${basePath})
          on conflict (region_id, endpoint) do update set user_id = excluded.user_id, p256dh = excluded.p256dh,
            auth = excluded.auth, topics = excluded.topics, area_code = excluded.area_code,
            lang = excluded.lang, base_path = excluded.base_path`);
        return { topics, areaCode, signedIn: userId !== null };
      });
    },
  );

  r.post(
    '/api/notifications/devices/lookup',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'What this device is subscribed to (proved by its endpoint and auth secret)',
        body: deviceLookupInput,
        response: { 200: deviceView },
      },
    },
    async (req) =>
      req.inRegion(async (tx) => {
        const [row] = rowsOf<{ topics: string[]; area_code: string | null; user_id: string | null }>(
          await tx.execute(sql`
            select topics, area_code, user_id from push_subscription
            where endpoint = ${req.body.endpoint} and auth = ${req.body.auth}`),
        );
        if (!row)
          throw notFound({ id: 'Perangkat belum berlangganan.', en: 'This device is not subscribed.' });
        return { topics: row.topics, areaCode: row.area_code, signedIn: row.user_id !== null };
      }),
  );

  r.post(
    '/api/notifications/devices/remove',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Unsubscribe this device (proved by its endpoint and auth secret)',
        body: deviceLookupInput,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await req.inRegion((tx) =>
        tx.execute(
          sql`delete from push_subscription where endpoint = ${req.body.endpoint} and auth = ${req.body.auth}`,
        ),
      );
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/notifications',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'My notification inbox, newest first, with the unread count',
        querystring: inboxQuery,
        response: { 200: inboxView },
      },
    },
    async (req) => req.inRegion((tx) => listInbox(tx, req.actor().id, req.query)),
  );

  r.get(
    '/api/notifications/unread',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'How many notifications I have not read',
        response: { 200: z.object({ unread: z.number().int() }) },
      },
    },
    async (req) => ({ unread: await req.inRegion((tx) => unreadCount(tx, req.actor().id)) }),
  );

  r.post(
    '/api/notifications/read',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Mark notifications read (some, or all)',
        body: markReadInput,
        response: { 200: z.object({ unread: z.number().int() }) },
      },
    },
    async (req) =>
      req.inRegion(async (tx) => {
        await markRead(tx, req.actor().id, req.body);
        return { unread: await unreadCount(tx, req.actor().id) };
      }),
  );

  r.get(
    '/api/notifications/preferences',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'My choices per topic: in the inbox, by e-mail, my area',
        response: { 200: z.array(preferenceView) },
      },
    },
    async (req) => {
      return preferencesOf(req, await topicsOf(req));
    },
  );

  r.put(
    '/api/notifications/preferences',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Change my choices per topic',
        body: preferencesInput,
        response: { 200: z.array(preferenceView) },
      },
    },
    async (req) => {
      const offered = await topicsOf(req);
      unknownTopics(
        req.body.topics.map((t) => t.topic),
        offered,
      );
      const userId = req.actor().id;
      await req.inRegion(async (tx) => {
        for (const p of req.body.topics) {
          await checkArea(tx, p.areaCode);
          if (!p.follow && !p.email) {
            await tx.execute(
              sql`delete from notification_preference where user_id = ${userId} and topic = ${p.topic}`,
            );
            continue;
          }
          await tx.execute(sql`
            insert into notification_preference (region_id, user_id, topic, email, area_code)
            values (current_setting('app.region_id')::uuid, ${userId}, ${p.topic}, ${p.email}, ${p.areaCode})
            on conflict (region_id, user_id, topic) do update set email = excluded.email, area_code = excluded.area_code`);
        }
      });
      return preferencesOf(req, offered);
    },
  );
}
