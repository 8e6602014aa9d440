import { useEffect, useReducer } from 'react';
import type { LiveEventView } from '../../../../../shared/live';
import type { LaksaWallView } from '../../../../../shared/modules/laksa-live';
import { api } from '../../../core/api';
import type { Format } from '../../../core/format';

/**
 * One copy of GET /m/laksa/live/wall for every LAKSA widget on the wall (headline, league,
 * trends): reloaded once per burst of LAKSA events (debounced) and after every reconnect.
 */
let data: LaksaWallView | null = null;
let failed = false;
let lastKey = '';
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();
/** Short enough to stay well inside the wall's one-second budget; a burst still costs one load. */
const DEBOUNCE_MS = 300;

function load() {
  api<LaksaWallView>('/m/laksa/live/wall')
    .then((d) => {
      data = d;
      failed = false;
    })
    .catch(() => {
      failed = true;
    })
    .finally(() => {
      for (const l of listeners) l();
    });
}

export function useLaksaWall(events: LiveEventView[], generation: number) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const newest = events.find((e) => e.module === 'laksa')?.id ?? '';
  const key = `${generation}:${newest}`;

  useEffect(() => {
    listeners.add(rerender);
    return () => {
      listeners.delete(rerender);
      // The wall closed (e.g. signed out): the next one starts from scratch, not from this copy.
      if (listeners.size === 0) {
        clearTimeout(timer);
        lastKey = '';
        data = null;
      }
    };
  }, []);

  useEffect(() => {
    if (generation === 0 || key === lastKey) return;
    lastKey = key;
    clearTimeout(timer);
    timer = setTimeout(load, data && newest ? DEBOUNCE_MS : 0);
  }, [key, generation, newest]);

  return { data, failed };
}

/** Minutes as the wall says them: "45 mnt", "5,5 jam", "3,2 hari" (core/format.ts, per language). */
export function formatMinutes(min: number | null, format: Pick<Format, 'minutes'>): string {
  return min === null ? '–' : format.minutes(Math.round(min));
}
