import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { ginIndex } from '../db/indexes';
import { appUser } from '../db/schema';
import { platformOnlyPolicies, tenantTable } from '../db/tenancy';

type Label = { id: string; en: string };
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/**
 * What the in-app inbox shows. `userId` set: one person's (a LAKSA status change, a 112 unit on
 * its way). `userId` null: a broadcast on a public topic (news, an announcement for a kecamatan),
 * stored once however many people follow the topic; the inbox of each follower reads it from here.
 */
export const notification = tenantTable(
  'notification',
  {
    id: uuid().notNull().defaultRandom(),
    userId: uuid(),
    /** `<module>.<name>`, declared in a module manifest's `notifications.topics`. */
    topic: text().notNull(),
    /** A broadcast limited to one kecamatan/kelurahan (and the areas under it); null = whole region. */
    areaCode: text(),
    title: jsonb().$type<Label>().notNull(),
    body: jsonb().$type<Label>(),
    /** App path opened on tap (`/layanan/laksa/…`), never a foreign origin. */
    url: text(),
    createdAt: createdAt(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({ columns: [t.regionId, t.userId], foreignColumns: [appUser.regionId, appUser.id] }).onDelete(
      'cascade',
    ),
    index('notification_user_idx').on(t.regionId, t.userId, t.createdAt),
    index('notification_broadcast_idx').on(t.regionId, t.topic, t.createdAt).where(sql`user_id is null`),
  ],
);

/** Broadcasts a signed-in person has read (personal ones carry `read_at` themselves). */
export const notificationRead = tenantTable(
  'notification_read',
  {
    userId: uuid().notNull(),
    notificationId: uuid().notNull(),
    at: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.userId, t.notificationId] }),
    foreignKey({ columns: [t.regionId, t.userId], foreignColumns: [appUser.regionId, appUser.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.regionId, t.notificationId],
      foreignColumns: [notification.regionId, notification.id],
    }).onDelete('cascade'),
    index('notification_read_notification_idx').on(t.regionId, t.notificationId),
  ],
);

/**
 * One browser's Web Push subscription (RFC 8030 endpoint + RFC 8291 keys). Anyone may subscribe a
 * device to public topics; a signed-in person's device also gets their personal topics. Removed
 * when the push service answers 404/410 (the browser dropped it).
 */
export const pushSubscription = tenantTable(
  'push_subscription',
  {
    id: uuid().notNull().defaultRandom(),
    userId: uuid(),
    endpoint: text().notNull(),
    p256dh: text().notNull(),
    auth: text().notNull(),
    topics: text().array().notNull(),
    /** The kecamatan (or kelurahan) whose announcements this device wants; null = whole region only. */
    areaCode: text(),
    lang: text().$type<'id' | 'en'>().notNull().default('id'),
    /** The app's path prefix on this device (`/r/<slug>` on a shared domain, else empty): taps open under it. */
    basePath: text().notNull().default(''),
    createdAt: createdAt(),
    lastSentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('push_subscription_endpoint_uq').on(t.regionId, t.endpoint),
    foreignKey({ columns: [t.regionId, t.userId], foreignColumns: [appUser.regionId, appUser.id] }).onDelete(
      'cascade',
    ),
    index('push_subscription_user_idx').on(t.regionId, t.userId),
    ginIndex('push_subscription_topics_idx', t.topics),
  ],
);

/**
 * The topics a signed-in person follows in their inbox (a row = following), with whether they also
 * want an e-mail and, for area topics, their kecamatan. Push is chosen per device (above).
 */
export const notificationPreference = tenantTable(
  'notification_preference',
  {
    userId: uuid().notNull(),
    topic: text().notNull(),
    email: boolean().notNull().default(false),
    areaCode: text(),
    /** Broadcasts from before someone followed a topic are not put in their inbox. */
    since: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.userId, t.topic] }),
    foreignKey({ columns: [t.regionId, t.userId], foreignColumns: [appUser.regionId, appUser.id] }).onDelete(
      'cascade',
    ),
  ],
);

/**
 * The delivery queue: one row per notification to push (and e-mail). The worker walks the
 * matching subscriptions in id order from `cursor`, so a crash resumes where the last committed
 * batch ended (a device may get a push twice, never none). Failed sends wait in
 * `notification_retry`. A worker holds a job by `leasedUntil`, never by an open transaction.
 */
export const notificationJob = tenantTable(
  'notification_job',
  {
    id: uuid().notNull().defaultRandom(),
    notificationId: uuid().notNull(),
    /** The address to e-mail (a personal notification whose person chose e-mail for the topic); null once sent. */
    emailTo: text(),
    cursor: uuid(),
    leasedUntil: timestamp({ withTimezone: true }),
    sent: integer().notNull().default(0),
    failed: integer().notNull().default(0),
    removed: integer().notNull().default(0),
    createdAt: createdAt(),
    /** Push services drop a message not delivered within this (RFC 8030 TTL). */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    urgency: text().$type<'normal' | 'high'>().notNull().default('normal'),
    doneAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.notificationId],
      foreignColumns: [notification.regionId, notification.id],
    }).onDelete('cascade'),
    index('notification_job_notification_idx').on(t.regionId, t.notificationId),
    index('notification_job_pending_idx').on(t.regionId, t.createdAt).where(sql`done_at is null`),
  ],
);

/** A push that failed for a reason worth retrying (429, 5xx, network), with its next attempt. */
export const notificationRetry = tenantTable(
  'notification_retry',
  {
    jobId: uuid().notNull(),
    subscriptionId: uuid().notNull(),
    attempts: smallint().notNull().default(1),
    nextAt: timestamp({ withTimezone: true }).notNull(),
    lastError: text(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.jobId, t.subscriptionId] }),
    foreignKey({
      columns: [t.regionId, t.jobId],
      foreignColumns: [notificationJob.regionId, notificationJob.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.regionId, t.subscriptionId],
      foreignColumns: [pushSubscription.regionId, pushSubscription.id],
    }).onDelete('cascade'),
    index('notification_retry_due_idx').on(t.regionId, t.nextAt),
    index('notification_retry_subscription_idx').on(t.regionId, t.subscriptionId),
  ],
);

/**
 * The deployment's VAPID key pair (RFC 8292), made on first start and shared by every process.
 * Platform-only: no region reads the private key.
 */
export const pushVapid = pgTable(
  'push_vapid',
  {
    id: smallint().primaryKey().default(1),
    publicKey: text().notNull(),
    privateKey: text().notNull(),
    createdAt: createdAt(),
  },
  () => platformOnlyPolicies('push_vapid'),
).enableRLS();
