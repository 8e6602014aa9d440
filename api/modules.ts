import type { SimpulModule } from './core/modules/types';
import { antrian } from './modules/antrian';
import { darurat } from './modules/darurat';
import { dataPeta } from './modules/data-peta';
import { eoffice } from './modules/eoffice';
import { hargaPangan } from './modules/harga-pangan';
import { infoKota } from './modules/info-kota';
import { laksa } from './modules/laksa';
import { live } from './modules/live';
import { nomorPenting } from './modules/nomor-penting';
import { perizinan } from './modules/perizinan';
import { siapKerja } from './modules/siap-kerja';

/**
 * Every module Simpul ships, in load order (a module comes after the modules it depends on).
 * Adding a module = adding one line here (see docs/MODULES.md). Checked at start-up.
 */
export const modules: readonly SimpulModule[] = [
  nomorPenting,
  laksa,
  live,
  darurat,
  hargaPangan,
  infoKota,
  siapKerja,
  perizinan,
  antrian,
  eoffice,
  dataPeta,
];

export function findModule(id: string): SimpulModule | undefined {
  return modules.find((m) => m.id === id);
}

/** Fails fast on duplicate ids, unknown or later-listed dependencies, and foreign permission ids. */
export function checkModules(list: readonly SimpulModule[] = modules): void {
  const seen = new Set<string>();
  for (const m of list) {
    if (seen.has(m.id)) throw new Error(`module ${m.id} is listed twice`);
    for (const dep of m.dependsOn)
      if (!seen.has(dep)) throw new Error(`module ${m.id} depends on ${dep}, which must be listed before it`);
    for (const p of Object.keys(m.permissions))
      if (!p.startsWith(`${m.id}:`))
        throw new Error(`module ${m.id} declares permission ${p} outside its namespace`);
    for (const t of m.events?.emits ?? [])
      if (!t.startsWith(`${m.id}.`)) throw new Error(`module ${m.id} emits ${t} outside its namespace`);
    seen.add(m.id);
  }
}
