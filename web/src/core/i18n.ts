import { useSyncExternalStore } from 'react';
import rosetta from 'rosetta';

/**
 * The app's strings, Bahasa Indonesia first. Only the active language's strings are downloaded:
 * each bundle (the core's, a surface's, a module's) is a lazily imported JSON file per language,
 * loaded when its code loads and again for the other language on a switch. On a cheap phone this
 * keeps the first load small (issue 13: both languages of everything were 33 KB of 110 KB).
 *
 * Lookup and `{{name}}` interpolation are rosetta's (a 300-byte library; i18next was 15 KB brotli of
 * the citizen home's 90 KB budget). Plurals follow i18next's key convention (`key_one`,
 * `key_other`) with the language's own rules (Intl.PluralRules). A key that is missing falls back
 * to Indonesian, then to the key itself, and is recorded in `window.__simpulMissingKeys` so the
 * browser journeys fail on untranslated strings.
 */
export type Lang = 'id' | 'en';
type Strings = Record<string, unknown>;
type Loader = () => Promise<{ default: Strings }>;
export type StringLoaders = Record<Lang, Loader>;

const STORAGE_KEY = 'simpul.lang';
const store = rosetta<Strings>({ id: {}, en: {} });
const bundles = new Map<string, StringLoaders>();
const loaded = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();
let version = 0;

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

let lang: Lang = storedLang();
document.documentElement.lang = lang;

function changed() {
  version++;
  for (const l of listeners) l();
}

function load(key: string, l: Lang): Promise<void> {
  const id = `${l}:${key}`;
  let done = loaded.get(id);
  if (!done) {
    done = bundles
      .get(key)!
      [l]()
      .then((m) => {
        store.set(l, key ? { [key]: m.default } : m.default);
        changed();
      })
      .catch((err) => {
        loaded.delete(id); // offline: try again next time
        throw err;
      });
    loaded.set(id, done);
  }
  return done;
}

/**
 * Registers a bundle of strings under `key` ('' = top level) and loads the active language's.
 * A module's `strings.ts` awaits it at top level, so its pages never render before their strings.
 */
export function registerStrings(key: string, loaders: StringLoaders): Promise<void> {
  bundles.set(key, loaders);
  return load(key, lang);
}

/** The core strings (shell, sign-in, home, common words): awaited by main.tsx before the first render. */
export const coreStrings = registerStrings('', {
  id: () => import('./locales/id.json'),
  en: () => import('./locales/en.json'),
});

const plurals: Record<Lang, Intl.PluralRules> = {
  id: new Intl.PluralRules('id-ID'),
  en: new Intl.PluralRules('en-GB'),
};

declare global {
  interface Window {
    __simpulMissingKeys?: Set<string>;
  }
}

type Params = Record<string, unknown>;

/** The string for `key` in the active language (plural form by `count`), else Indonesian, else the key. */
export function t(key: string, params?: Params): string {
  const count = params?.count;
  for (const l of lang === 'id' ? (['id'] as const) : (['en', 'id'] as const)) {
    if (typeof count === 'number') {
      const plural = store.t(`${key}_${plurals[l].select(count)}`, params, l);
      if (typeof plural === 'string' && plural) return plural;
    }
    const found = store.t(key, params, l);
    if (typeof found === 'string' && found) {
      if (l !== lang) missing(`${lang}:${key}`);
      return found;
    }
  }
  missing(`${lang}:${key}`);
  return key;
}

function missing(key: string) {
  window.__simpulMissingKeys ??= new Set();
  window.__simpulMissingKeys.add(key);
}

export function currentLang(): Lang {
  return lang;
}

/** Switches language once every registered bundle's strings in that language are here. */
export async function setLang(next: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* ignore */
  }
  await Promise.all([...bundles.keys()].map((key) => load(key, next)));
  lang = next;
  document.documentElement.lang = next;
  changed();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Current language (re-renders on a switch or when strings arrive) plus a picker for `{id, en}` pairs from the API. */
export function useLang() {
  useSyncExternalStore(subscribe, () => version);
  const pick = (pair: { id: string; en: string } | null | undefined) => (pair ? pair[lang] || pair.id : '');
  const locale = lang === 'en' ? 'en-GB' : 'id-ID';
  return { t, lang, pick, locale };
}
