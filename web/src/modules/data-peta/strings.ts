import { registerStrings } from '../../core/i18n';

/** Data & Peta's strings under `dataPeta.*` (imported by every entry file of the module). */
await registerStrings('dataPeta', {
  id: () => import('./locales/id.json'),
  en: () => import('./locales/en.json'),
});
