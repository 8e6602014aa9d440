/** Rupiah without decimals: Rp13.500 (id) / Rp13,500 (en). */
export function rupiah(n: number | null | undefined, locale: string): string {
  if (n === null || n === undefined) return '–';
  return `Rp${Math.round(n).toLocaleString(locale)}`;
}

/** Arrow, tone and text of a change in percent (a rise is bad news for shoppers: red). */
export function changeOf(pct: number | null): { arrow: string; tone: 'up' | 'down' | 'flat'; text: string } {
  if (pct === null) return { arrow: '·', tone: 'flat', text: '–' };
  if (pct > 0) return { arrow: '▲', tone: 'up', text: `+${pct.toLocaleString('id-ID')}%` };
  if (pct < 0) return { arrow: '▼', tone: 'down', text: `${pct.toLocaleString('id-ID')}%` };
  return { arrow: '■', tone: 'flat', text: '0%' };
}

/** A calendar day (YYYY-MM-DD) as "22 Nov 2026" without time-zone drift. */
export function dayLabel(isoDay: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDay}T00:00:00Z`));
}
