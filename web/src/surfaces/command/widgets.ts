import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { LiveEventView } from '../../../../shared/live';
import type { Region } from '../../core/region';

/** What a LIVE Room widget receives. */
export interface WidgetProps {
  region: Region;
  /** The live feed so far, newest first (shared by all widgets; no extra connection needed). */
  events: LiveEventView[];
  /**
   * Bumped each time the stream (re)connects. Widgets that load figures from the API reload on a
   * change (what happened while the wall was offline) and, debounced, on their module's events.
   */
  generation: number;
}

export interface CommandWidget {
  id: string;
  /** Module that owns the widget; it is shown only while that module is enabled ('core' = always). */
  module: string;
  title: { id: string; en: string };
  /**
   * `headline`: the counters row across the top of the wall. `grid` (default): under the map.
   * `strip`: a module's compact summary (a few counters, or two lines) in the row of module cards
   * under the headline — the row that grows sideways as modules are added, so the wall stays
   * within 1080 px and the live feed keeps its column. `side`: above the feed, for what must never
   * be missed (112).
   */
  placement?: 'headline' | 'grid' | 'strip' | 'side';
  /** Grid columns the widget spans under the map (1–2). */
  span?: 1 | 2;
  component: LazyExoticComponent<ComponentType<WidgetProps>> | ComponentType<WidgetProps>;
}

/**
 * Widgets for the command wall. Modules add entries, e.g.
 * `{ id: 'emergency-open', module: 'emergency', title: { id: 'Kejadian aktif', en: 'Active incidents' },
 *    component: lazy(() => import('../../modules/emergency/widgets/ActiveIncidents')) }`
 * The map and the feed are the wall's own (map items come from the manifest's `wall.mapItems`).
 */
export const commandWidgets: CommandWidget[] = [
  {
    id: 'laksa-headline',
    module: 'laksa',
    title: { id: 'LAKSA saat ini', en: 'LAKSA now' },
    placement: 'headline',
    component: lazy(() => import('../../modules/laksa/widgets/LaksaHeadline')),
  },
  {
    id: 'laksa-league',
    module: 'laksa',
    title: { id: 'Kinerja OPD', en: 'Agency performance' },
    component: lazy(() => import('../../modules/laksa/widgets/LaksaLeague')),
  },
  {
    id: 'laksa-trends',
    module: 'laksa',
    title: { id: 'Tren 30 hari', en: '30-day trends' },
    component: lazy(() => import('../../modules/laksa/widgets/LaksaTrends')),
  },
  {
    id: 'darurat-aktif',
    module: 'darurat',
    title: { id: '112 aktif', en: '112 open' },
    placement: 'side',
    component: lazy(() => import('../../modules/darurat/widgets/Darurat112')),
  },
  {
    id: 'harga-pangan-alerts',
    module: 'harga-pangan',
    title: { id: 'Harga pangan', en: 'Food prices' },
    placement: 'strip',
    component: lazy(() => import('../../modules/harga-pangan/widgets/PanganWall')),
  },
  {
    id: 'info-kota-today',
    module: 'info-kota',
    title: { id: 'Info Kota hari ini', en: 'City news today' },
    placement: 'strip',
    component: lazy(() => import('../../modules/info-kota/widgets/InfoKotaWall')),
  },
  {
    id: 'siap-kerja-summary',
    module: 'siap-kerja',
    title: { id: 'Siap Kerja', en: 'Jobs (Siap Kerja)' },
    placement: 'strip',
    component: lazy(() => import('../../modules/siap-kerja/widgets/KerjaWall')),
  },
  {
    id: 'perizinan-summary',
    module: 'perizinan',
    title: { id: 'Perizinan', en: 'Permits' },
    placement: 'strip',
    component: lazy(() => import('../../modules/perizinan/widgets/IzinWall')),
  },
  {
    id: 'eoffice-summary',
    module: 'eoffice',
    title: { id: 'eOffice', en: 'eOffice' },
    placement: 'strip',
    component: lazy(() => import('../../modules/eoffice/widgets/EofficeWall')),
  },
  {
    id: 'antrian-summary',
    module: 'antrian',
    title: { id: 'Antrian', en: 'Queues' },
    placement: 'strip',
    component: lazy(() => import('../../modules/antrian/widgets/AntrianWall')),
  },
];

/**
 * What one map marker of each module stands for, so the map's header says what it counts
 * ("5 laporan terbuka · 1 kejadian 112 · 1 pasar di atas HET") and agrees with each module's own
 * counters. A module that puts markers on the wall adds its line here.
 */
export const mapMarkerNouns: Record<
  string,
  {
    id: string;
    en: string;
    enOne: string /** A place, not a case: drawn as a square, own legend line. */;
    place?: boolean;
  }
> = {
  laksa: { id: 'laporan terbuka', en: 'open reports', enOne: 'open report' },
  darurat: { id: 'kejadian 112 aktif', en: 'open 112 incidents', enOne: 'open 112 incident' },
  'harga-pangan': {
    id: 'pasar di atas HET',
    en: 'markets above HET',
    enOne: 'market above HET',
    place: true,
  },
};

export function widgetsFor(enabledModules: Set<string>): CommandWidget[] {
  return commandWidgets.filter((w) => w.module === 'core' || enabledModules.has(w.module));
}
