import { and, desc, eq, inArray } from 'drizzle-orm';
import { daruratSettings } from '../../../shared/modules/darurat';
import { defineModule } from '../../core/modules/types';
import { DARURAT_EVENT_TYPES } from './events';
import { daruratOpenData } from './open-data';
import { canReadNotePhoto } from './photo-access';
import { daruratRoutes } from './routes';
import { daruratIncident, daruratTables, daruratType } from './schema';
import { seedDarurat, seedDaruratDemo } from './seed';
import { wallItem } from './views';

/** Gawat Darurat 112: emergency intake, dispatch of units, live status, response-time KPIs (see README.md). */
export const darurat = defineModule({
  id: 'darurat',
  name: { id: 'Gawat Darurat 112', en: 'Emergency 112' },
  description: {
    id: 'Tombol darurat warga dan call center 112: kejadian diterima, unit terdekat ditugaskan, status dipantau langsung.',
    en: 'Citizen panic button and the 112 call centre: incidents taken in, the nearest unit sent, status followed live.',
  },
  icon: 'siren',
  citizen: true,
  dependsOn: [],
  permissions: {
    'darurat:intake': { id: 'Terima panggilan 112 (call-taker)', en: 'Take 112 calls (call-taker)' },
    'darurat:dispatch': { id: 'Tugaskan unit (dispatcher)', en: 'Dispatch units (dispatcher)' },
    'darurat:respond': {
      id: 'Kru unit: terima tugas dan laporkan status',
      en: 'Unit crew: acknowledge and report status',
    },
    'darurat:police': {
      id: 'Kejadian kepolisian (penghubung Polres)',
      en: 'Police incidents (police liaison)',
    },
    'darurat:kpi': { id: 'KPI dan ekspor 112', en: '112 KPIs and exports' },
    'darurat:manage': {
      id: 'Kelola jenis kejadian, instansi dan unit 112',
      en: 'Manage 112 incident types, agencies and units',
    },
  },
  roleGrants: {
    platform_admin: ['darurat:intake', 'darurat:dispatch', 'darurat:kpi', 'darurat:manage'],
    region_admin: ['darurat:intake', 'darurat:dispatch', 'darurat:kpi', 'darurat:manage'],
    operator: ['darurat:intake', 'darurat:dispatch', 'darurat:kpi'],
    leadership: ['darurat:kpi'],
    opd_admin: ['darurat:respond'],
    opd_officer: ['darurat:respond'],
    police_liaison: ['darurat:police'],
  },
  settings: daruratSettings,
  enabledByDefault: true,
  routes: daruratRoutes,
  files: { canRead: canReadNotePhoto },
  events: { emits: [...DARURAT_EVENT_TYPES, 'darurat.type.changed', 'darurat.unit.created'] },
  tables: daruratTables,
  openData: daruratOpenData,
  notifications: {
    topics: [
      {
        id: 'darurat.my-incident',
        label: { id: 'Laporan darurat 112 saya', en: 'My 112 emergency reports' },
        personal: true,
        defaultOn: true,
      },
    ],
  },
  liveChannels: DARURAT_EVENT_TYPES,
  wall: {
    async mapItems({ tx, limit }) {
      const rows = await tx
        .select({ i: daruratIncident, t: daruratType })
        .from(daruratIncident)
        .innerJoin(
          daruratType,
          and(eq(daruratType.regionId, daruratIncident.regionId), eq(daruratType.id, daruratIncident.typeId)),
        )
        .where(inArray(daruratIncident.status, ['baru', 'ditugaskan', 'dalam_perjalanan', 'di_lokasi']))
        .orderBy(desc(daruratIncident.updatedAt))
        .limit(limit);
      return rows.flatMap((r) => wallItem(r.i, r.t) ?? []);
    },
  },
  seedRegion: ({ tx, regionId }) => seedDarurat(tx, regionId),
  seedDemo: seedDaruratDemo,
  demoLogins: [
    {
      role: 'operator',
      label: 'Call-taker / dispatcher 112',
      login: 'callcenter112@tangerangkota.demo.simpul.id',
    },
    {
      role: 'opd_officer',
      label: 'Kru ambulans 112 (AMB-01)',
      login: 'ambulans@tangerangkota.demo.simpul.id',
    },
  ],
});
