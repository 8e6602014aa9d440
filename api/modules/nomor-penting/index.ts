import { z } from 'zod';
import { defineModule } from '../../core/modules/types';
import { nomorPentingOpenData } from './open-data';
import { nomorPentingRoutes } from './routes';
import { nomorPentingNumber } from './schema';
import { seedDefaultNumbers } from './service';

/** Nomor Penting: the region's important phone numbers, 112 first. The smallest complete module. */
export const nomorPenting = defineModule({
  id: 'nomor-penting',
  name: { id: 'Nomor Penting', en: 'Important Numbers' },
  description: {
    id: 'Nomor telepon darurat dan layanan penting di daerah, 112 paling atas.',
    en: 'Emergency and public service phone numbers of the region, 112 first.',
  },
  icon: 'call',
  citizen: true,
  dependsOn: [],
  permissions: {
    'nomor-penting:manage': { id: 'Kelola nomor penting', en: 'Manage important numbers' },
  },
  roleGrants: { region_admin: ['nomor-penting:manage'], platform_admin: ['nomor-penting:manage'] },
  // No per-region settings: the list itself is what a region edits. (The 112 banner is core.)
  settings: z.object({}),
  enabledByDefault: true,
  routes: nomorPentingRoutes,
  events: {
    emits: ['nomor-penting.number.created', 'nomor-penting.number.updated', 'nomor-penting.number.deleted'],
  },
  tables: [nomorPentingNumber],
  openData: nomorPentingOpenData,
  liveChannels: [],
  seedRegion: ({ tx, regionId }) => seedDefaultNumbers(tx, regionId),
});
