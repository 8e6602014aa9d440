import { registerStrings } from '../../core/i18n';

/**
 * Harga Pangan's own strings under `hargaPangan.*` (imported by every entry file of the module).
 * Only the active language's file is downloaded; the top-level await holds the importing screen
 * until its strings are here.
 */
await registerStrings('hargaPangan', {
  id: () => import('./locales/id.json'),
  en: () => import('./locales/en.json'),
});
