import { registerStrings } from '../../core/i18n';

/**
 * LAKSA's staff strings (`t('laksaStaff.…')`), imported by the staff page.
 * Only the active language's file is downloaded; the top-level await holds the importing screen
 * until its strings are here.
 */
await registerStrings('laksaStaff', {
  id: () => import('./locales/staff.id.json'),
  en: () => import('./locales/staff.en.json'),
});
