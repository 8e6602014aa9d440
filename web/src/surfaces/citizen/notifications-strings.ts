import { registerStrings } from '../../core/i18n';

/** Strings of the notifications page and bell, under `notif.*` (only the active language is fetched). */
await registerStrings('notif', {
  id: () => import('./locales/notifications.id.json'),
  en: () => import('./locales/notifications.en.json'),
});
