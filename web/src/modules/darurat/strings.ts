import { registerStrings } from '../../core/i18n';

/**
 * The module's own strings (`t('darurat.…')`), registered when any 112 screen loads.
 * Only the active language's file is downloaded; the top-level await holds the importing screen
 * until its strings are here.
 */
await registerStrings('darurat', {
  id: () => import('./locales/id.json'),
  en: () => import('./locales/en.json'),
});
