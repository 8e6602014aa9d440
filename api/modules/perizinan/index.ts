import { perizinanSettings } from '../../../shared/modules/perizinan';
import { defineModule } from '../../core/modules/types';
import {
  DEMO_FRONT_OFFICE,
  DEMO_SIGNER,
  DEMO_TECHNICAL,
  DEMO_VERIFIER,
  seedCatalogue,
  seedPerizinanDemo,
} from './demo';
import { canReadFile } from './files';
import { perizinanOpenData } from './open-data';
import { permissions, roleGrants } from './permissions';
import { PERMIT_KIND } from './permit';
import { perizinanRoutes } from './routes';
import { perizinanTables } from './schema';
import { overdueTask } from './tasks';

export const PERIZINAN_EVENTS = [
  'perizinan.type.created',
  'perizinan.type.updated',
  'perizinan.application.submitted',
  'perizinan.application.withdrawn',
  'perizinan.application.checked',
  'perizinan.application.resubmitted',
  'perizinan.application.reviewed',
  'perizinan.application.paid',
  'perizinan.application.approved',
  'perizinan.application.issued',
  'perizinan.application.rejected',
  'perizinan.application.suspended',
  'perizinan.application.reinstated',
  'perizinan.application.revoked',
  'perizinan.application.overdue',
] as const;

/** Perizinan: the region's own permits, from a versioned catalogue to a signed, verifiable PDF (see README.md). */
export const perizinan = defineModule({
  id: 'perizinan',
  name: { id: 'Perizinan', en: 'Permits' },
  description: {
    id: 'Izin daerah secara daring: katalog dan standar pelayanan, brankas dokumen, pemeriksaan berjenjang dengan SLA hari kerja, retribusi, izin PDF bertanda tangan elektronik dengan QR.',
    en: 'Regional permits online: catalogue and service standards, a document locker, step-by-step review with working-day SLAs, fees, and signed PDF permits with a QR check.',
  },
  icon: 'stamp',
  citizen: true,
  dependsOn: [],
  permissions,
  roleGrants,
  settings: perizinanSettings,
  enabledByDefault: true,
  routes: perizinanRoutes,
  events: { emits: PERIZINAN_EVENTS },
  tasks: [overdueTask],
  tables: perizinanTables,
  liveChannels: [
    'perizinan.application.submitted',
    'perizinan.application.issued',
    'perizinan.application.overdue',
  ],
  files: { canRead: canReadFile },
  openData: perizinanOpenData,
  documents: { kinds: [{ id: PERMIT_KIND, label: { id: 'Izin daerah', en: 'Regional permit' } }] },
  notifications: {
    topics: [
      {
        id: 'perizinan.status',
        label: { id: 'Permohonan izin saya', en: 'My permit applications' },
        personal: true,
        defaultOn: true,
      },
      {
        id: 'perizinan.overdue',
        label: {
          id: 'Permohonan izin melewati SLA (petugas)',
          en: 'Permit applications past their SLA (staff)',
        },
        personal: true,
        defaultOn: true,
        permission: 'perizinan:process',
      },
    ],
  },
  seedRegion: seedCatalogue,
  demoLogins: [
    { role: 'opd_officer', label: 'Front office & kasir DPMPTSP (Perizinan)', login: DEMO_FRONT_OFFICE },
    { role: 'opd_officer', label: 'Verifikator DPMPTSP (Perizinan)', login: DEMO_VERIFIER },
    { role: 'opd_officer', label: 'Tim teknis Dinas PUPR (Perizinan reklame)', login: DEMO_TECHNICAL },
    { role: 'opd_admin', label: 'Kepala DPMPTSP, penandatangan (Perizinan)', login: DEMO_SIGNER },
  ],
  seedDemo: seedPerizinanDemo,
});
