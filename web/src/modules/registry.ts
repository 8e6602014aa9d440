import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { IconName } from '../core/ui/Icon';

/** Props every module page receives. */
export interface ModulePageProps {
  moduleId: string;
  /** The module's name in the current language, as the region lists it. */
  title: string;
}

export interface ModuleWeb {
  icon: IconName;
  /** Page at `/layanan/<id>` in the citizen app. */
  citizen?: LazyExoticComponent<ComponentType<ModulePageProps>>;
  /** Page at `/staf/m/<id>` in the staff console. */
  staff?: LazyExoticComponent<ComponentType<ModulePageProps>>;
  /** Permission needed to see the staff page (defaults to `<id>:manage`). */
  staffPermission?: string;
  /**
   * Where a staff member starts instead of the generic dashboard (after sign-in, or opening
   * `/staf`), when the module says this is their work place — e.g. a 112 unit crew → "Unit saya".
   * A path under `/staf`, or null. Asked once per sign-in, modules in the region's order; the
   * dashboard stays one tap away in the menu. Keep it cheap: a lazy import and at most one request.
   */
  staffLanding?: (ctx: StaffLandingContext) => Promise<string | null>;
  /**
   * Small strips on the citizen home while the module is on: `top` under the greeting and the 112
   * button (what cannot wait, e.g. an urgent announcement), `bottom` under the service tiles (the
   * latest news). Lazy chunks; they render nothing when they have nothing to show. What is under
   * the 112 button paints once every `top` strip is ready, so a `top` strip may suspend (React
   * `use`) for its data, briefly (Info Kota waits at most 1.2 s), and is never pushed in above
   * content already shown.
   */
  home?: {
    top?: LazyExoticComponent<ComponentType>;
    bottom?: LazyExoticComponent<ComponentType>;
  };
  /** Full-screen device page (kiosk, TV) at `/layar/<id>/<rest>`, without the citizen shell; gets `rest`. */
  screen?: LazyExoticComponent<ComponentType<{ path: string }>>;
}

export interface StaffLandingContext {
  can: (permission: string) => boolean;
}

/**
 * Web side of each module: one line per module. Modules the API lists but this registry does not
 * know yet still show a tile and a "segera hadir" page.
 */
export const moduleRegistry: Record<string, ModuleWeb | undefined> = {
  'nomor-penting': {
    icon: 'phone',
    citizen: lazy(() => import('./nomor-penting/CitizenPage')),
    staff: lazy(() => import('./nomor-penting/StaffPage')),
    staffPermission: 'nomor-penting:manage',
  },
  laksa: {
    icon: 'megaphone',
    citizen: lazy(() => import('./laksa/CitizenPage')),
    staff: lazy(() => import('./laksa/StaffPage')),
    staffPermission: 'core:staff.access',
  },
  darurat: {
    icon: 'siren',
    citizen: lazy(() => import('./darurat/CitizenPage')),
    staff: lazy(() => import('./darurat/StaffPage')),
    staffPermission: 'core:staff.access',
    staffLanding: (ctx) => import('./darurat/landing').then((m) => m.crewLanding(ctx)),
  },
  'harga-pangan': {
    icon: 'basket',
    citizen: lazy(() => import('./harga-pangan/CitizenPage')),
    staff: lazy(() => import('./harga-pangan/StaffPage')),
    staffPermission: 'core:staff.access',
  },
  'info-kota': {
    icon: 'news',
    citizen: lazy(() => import('./info-kota/CitizenPage')),
    staff: lazy(() => import('./info-kota/StaffPage')),
    staffPermission: 'info-kota:write',
    home: {
      top: lazy(() => import('./info-kota/HomeTop')),
      bottom: lazy(() => import('./info-kota/HomeBottom')),
    },
  },
  'siap-kerja': {
    icon: 'briefcase',
    citizen: lazy(() => import('./siap-kerja/CitizenPage')),
    staff: lazy(() => import('./siap-kerja/StaffPage')),
    staffPermission: 'siap-kerja:stats',
  },
  perizinan: {
    icon: 'file',
    citizen: lazy(() => import('./perizinan/CitizenPage')),
    staff: lazy(() => import('./perizinan/StaffPage')),
    staffPermission: 'perizinan:process',
  },
  live: {
    icon: 'monitor',
    staff: lazy(() => import('./live/StaffPage')),
    staffPermission: 'live:usage.read',
  },
  'data-peta': {
    icon: 'map',
    citizen: lazy(() => import('./data-peta/CitizenPage')),
    staff: lazy(() => import('./data-peta/StaffPage')),
    staffPermission: 'data-peta:manage',
  },
  eoffice: {
    icon: 'mail',
    staff: lazy(() => import('./eoffice/StaffPage')),
    staffPermission: 'eoffice:use',
  },
  antrian: {
    icon: 'ticket',
    citizen: lazy(() => import('./antrian/CitizenPage')),
    staff: lazy(() => import('./antrian/StaffPage')),
    staffPermission: 'antrian:serve',
    screen: lazy(() => import('./antrian/ScreenPage')),
  },
};

export function staffPermissionFor(id: string): string {
  return moduleRegistry[id]?.staffPermission ?? `${id}:manage`;
}
