import { registerStrings } from '../../core/i18n';

/** Antrian's own strings under `antrian.*` (imported by every entry file of the module). */
await registerStrings('antrian', {
  id: () => import('./locales/id.json'),
  en: () => import('./locales/en.json'),
});
