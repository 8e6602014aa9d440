import { laksaSettings } from '../../../shared/modules/laksa';
import { defineModule } from '../../core/modules/types';
import { seedLaksaDemo } from './demo';
import { emailTask } from './email';
import { escalationTask } from './escalation';
import { laksaOpenData } from './open-data';
import { open311OpenApi } from './open311/openapi';
import { open311Routes } from './open311/routes';
import { photoAccess } from './photo-access';
import { laksaRoutes } from './routes';
import { laksaTables } from './schema';
import { seedLaksa } from './seed';
import { laksaMapItems } from './wall';
import { webhookDeliveryTask } from './webhooks/deliver';
import { LAKSA_EVENT_TYPES, WEBHOOK_EVENT_TYPES, webhookHandlers } from './webhooks/handlers';

/** LAKSA: citizen complaints and aspirations from report to resolution (see README.md). */
export const laksa = defineModule({
  id: 'laksa',
  name: { id: 'LAKSA', en: 'LAKSA' },
  description: {
    id: 'Pengaduan, aspirasi dan permintaan informasi warga: foto dan lokasi, diteruskan ke OPD, dipantau sampai selesai.',
    en: 'Citizen complaints, aspirations and information requests: photo and location, routed to the agency, tracked to resolution.',
  },
  icon: 'campaign',
  citizen: true,
  dependsOn: [],
  permissions: {
    'laksa:read': { id: 'Lihat semua laporan LAKSA', en: 'See every LAKSA report' },
    'laksa:verify': { id: 'Verifikasi dan disposisi laporan', en: 'Verify and assign reports' },
    'laksa:handle': { id: 'Tangani laporan untuk OPD', en: 'Handle reports for an agency' },
    'laksa:police': { id: 'Antrean Kamtibmas (Polres)', en: 'Security and order queue (police)' },
    'laksa:moderate': { id: 'Moderasi foto dan teks laporan', en: 'Moderate report photos and text' },
    'laksa:export': { id: 'Ekspor laporan (CSV/XLSX)', en: 'Export reports (CSV/XLSX)' },
    'laksa:manage': {
      id: 'Kelola kategori, disposisi, SLA, libur, template, webhook',
      en: 'Manage categories, routing, SLAs, holidays, templates, webhooks',
    },
  },
  roleGrants: {
    platform_admin: ['laksa:read', 'laksa:verify', 'laksa:moderate', 'laksa:export', 'laksa:manage'],
    region_admin: ['laksa:read', 'laksa:verify', 'laksa:moderate', 'laksa:export', 'laksa:manage'],
    operator: ['laksa:read', 'laksa:verify', 'laksa:moderate', 'laksa:export'],
    leadership: ['laksa:read', 'laksa:export'],
    opd_admin: ['laksa:handle', 'laksa:export'],
    opd_officer: ['laksa:handle'],
    police_liaison: ['laksa:police'],
  },
  settings: laksaSettings,
  enabledByDefault: true,
  routes: laksaRoutes,
  files: {
    canRead: async ({ req, tx, file }) => {
      const access = await photoAccess(req, tx, file.id);
      return access === null ? null : access.readable;
    },
  },
  mounts: [{ prefix: '/open311/v2', routes: open311Routes }],
  openapi: open311OpenApi,
  events: {
    emits: [
      ...LAKSA_EVENT_TYPES,
      'laksa.settings.changed',
      'laksa.apikey.created',
      'laksa.apikey.revoked',
      ...WEBHOOK_EVENT_TYPES,
    ],
    handles: webhookHandlers,
  },
  tasks: [escalationTask, webhookDeliveryTask, emailTask],
  notifications: {
    topics: [
      {
        id: 'laksa.my-reports',
        label: { id: 'Laporan LAKSA saya', en: 'My LAKSA reports' },
        personal: true,
        defaultOn: true,
      },
      {
        id: 'laksa.escalations',
        label: { id: 'Laporan terlambat (petugas)', en: 'Overdue reports (staff)' },
        personal: true,
        defaultOn: true,
        permission: 'core:staff.access',
      },
    ],
  },
  tables: laksaTables,
  liveChannels: LAKSA_EVENT_TYPES,
  wall: { mapItems: laksaMapItems },
  openData: laksaOpenData,
  seedRegion: ({ tx, regionId }) => seedLaksa(tx, regionId),
  seedDemo: seedLaksaDemo,
});
