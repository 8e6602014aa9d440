import { z } from 'zod';

const label = z.object({ id: z.string(), en: z.string() });
const topicId = z
  .string()
  .regex(/^[a-z0-9-]+\.[a-z0-9.-]+$/)
  .max(80);
const base64url = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/)
    .refine((s) => s.replace(/=+$/, '').length === Math.ceil((bytes * 4) / 3), {
      message: `must be ${bytes} bytes`,
    });

export const notificationTopicView = z
  .object({
    id: z.string(),
    module: z.string(),
    label,
    personal: z.boolean().describe('About the signed-in person’s own records; needs an account'),
    defaultOn: z.boolean(),
    byArea: z.boolean().describe('Followers choose a kecamatan; area announcements reach only it'),
  })
  .meta({ id: 'NotificationTopic' });
export type NotificationTopicView = z.infer<typeof notificationTopicView>;

export const notificationConfigView = z.object({
  vapidPublicKey: z.string().describe('applicationServerKey for PushManager.subscribe (base64url)'),
  topics: z.array(notificationTopicView),
});
export type NotificationConfigView = z.infer<typeof notificationConfigView>;

/** A browser PushSubscription as `subscription.toJSON()` gives it. */
export const pushSubscriptionJson = z.object({
  endpoint: z.string().url().max(1000),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: base64url(65), auth: base64url(16) }),
});

export const subscribeInput = z.object({
  subscription: pushSubscriptionJson,
  topics: z.array(topicId).max(50),
  areaCode: z.string().max(20).nullable().default(null),
  lang: z.enum(['id', 'en']).default('id'),
  basePath: z
    .string()
    .regex(/^(\/r\/[a-z0-9-]+)?$/)
    .default(''),
});
export type SubscribeInput = z.input<typeof subscribeInput>;

export const deviceLookupInput = z.object({ endpoint: z.string().url().max(1000), auth: base64url(16) });

export const deviceView = z.object({
  topics: z.array(z.string()),
  areaCode: z.string().nullable(),
  signedIn: z.boolean().describe('Whether the device is tied to the signed-in account'),
});
export type DeviceView = z.infer<typeof deviceView>;

export const inboxItemView = z
  .object({
    id: z.string().uuid(),
    topic: z.string(),
    title: label,
    body: label.nullable(),
    url: z.string().nullable(),
    at: z.string(),
    read: z.boolean(),
  })
  .meta({ id: 'InboxItem' });
export type InboxItemView = z.infer<typeof inboxItemView>;

export const inboxView = z.object({ items: z.array(inboxItemView), unread: z.number().int() });
export type InboxView = z.infer<typeof inboxView>;

export const inboxQuery = z.object({
  before: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const markReadInput = z.union([
  z.object({ ids: z.array(z.string().uuid()).min(1).max(100) }),
  z.object({ all: z.literal(true) }),
]);

export const preferenceView = z.object({
  topic: z.string(),
  follow: z.boolean().describe('Shown in the inbox'),
  email: z.boolean(),
  areaCode: z.string().nullable(),
});
export type PreferenceView = z.infer<typeof preferenceView>;
export const preferencesInput = z.object({
  topics: z
    .array(
      z.object({
        topic: topicId,
        follow: z.boolean(),
        email: z.boolean().default(false),
        areaCode: z.string().max(20).nullable().default(null),
      }),
    )
    .max(50),
});
