import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { LiveEventView } from '../../../../shared/live';
import type { Region } from '../../core/region';

/** What a LIVE Room widget receives. */
export interface WidgetProps {
  region: Region;
  /** The live feed so far, newest first (shared by all widgets; no extra connection needed). */
  events: LiveEventView[];
}

export interface CommandWidget {
  id: string;
  /** Module that owns the widget; it is shown only while that module is enabled ('core' = always). */
  module: string;
  title: { id: string; en: string };
  /** Grid columns the widget spans on the wall (1–3). */
  span?: 1 | 2 | 3;
  component: LazyExoticComponent<ComponentType<WidgetProps>> | ComponentType<WidgetProps>;
}

/**
 * Widgets for the command wall. Modules add one entry each, e.g.
 * `{ id: 'laksa-open', module: 'laksa', title: { id: 'Aduan terbuka', en: 'Open reports' },
 *    component: lazy(() => import('../../modules/laksa/widgets/OpenReports')) }`
 */
export const commandWidgets: CommandWidget[] = [
  {
    id: 'laksa-today',
    module: 'laksa',
    title: { id: 'LAKSA hari ini', en: 'LAKSA today' },
    span: 2,
    component: lazy(() => import('../../modules/laksa/widgets/LaksaToday')),
  },
  {
    id: 'darurat-aktif',
    module: 'darurat',
    title: { id: '112 aktif', en: '112 open' },
    span: 2,
    component: lazy(() => import('../../modules/darurat/widgets/Darurat112')),
  },
  {
    id: 'harga-pangan-alerts',
    module: 'harga-pangan',
    title: { id: 'Harga pangan', en: 'Food prices' },
    component: lazy(() => import('../../modules/harga-pangan/widgets/PanganWall')),
  },
];

export function widgetsFor(enabledModules: Set<string>): CommandWidget[] {
  return commandWidgets.filter((w) => w.module === 'core' || enabledModules.has(w.module));
}
