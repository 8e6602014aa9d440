import type { Role } from '../../../shared/roles';

export const permissions = {
  'eoffice:use': {
    id: 'Kotak masuk jabatan: menyusun, memaraf, menandatangani dan mendisposisikan naskah dinas',
    en: "A position's inbox: draft, initial, sign and dispose official letters",
  },
  'eoffice:register': {
    id: 'Mencatat surat masuk (sekretariat / TU)',
    en: 'Register incoming letters (secretariat)',
  },
  'eoffice:archive': {
    id: 'Arsip naskah dinas: pencarian, buku agenda, usul retensi',
    en: 'Letter archive: search, agenda books, retention proposals',
  },
  'eoffice:retention': {
    id: 'Menyetujui pemindahan dan pemusnahan arsip',
    en: 'Approve moving and destroying records',
  },
  'eoffice:manage': {
    id: 'Atur jabatan, pejabat (termasuk Plt/Plh) dan klasifikasi arsip',
    en: 'Set up positions, office holders (incl. acting) and the archive classification',
  },
  'eoffice:report': {
    id: 'Lihat kinerja persuratan: surat masuk, disposisi terlambat, waktu penyelesaian',
    en: 'See correspondence performance: letters in, overdue dispositions, time to finish',
  },
} as const;

/**
 * A role opens the console; what a person may do with a letter follows from the positions they
 * hold (eoffice_assignment), never from the role: an inbox belongs to a position. OPD admins
 * manage and archive for their own OPD only; the region admin for every OPD.
 */
export const roleGrants: Partial<Record<Role, (keyof typeof permissions)[]>> = {
  platform_admin: ['eoffice:use', 'eoffice:archive', 'eoffice:retention', 'eoffice:manage', 'eoffice:report'],
  region_admin: [
    'eoffice:use',
    'eoffice:register',
    'eoffice:archive',
    'eoffice:retention',
    'eoffice:manage',
    'eoffice:report',
  ],
  opd_admin: ['eoffice:use', 'eoffice:register', 'eoffice:archive', 'eoffice:manage'],
  opd_officer: ['eoffice:use', 'eoffice:register'],
  leadership: ['eoffice:use', 'eoffice:report'],
  operator: ['eoffice:report'],
};
