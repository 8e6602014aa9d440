import { registerStrings } from '../../core/i18n';

/** Perizinan's own strings under `izin.*` (imported by every entry file of the module). */
await registerStrings('izin', {
  id: () => import('./locales/id.json'),
  en: () => import('./locales/en.json'),
});
