import type { Role } from '../../../shared/roles';

export const permissions = {
  'harga-pangan:enter': {
    id: 'Input harga harian di pasar yang ditugaskan (petugas pasar)',
    en: 'Enter daily prices at assigned markets (market enumerator)',
  },
  'harga-pangan:verify': {
    id: 'Verifikasi dan koreksi harga, impor berkas',
    en: 'Verify and correct prices, import files',
  },
  'harga-pangan:manage': {
    id: 'Kelola pasar, komoditas, HET/HAP dan ambang peringatan',
    en: 'Manage markets, commodities, HET/HAP and alert thresholds',
  },
  'harga-pangan:alerts': {
    id: 'Terima peringatan harga (TPID)',
    en: 'Receive price alerts (regional inflation control team)',
  },
} as const;
export type HpPermission = keyof typeof permissions;

/**
 * Petugas pasar are OPD officers (of Disperindag, in practice) and may enter prices only at the
 * markets assigned to them; the OPD admin supervises (and, like managers, may enter prices at any market); TPID members (leadership, operators,
 * region and OPD admins) receive alerts.
 */
export const roleGrants: Partial<Record<Role, HpPermission[]>> = {
  platform_admin: ['harga-pangan:enter', 'harga-pangan:verify', 'harga-pangan:manage', 'harga-pangan:alerts'],
  region_admin: ['harga-pangan:enter', 'harga-pangan:verify', 'harga-pangan:manage', 'harga-pangan:alerts'],
  opd_admin: ['harga-pangan:enter', 'harga-pangan:verify', 'harga-pangan:alerts'],
  opd_officer: ['harga-pangan:enter'],
  leadership: ['harga-pangan:alerts'],
  operator: ['harga-pangan:alerts'],
};

/** Roles whose members are told about alerts. */
export const alertRoles = (Object.keys(roleGrants) as Role[]).filter((r) =>
  roleGrants[r]?.includes('harga-pangan:alerts'),
);
