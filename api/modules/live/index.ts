import { liveSettings } from '../../../shared/usage';
import { defineModule } from '../../core/modules/types';
import { seedLiveDemo } from './demo';
import { liveRoutes } from './routes';

/**
 * LIVE Room: the region's real-time wall (web/src/surfaces/command, on the core's stream and map
 * endpoints) and usage analytics — which services are used, and which nobody uses (README.md).
 */
export const live = defineModule({
  id: 'live',
  name: { id: 'LIVE Room & Analitik', en: 'LIVE Room & Analytics' },
  description: {
    id: 'Layar pantau real-time untuk pimpinan dan operator, kinerja OPD, dan analitik penggunaan layanan.',
    en: 'Real-time wall for leadership and operators, OPD performance, and service usage analytics.',
  },
  icon: 'monitor',
  citizen: false,
  dependsOn: [],
  permissions: {
    'live:usage.read': { id: 'Lihat analitik penggunaan layanan', en: 'See service usage analytics' },
  },
  roleGrants: {
    platform_admin: ['live:usage.read'],
    region_admin: ['live:usage.read'],
    leadership: ['live:usage.read'],
  },
  settings: liveSettings,
  enabledByDefault: true,
  routes: liveRoutes,
  events: { emits: [] },
  tables: [],
  liveChannels: [],
  seedDemo: seedLiveDemo,
});
