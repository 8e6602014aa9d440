import { hargaPanganSettings } from '../../../shared/modules/harga-pangan';
import { defineModule } from '../../core/modules/types';
import { DEMO_ENUMERATOR, DEMO_SUPERVISOR, seedHargaPanganDemo } from './demo';
import { emailTask } from './email';
import { hargaPanganOpenData } from './open-data';
import { permissions, roleGrants } from './permissions';
import { hargaPanganRoutes } from './routes';
import { hargaPanganTables } from './schema';
import { seedHargaPangan } from './seed';
import { wallMapItems } from './wall';

/** Harga Pangan: daily staple-food prices per market, verified, public, analysed and alerted (see README.md). */
export const hargaPangan = defineModule({
  id: 'harga-pangan',
  name: { id: 'Harga Pangan', en: 'Food Prices' },
  description: {
    id: 'Harga bahan pokok harian di pasar: rata-rata kota, perbandingan pasar, tren dan peringatan di atas HET.',
    en: 'Daily staple-food prices per market: city average, market comparison, trends and alerts above HET.',
  },
  icon: 'shopping_basket',
  citizen: true,
  dependsOn: [],
  permissions,
  roleGrants,
  settings: hargaPanganSettings,
  enabledByDefault: true,
  routes: hargaPanganRoutes,
  events: {
    emits: [
      'harga-pangan.price.entered',
      'harga-pangan.price.verified',
      'harga-pangan.alert.raised',
      'harga-pangan.import.committed',
      'harga-pangan.market.created',
      'harga-pangan.market.updated',
      'harga-pangan.commodity.created',
      'harga-pangan.commodity.updated',
      'harga-pangan.reference.created',
      'harga-pangan.reference.deleted',
      'harga-pangan.assignment.changed',
    ],
  },
  tasks: [emailTask],
  notifications: {
    topics: [
      {
        id: 'harga-pangan.alerts',
        label: { id: 'Peringatan harga pangan', en: 'Food price alerts' },
        personal: false,
        defaultOn: false,
      },
    ],
  },
  tables: hargaPanganTables,
  openData: hargaPanganOpenData,
  liveChannels: ['harga-pangan.alert.raised', 'harga-pangan.price.verified'],
  wall: { mapItems: wallMapItems },
  seedRegion: ({ tx, regionId }) => seedHargaPangan(tx, regionId),
  seedDemo: seedHargaPanganDemo,
  demoLogins: [
    { role: 'opd_officer', label: 'Petugas pasar (Harga Pangan)', login: DEMO_ENUMERATOR },
    { role: 'opd_admin', label: 'Pengawas harga (Harga Pangan)', login: DEMO_SUPERVISOR },
  ],
});
