import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveEventView, WallMapChange, WallMapItem } from '../../../../shared/live';
import { api } from '../../core/api';

export type MapState = {
  items: WallMapItem[];
  /** Keys that arrived live (not in the first load): their markers pulse for a while. */
  fresh: ReadonlySet<string>;
  loaded: boolean;
};

const PULSE_MS = 60_000;

const isChange = (x: unknown): x is WallMapChange =>
  !!x && typeof x === 'object' && ('upsert' in x || 'remove' in x);

/**
 * The wall map's items: loaded from GET /api/live/map on every (re)connect of the stream, then
 * moved by the `data.wall` of each event (upsert = add or move, remove = drop). Any module that
 * follows the contract in shared/live.ts appears here without wall code of its own.
 */
export function useWallMap(generation: number): { state: MapState; apply: (ev: LiveEventView) => void } {
  const [items, setItems] = useState(() => new Map<string, WallMapItem>());
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [loaded, setLoaded] = useState(false);
  const timers = useRef(new Map<string, number>());

  useEffect(() => {
    if (generation === 0) return;
    let cancelled = false;
    api<{ items: WallMapItem[] }>('/live/map')
      .then((res) => {
        if (cancelled) return;
        setItems(new Map(res.items.map((i) => [i.key, i])));
        setLoaded(true);
      })
      .catch(() => setLoaded(true));
    return () => {
      cancelled = true;
    };
  }, [generation]);

  useEffect(() => {
    const all = timers.current;
    return () => {
      for (const t of all.values()) window.clearTimeout(t);
    };
  }, []);

  const apply = useCallback((ev: LiveEventView) => {
    const change = ev.data.wall;
    if (!isChange(change)) return;
    if ('upsert' in change) {
      const item = change.upsert;
      setItems((m) => new Map(m).set(item.key, item));
      if (ev.type.endsWith('.created')) {
        setFresh((s) => new Set(s).add(item.key));
        window.clearTimeout(timers.current.get(item.key));
        timers.current.set(
          item.key,
          window.setTimeout(() => {
            setFresh((s) => {
              const next = new Set(s);
              next.delete(item.key);
              return next;
            });
          }, PULSE_MS),
        );
      }
    } else {
      setItems((m) => {
        if (!m.has(change.remove)) return m;
        const next = new Map(m);
        next.delete(change.remove);
        return next;
      });
    }
  }, []);

  return { state: { items: [...items.values()], fresh, loaded }, apply };
}
