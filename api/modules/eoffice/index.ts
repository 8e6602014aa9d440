import { eofficeSettings } from '../../../shared/modules/eoffice';
import { defineModule } from '../../core/modules/types';
import { seedClassifications } from './classifications';
import {
  DEMO_KABID_KOMINFO,
  DEMO_KADIS_KOMINFO,
  DEMO_KASI_DPMPTSP,
  DEMO_STAF_KOMINFO,
  DEMO_TU_DPMPTSP,
  seedEofficeDemo,
} from './demo';
import { mayReadLetterFile } from './files';
import { LETTER_TOPIC } from './notify';
import { permissions, roleGrants } from './permissions';
import { eofficeRoutes } from './routes';
import { eofficeTables } from './schema';
import { LETTER_KIND } from './sign';
import { escalateOverdue, mailExternal } from './tasks';

export const EOFFICE_EVENTS = [
  'eoffice.position.created',
  'eoffice.position.updated',
  'eoffice.assignment.created',
  'eoffice.letter.drafted',
  'eoffice.letter.submitted',
  'eoffice.letter.initialed',
  'eoffice.letter.returned',
  'eoffice.letter.signed',
  'eoffice.letter.registered',
  'eoffice.disposition.created',
  'eoffice.disposition.finished',
  'eoffice.disposition.overdue',
  'eoffice.retention.proposed',
  'eoffice.retention.approved',
  'eoffice.retention.rejected',
] as const;

/** eOffice: paperless official correspondence between positions (see README.md). */
export const eoffice = defineModule({
  id: 'eoffice',
  name: { id: 'eOffice', en: 'eOffice' },
  description: {
    id: 'Naskah dinas elektronik: konsep, paraf dan tanda tangan elektronik, kotak masuk jabatan, surat masuk dan disposisi berbatas waktu, arsip dengan jadwal retensi.',
    en: 'Paperless official correspondence: drafts, initials and electronic signatures, position inboxes, incoming letters and dispositions with deadlines, an archive with retention.',
  },
  icon: 'mail',
  citizen: false,
  dependsOn: [],
  permissions,
  roleGrants,
  settings: eofficeSettings,
  enabledByDefault: true,
  routes: eofficeRoutes,
  events: { emits: EOFFICE_EVENTS },
  tables: eofficeTables,
  tasks: [escalateOverdue, mailExternal],
  liveChannels: [
    'eoffice.letter.signed',
    'eoffice.letter.registered',
    'eoffice.disposition.finished',
    'eoffice.disposition.overdue',
  ],
  documents: { kinds: [{ id: LETTER_KIND, label: { id: 'Naskah dinas', en: 'Official letter' } }] },
  files: { canRead: mayReadLetterFile },
  notifications: {
    topics: [
      {
        id: LETTER_TOPIC,
        label: {
          id: 'Naskah dinas dan disposisi untuk jabatan saya',
          en: 'Letters and dispositions for my position',
        },
        personal: true,
        defaultOn: true,
      },
    ],
  },
  seedRegion: seedClassifications,
  demoLogins: [
    { role: 'opd_officer', label: 'Staf Diskominfo — menyusun naskah (eOffice)', login: DEMO_STAF_KOMINFO },
    { role: 'opd_officer', label: 'Kabid IKP Diskominfo — paraf (eOffice)', login: DEMO_KABID_KOMINFO },
    { role: 'opd_admin', label: 'Kepala Diskominfo — tanda tangan (eOffice)', login: DEMO_KADIS_KOMINFO },
    { role: 'opd_officer', label: 'Tata usaha DPMPTSP — surat masuk (eOffice)', login: DEMO_TU_DPMPTSP },
    { role: 'opd_officer', label: 'Kasi Pelayanan DPMPTSP — disposisi (eOffice)', login: DEMO_KASI_DPMPTSP },
  ],
  seedDemo: seedEofficeDemo,
});
