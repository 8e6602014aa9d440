import type { Role } from '../../../shared/roles';

export const permissions = {
  'siap-kerja:verify': {
    id: 'Verifikasi AK/1, perusahaan dan lowongan; kelola bursa kerja (Disnaker)',
    en: 'Verify AK/1 cards, employers and vacancies; manage job fairs (Disnaker)',
  },
  'siap-kerja:stats': {
    id: 'Lihat dan ekspor statistik pasar kerja (agregat)',
    en: 'View and export labour-market statistics (aggregates)',
  },
  'siap-kerja:manage': {
    id: 'Kelola webhook dan ekspor ke sistem nasional',
    en: 'Manage webhooks and exports to the national job system',
  },
} as const;
export type KerjaPermission = keyof typeof permissions;

/**
 * Disnaker's officers and admins verify; the OPD check in routes/context.ts narrows `verify` to
 * staff of the labour office (an OPD whose code starts with `disnaker`) and region admins.
 * Employers and job seekers are ordinary citizen accounts: what they may do follows from the
 * records they own (a seeker profile, an employer), not from a role.
 */
export const roleGrants: Partial<Record<Role, KerjaPermission[]>> = {
  platform_admin: ['siap-kerja:verify', 'siap-kerja:stats', 'siap-kerja:manage'],
  region_admin: ['siap-kerja:verify', 'siap-kerja:stats', 'siap-kerja:manage'],
  opd_admin: ['siap-kerja:verify', 'siap-kerja:stats'],
  opd_officer: ['siap-kerja:verify', 'siap-kerja:stats'],
  leadership: ['siap-kerja:stats'],
  operator: ['siap-kerja:stats'],
};
