import type { Role } from '../../../shared/roles';

export const permissions = {
  'antrian:serve': {
    id: 'Layani antrean di loket (layanan yang ditugaskan)',
    en: 'Serve queues at a counter (the services one is assigned to)',
  },
  'antrian:manage': {
    id: 'Atur unit layanan, layanan, loket, petugas dan kios antrean',
    en: 'Set up queue units, services, counters, clerks and kiosks',
  },
  'antrian:report': {
    id: 'Lihat kinerja antrean: waktu tunggu, waktu layanan, IKM',
    en: 'See queue performance: waiting and service times, satisfaction index',
  },
} as const;

/**
 * A role opens the console; which services a clerk calls follows from their assignments
 * (antrian_clerk_service). An OPD head manages the units of their own OPD only.
 */
export const roleGrants: Partial<Record<Role, (keyof typeof permissions)[]>> = {
  platform_admin: ['antrian:serve', 'antrian:manage', 'antrian:report'],
  region_admin: ['antrian:serve', 'antrian:manage', 'antrian:report'],
  opd_admin: ['antrian:serve', 'antrian:manage', 'antrian:report'],
  opd_officer: ['antrian:serve'],
  leadership: ['antrian:report'],
  operator: ['antrian:report'],
};
