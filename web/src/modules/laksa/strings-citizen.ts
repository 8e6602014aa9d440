import { registerStrings } from '../../core/i18n';

/**
 * LAKSA's citizen strings (`t('laksaCitizen.…')`), imported by the citizen page.
 * Only the active language's file is downloaded; the top-level await holds the importing screen
 * until its strings are here.
 */
await registerStrings('laksaCitizen', {
  id: () => import('./locales/citizen.id.json'),
  en: () => import('./locales/citizen.en.json'),
});
