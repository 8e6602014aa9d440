import { registerStrings } from '../../core/i18n';

/** eOffice's own strings under `eoffice.*` (imported by every entry file of the module). */
await registerStrings('eoffice', {
  id: () => import('./locales/id.json'),
  en: () => import('./locales/en.json'),
});
