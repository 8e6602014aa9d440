import { z } from 'zod';

/** Roles a staff or citizen account can hold inside one region. */
export const roles = [
  'platform_admin',
  'region_admin',
  'opd_admin',
  'opd_officer',
  'operator',
  'leadership',
  'police_liaison',
  'citizen',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
export const staffRoles = roles.filter((r) => r !== 'citizen');

export const roleLabels: Record<Role, { id: string; en: string }> = {
  platform_admin: { id: 'Admin Platform', en: 'Platform admin' },
  region_admin: { id: 'Admin Daerah', en: 'Region admin' },
  opd_admin: { id: 'Admin OPD', en: 'OPD admin' },
  opd_officer: { id: 'Petugas OPD', en: 'OPD officer' },
  operator: { id: 'Operator / Verifikator', en: 'Operator / verifier' },
  leadership: { id: 'Pimpinan', en: 'Leadership' },
  police_liaison: { id: 'Penghubung Polres', en: 'Police liaison' },
  citizen: { id: 'Warga', en: 'Citizen' },
};

/** Core permissions (`module:action`). Modules add their own in their manifest. */
export const corePermissions = {
  'core:region.manage': { id: 'Kelola pengaturan daerah', en: 'Manage region settings' },
  'core:modules.manage': { id: 'Aktifkan/nonaktifkan layanan', en: 'Enable/disable modules' },
  'core:opd.manage': { id: 'Kelola OPD', en: 'Manage OPD' },
  'core:users.manage': { id: 'Kelola pengguna dan peran', en: 'Manage users and roles' },
  'core:audit.read': { id: 'Lihat log audit', en: 'Read the audit log' },
  'core:live.watch': { id: 'Pantau LIVE Room', en: 'Watch the LIVE Room' },
  'core:staff.access': { id: 'Akses konsol staf', en: 'Access the staff console' },
  'core:platform.manage': { id: 'Kelola platform (lintas daerah)', en: 'Manage the platform (cross-region)' },
} as const;
export type CorePermission = keyof typeof corePermissions;

export const coreRoleGrants: Record<Role, CorePermission[]> = {
  platform_admin: Object.keys(corePermissions) as CorePermission[],
  region_admin: [
    'core:region.manage',
    'core:modules.manage',
    'core:opd.manage',
    'core:users.manage',
    'core:audit.read',
    'core:live.watch',
    'core:staff.access',
  ],
  opd_admin: ['core:staff.access', 'core:users.manage'],
  opd_officer: ['core:staff.access'],
  operator: ['core:staff.access', 'core:live.watch'],
  leadership: ['core:staff.access', 'core:live.watch', 'core:audit.read'],
  police_liaison: ['core:staff.access'],
  citizen: [],
};
