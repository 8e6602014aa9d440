import { registerStrings } from '../../core/i18n';

/**
 * The staff console's strings (`t('staff.…')`), imported by the console's entry.
 * Only the active language's file is downloaded; the top-level await holds the importing screen
 * until its strings are here.
 */
await registerStrings('staff', {
  id: () => import('./locales/staff.id.json'),
  en: () => import('./locales/staff.en.json'),
});
