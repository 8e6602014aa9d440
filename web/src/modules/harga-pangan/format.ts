import { type Format, formatDay } from '../../core/format';

/** Rupiah without decimals: Rp13.500 (id) / Rp13,500 (en). */
export function rupiah(n: number | null | undefined, locale: string): string {
  if (n === null || n === undefined) return '–';
  return `Rp${Math.round(n).toLocaleString(locale)}`;
}

/** Arrow, tone and text of a change in percent (a rise is bad news for shoppers: red): +4,8% / +4.8%. */
export function changeOf(
  pct: number | null,
  format: Pick<Format, 'percent'>,
): { arrow: string; tone: 'up' | 'down' | 'flat'; text: string } {
  if (pct === null) return { arrow: '·', tone: 'flat', text: '–' };
  const text = format.percent(pct, true);
  if (pct > 0) return { arrow: '▲', tone: 'up', text };
  if (pct < 0) return { arrow: '▼', tone: 'down', text };
  return { arrow: '■', tone: 'flat', text };
}

/** A calendar day (YYYY-MM-DD) as "22 Nov 2026" without time-zone drift (the core formatter's). */
export const dayLabel = formatDay;
