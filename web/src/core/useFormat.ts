import { useMemo } from 'react';
import { makeFormat } from './format';
import { useLang } from './i18n';
import { useRegionTimeZone } from './region';

/** The formatter of the current language and the region's time zone (core/format.ts). */
export function useFormat() {
  const { locale } = useLang();
  const timeZone = useRegionTimeZone();
  return useMemo(() => makeFormat(locale, timeZone), [locale, timeZone]);
}
