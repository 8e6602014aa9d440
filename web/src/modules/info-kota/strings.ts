import { registerStrings } from '../../core/i18n';

/** Info Kota's strings under `infoKota.*` (imported first by every entry file of the module). */
await registerStrings('infoKota', {
  id: () => import('./locales/id.json'),
  en: () => import('./locales/en.json'),
});
