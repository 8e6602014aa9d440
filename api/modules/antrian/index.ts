import { antrianSettings } from '../../../shared/modules/antrian';
import { defineModule } from '../../core/modules/types';
import { DEMO_CLERK_MPP, DEMO_CLERK_PUSKESMAS, seedAntrianDemo } from './demo';
import { antrianOpenData } from './open-data';
import { permissions, roleGrants } from './permissions';
import { antrianRoutes } from './routes';
import { antrianTables } from './schema';
import { seedPriorities } from './setup';

export const ANTRIAN_EVENTS = [
  'antrian.unit.created',
  'antrian.unit.updated',
  'antrian.ticket.issued',
  'antrian.ticket.booked',
  'antrian.ticket.checked_in',
  'antrian.ticket.called',
  'antrian.ticket.recalled',
  'antrian.ticket.started',
  'antrian.ticket.finished',
  'antrian.ticket.no_show',
  'antrian.ticket.cancelled',
  'antrian.ticket.transferred',
  'antrian.ticket.rated',
] as const;

/** Antrian: queues at every service counter, from kiosk or phone to a speaking TV display (see README.md). */
export const antrian = defineModule({
  id: 'antrian',
  name: { id: 'Antrian', en: 'Queues' },
  description: {
    id: 'Antrean di loket layanan publik: nomor dari kios, web atau booking, prioritas, panggilan loket, layar TV bersuara, perkiraan waktu tunggu dan survei kepuasan.',
    en: 'Queues at public service counters: tickets from a kiosk, the web or a booking, priorities, counter calls, a speaking TV display, wait estimates and satisfaction ratings.',
  },
  icon: 'ticket',
  citizen: true,
  dependsOn: [],
  permissions,
  roleGrants,
  settings: antrianSettings,
  enabledByDefault: true,
  routes: antrianRoutes,
  events: { emits: ANTRIAN_EVENTS },
  tables: antrianTables,
  liveChannels: ['antrian.ticket.called', 'antrian.ticket.issued'],
  openData: antrianOpenData,
  notifications: {
    topics: [
      {
        id: 'antrian.ticket',
        label: {
          id: 'Nomor antrean saya (hampir tiba, dipanggil)',
          en: 'My queue ticket (almost there, called)',
        },
        personal: true,
        defaultOn: true,
      },
    ],
  },
  seedRegion: seedPriorities,
  demoLogins: [
    { role: 'opd_officer', label: 'Petugas loket MPP (Antrian)', login: DEMO_CLERK_MPP },
    { role: 'opd_officer', label: 'Petugas loket Puskesmas Cibodas (Antrian)', login: DEMO_CLERK_PUSKESMAS },
  ],
  seedDemo: seedAntrianDemo,
});
