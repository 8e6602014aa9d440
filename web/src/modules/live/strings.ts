import { registerStrings } from '../../core/i18n';

/**
 * The live module's strings, under `live-usage.*` (the wall's own strings are the core's `live.*`).
 * Only the active language's file is downloaded; the top-level await holds the importing screen
 * until its strings are here.
 */
await registerStrings('live-usage', {
  id: () => import('./locales/id.json'),
  en: () => import('./locales/en.json'),
});
