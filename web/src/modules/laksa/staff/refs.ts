import { useEffect, useState } from 'react';
import { api } from '../../../core/api';
import { type Area, type Category, LAKSA, type OpdRef } from './common';

interface Refs {
  categories: Category[];
  opds: OpdRef[];
  /** false when the OPD list could not be read (no permission): OPD pickers are then hidden. */
  opdsAvailable: boolean;
  areas: Area[];
}

let cache: Promise<Refs> | null = null;

async function loadRefs(): Promise<Refs> {
  const [categories, opds, areas] = await Promise.all([
    api<Category[]>(`${LAKSA}/categories`).catch(() => [] as Category[]),
    api<OpdRef[]>('/admin/opd').then(
      (list) => ({ list, ok: true }),
      () => ({ list: [] as OpdRef[], ok: false }),
    ),
    api<Area[]>('/region/areas').catch(() => [] as Area[]),
  ]);
  return { categories, opds: opds.list, opdsAvailable: opds.ok, areas };
}

/** Categories, OPD and kecamatan for filters and pickers: loaded once per page load, shared. */
export function useRefs(): Refs & { loaded: boolean } {
  const [refs, setRefs] = useState<Refs | null>(null);
  useEffect(() => {
    let live = true;
    cache ??= loadRefs();
    cache.then((r) => {
      if (live) setRefs(r);
      // A failed load is not cached for ever: try again on the next mount.
      if (r.categories.length === 0 && r.areas.length === 0) cache = null;
    });
    return () => {
      live = false;
    };
  }, []);
  return refs
    ? { ...refs, loaded: true }
    : { categories: [], opds: [], opdsAvailable: false, areas: [], loaded: false };
}

/** After an admin changes categories, filters should see them. */
export function invalidateRefs() {
  cache = null;
}
