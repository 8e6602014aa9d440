import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from './locales/en.json';
import id from './locales/id.json';

export type Lang = 'id' | 'en';
const STORAGE_KEY = 'simpul.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

const initial = storedLang();
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'id',
  supportedLngs: ['id', 'en'],
  interpolation: { escapeValue: false },
  initAsync: false,
  react: { useSuspense: false },
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

/**
 * Adds a module's own strings (kept in its folder, e.g. `web/src/modules/<id>/locales/*.json`)
 * under one key, so `t('<key>.title')` works once the module's code has loaded.
 */
export function addStrings(key: string, strings: { id: object; en: object }): void {
  i18n.addResourceBundle('id', 'translation', { [key]: strings.id }, true, true);
  i18n.addResourceBundle('en', 'translation', { [key]: strings.en }, true, true);
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'id';
}

export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* ignore */
  }
  void i18n.changeLanguage(lang);
}

/** Current language plus a picker for `{id, en}` pairs coming from the API. */
export function useLang() {
  const { t, i18n: inst } = useTranslation();
  const lang: Lang = inst.language === 'en' ? 'en' : 'id';
  const pick = (pair: { id: string; en: string } | null | undefined) => (pair ? pair[lang] || pair.id : '');
  const locale = lang === 'en' ? 'en-GB' : 'id-ID';
  return { t, lang, pick, locale };
}

export default i18n;
