import { siapKerjaSettings } from '../../../shared/modules/siap-kerja';
import { defineModule } from '../../core/modules/types';
import { DEMO_DISNAKER, DEMO_EMPLOYER, DEMO_SEEKER, seedSiapKerjaDemo } from './demo';
import { canReadFile } from './files';
import { siapKerjaOpenData } from './open-data';
import { permissions, roleGrants } from './permissions';
import { siapKerjaRoutes } from './routes';
import { siapKerjaTables } from './schema';
import { AK1_KIND } from './staff';
import { housekeepingTask } from './tasks';
import { webhookTask } from './webhooks';

export const SIAP_KERJA_EVENTS = [
  'siap-kerja.seeker.registered',
  'siap-kerja.ak1.requested',
  'siap-kerja.ak1.issued',
  'siap-kerja.ak1.visit-requested',
  'siap-kerja.ak1.refused',
  'siap-kerja.ak1.revoked',
  'siap-kerja.ak1.reported',
  'siap-kerja.employer.registered',
  'siap-kerja.employer.updated',
  'siap-kerja.employer.verified',
  'siap-kerja.employer.refused',
  'siap-kerja.vacancy.submitted',
  'siap-kerja.vacancy.published',
  'siap-kerja.vacancy.refused',
  'siap-kerja.vacancy.closed',
  'siap-kerja.vacancy.expired',
  'siap-kerja.application.submitted',
  'siap-kerja.application.moved',
  'siap-kerja.application.withdrawn',
  'siap-kerja.placement.recorded',
  'siap-kerja.fair.created',
  'siap-kerja.webhook.created',
  'siap-kerja.webhook.deleted',
] as const;

/** Siap Kerja: job seekers with the AK/1 card, employers, vacancies, applications, matching (see README.md). */
export const siapKerja = defineModule({
  id: 'siap-kerja',
  name: { id: 'Siap Kerja', en: 'Siap Kerja (Jobs)' },
  description: {
    id: 'Kartu pencari kerja AK/1, lowongan terverifikasi Disnaker, lamaran, lowongan yang cocok, dan statistik pasar kerja.',
    en: 'Job-seeker card (AK/1), vacancies verified by Disnaker, applications, matching vacancies and labour-market statistics.',
  },
  icon: 'briefcase',
  citizen: true,
  dependsOn: [],
  permissions,
  roleGrants,
  settings: siapKerjaSettings,
  enabledByDefault: true,
  routes: siapKerjaRoutes,
  events: { emits: SIAP_KERJA_EVENTS },
  tasks: [housekeepingTask, webhookTask],
  tables: siapKerjaTables,
  openData: siapKerjaOpenData,
  liveChannels: [
    'siap-kerja.vacancy.published',
    'siap-kerja.application.submitted',
    'siap-kerja.ak1.issued',
    'siap-kerja.placement.recorded',
  ],
  files: { canRead: canReadFile },
  documents: {
    kinds: [{ id: AK1_KIND, label: { id: 'Kartu Pencari Kerja (AK/1)', en: 'Job-seeker card (AK/1)' } }],
  },
  notifications: {
    topics: [
      {
        id: 'siap-kerja.applications',
        label: { id: 'Lamaran kerja saya', en: 'My job applications' },
        personal: true,
        defaultOn: true,
      },
      {
        id: 'siap-kerja.matches',
        label: { id: 'Lowongan yang cocok untuk saya', en: 'Vacancies that fit me' },
        personal: true,
        defaultOn: true,
      },
      {
        id: 'siap-kerja.ak1',
        label: { id: 'Kartu AK/1 dan lapor diri', en: 'AK/1 card and self-reports' },
        personal: true,
        defaultOn: true,
      },
    ],
  },
  seedDemo: seedSiapKerjaDemo,
  demoLogins: [
    { role: 'opd_officer', label: 'Petugas Disnaker (Siap Kerja)', login: DEMO_DISNAKER },
    { role: 'citizen', label: 'HRD perusahaan (Siap Kerja)', login: DEMO_EMPLOYER },
    { role: 'citizen', label: 'Pencari kerja dengan AK/1 (Siap Kerja)', login: DEMO_SEEKER },
  ],
});
