import { registerStrings } from '../../core/i18n';

/**
 * Siap Kerja's own strings under `siapKerja.*` (imported by every entry file of the module).
 * Only the active language's file is downloaded.
 */
await registerStrings('siapKerja', {
  id: () => import('./locales/id.json'),
  en: () => import('./locales/en.json'),
});
