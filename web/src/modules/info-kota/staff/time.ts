const OFFSET: Record<string, number> = { WIB: 7, WITA: 8, WIT: 9 };

/** An instant as the `YYYY-MM-DDTHH:mm` wall-clock time of the region's zone (what a datetime-local field shows). */
export function toLocalInput(iso: string, zone: string): string {
  return new Date(Date.parse(iso) + (OFFSET[zone] ?? 7) * 3_600_000).toISOString().slice(0, 16);
}

/** Now plus `hours`, as a local wall-clock time of the region's zone. */
export function localFromNow(hours: number, zone: string): string {
  return toLocalInput(new Date(Date.now() + hours * 3_600_000).toISOString(), zone);
}
