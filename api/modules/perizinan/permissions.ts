import type { Role } from '../../../shared/roles';

export const permissions = {
  'perizinan:process': {
    id: 'Buka kotak masuk perizinan (langkah yang ditugaskan)',
    en: 'Open the permit inboxes (of the steps one is assigned to)',
  },
  'perizinan:monitor': {
    id: 'Lihat semua permohonan izin dan kinerjanya',
    en: 'See every permit application and performance',
  },
  'perizinan:manage': {
    id: 'Kelola katalog izin dan petugas tiap langkah',
    en: 'Manage the permit catalogue and who does each step',
  },
} as const;

/**
 * The role opens the console; what a person may do to an application follows from their step
 * assignments (izin_staff): front office, technical team, cashier, verifier, signer.
 */
export const roleGrants: Partial<Record<Role, (keyof typeof permissions)[]>> = {
  platform_admin: ['perizinan:process', 'perizinan:monitor', 'perizinan:manage'],
  region_admin: ['perizinan:process', 'perizinan:monitor', 'perizinan:manage'],
  opd_admin: ['perizinan:process'],
  opd_officer: ['perizinan:process'],
  leadership: ['perizinan:monitor'],
  operator: ['perizinan:monitor'],
};
