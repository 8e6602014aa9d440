/**
 * Date/time formatting in the region's time zone. A DateTimeFormat with a time zone costs
 * milliseconds to make on a cheap phone (ICU loads the zone and the locale's patterns), and a
 * list formats one per row: each kind is made once per locale and zone and kept.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let made = dateFormats.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, made);
  }
  return made;
}

const formatIn =
  (options: Intl.DateTimeFormatOptions) =>
  (iso: string | Date, locale: string, timeZone: string): string => {
    const d = typeof iso === 'string' ? new Date(iso) : iso;
    if (Number.isNaN(d.getTime())) return '';
    return dateFormatter(locale, { ...options, timeZone }).format(d);
  };

export const formatTime = formatIn({ hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export const formatDateTime = formatIn({
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export const formatDate = formatIn({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** A calendar day (YYYY-MM-DD) as "5 Des 2026" / "5 Dec 2026", without time-zone drift. */
export function formatDay(isoDay: string, locale: string): string {
  return dateFormatter(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDay}T00:00:00Z`),
  );
}

/** A day in the region as YYYY-MM-DD (the browser's clock in the region's time zone), `plusDays` ahead. */
export function todayIn(timeZone: string, plusDays = 0): string {
  return dateFormatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + plusDays * 86_400_000),
  );
}

/**
 * One formatter per language for every number, unit and date a screen shows, so Indonesian screens
 * read `2,9 km`, `13,8 dtk`, `+4,8%`, `5 Des 2026` and English ones `2.9 km`, `13.8 secs`, `+4.8%`,
 * `5 Dec 2026` (Intl, the browser's own CLDR data; no string building with toFixed). Dates and
 * times are in the region's time zone. Use `useFormat()` in components.
 */
export function makeFormat(locale: string, timeZone: string) {
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const nf = (options: Intl.NumberFormatOptions) => {
    const key = JSON.stringify(options);
    const known = numberFormats.get(key);
    if (known) return known;
    const made = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, made);
    return made;
  };
  const unit =
    (u: string, display: 'short' | 'long', digits = 1) =>
    (n: number) =>
      nf({ style: 'unit', unit: u, unitDisplay: display, maximumFractionDigits: digits }).format(n);
  const formatDuration = (seconds: number) => {
    if (seconds < 60) return unit('second', 'short', 0)(seconds);
    if (seconds < 3600) return unit('minute', 'short')(seconds / 60);
    if (seconds < 86_400) return unit('hour', 'long')(seconds / 3600);
    return unit('day', 'long')(seconds / 86_400);
  };
  return {
    locale,
    /** 1.234,5 (id) / 1,234.5 (en); at most `digits` decimals. */
    number: (n: number, digits = 1) => nf({ maximumFractionDigits: digits }).format(n),
    /** A percentage given in percent: 4.8 → "4,8%"; `signed` adds + to a rise. */
    percent: (pct: number, signed = false) =>
      nf({ style: 'percent', maximumFractionDigits: 1, signDisplay: signed ? 'exceptZero' : 'auto' }).format(
        pct / 100,
      ),
    /** Metres as "850 m" or "2,9 km". */
    distance: (meters: number) =>
      meters < 1000 ? unit('meter', 'short', 0)(meters) : unit('kilometer', 'short')(meters / 1000),
    /** Minutes as "0 mnt", "45 mnt", "5,5 jam", "3,2 hari" (a figure kept in minutes never reads in seconds). */
    minutes: (minutes: number) =>
      minutes < 60 ? unit('minute', 'short', 0)(minutes) : formatDuration(minutes * 60),
    /** Seconds as "45 dtk", "13,8 mnt", "5,5 jam", "3,2 hari" (and English). */
    duration: (seconds: number) => formatDuration(seconds),
    /** A calendar day (YYYY-MM-DD) as "5 Des 2026", without time-zone drift. */
    day: (isoDay: string) => formatDay(isoDay, locale),
    time: (iso: string | Date) => formatTime(iso, locale, timeZone),
    dateTime: (iso: string | Date) => formatDateTime(iso, locale, timeZone),
    date: (iso: string | Date) => formatDate(iso, locale, timeZone),
  };
}

export type Format = ReturnType<typeof makeFormat>;
