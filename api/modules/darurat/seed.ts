import { eq, inArray, sql } from 'drizzle-orm';
import {
  type DaruratSettings,
  daruratSettings,
  type Priority,
  type UnitKind,
} from '../../../shared/modules/darurat';
import { hashPassword } from '../../core/auth/password';
import type { Tx } from '../../core/db/client';
import { appUser, opd, regionModule, userRole } from '../../core/db/schema';
import type { RegionContext } from '../../core/modules/types';
import { daruratAgency, daruratType, daruratUnit, daruratUnitMember } from './schema';

/** The types every region starts with (editable per region): suggested priority and unit kinds. */
const defaultTypes: {
  code: string;
  name: string;
  nameEn: string;
  p: Priority;
  kinds: UnitKind[];
  police?: boolean;
}[] = [
  { code: 'kebakaran', name: 'Kebakaran', nameEn: 'Fire', p: 'P1', kinds: ['damkar', 'ambulans'] },
  {
    code: 'kecelakaan',
    name: 'Kecelakaan lalu lintas',
    nameEn: 'Traffic accident',
    p: 'P1',
    kinds: ['ambulans', 'polisi'],
    police: true,
  },
  { code: 'kriminalitas', name: 'Kriminalitas', nameEn: 'Crime', p: 'P1', kinds: ['polisi'], police: true },
  {
    code: 'medis',
    name: 'Kegawatdaruratan medis',
    nameEn: 'Medical emergency',
    p: 'P1',
    kinds: ['ambulans'],
  },
  {
    code: 'bencana',
    name: 'Bencana / banjir',
    nameEn: 'Disaster / flood',
    p: 'P2',
    kinds: ['bpbd', 'damkar'],
  },
  { code: 'pohon-tumbang', name: 'Pohon tumbang', nameEn: 'Fallen tree', p: 'P3', kinds: ['bpbd', 'damkar'] },
  { code: 'lainnya', name: 'Lainnya', nameEn: 'Other', p: 'P3', kinds: ['satpol_pp'] },
];

export async function seedDarurat(tx: Tx, regionId: string) {
  await tx
    .insert(daruratType)
    .values(
      defaultTypes.map((t, i) => ({
        regionId,
        code: t.code,
        name: t.name,
        nameEn: t.nameEn,
        defaultPriority: t.p,
        unitKinds: t.kinds,
        police: !!t.police,
        sort: (i + 1) * 10,
      })),
    )
    .onConflictDoNothing();
}

/** Kota Tangerang's extent. */
const TANGERANG = { south: -6.27, west: 106.55, north: -6.1, east: 106.73 };

/** Demo agencies and units at real-ish Tangerang locations (posts, hospitals, stations). */
const demoAgencies: {
  name: string;
  kind: UnitKind;
  units: [callSign: string, lat: number, lng: number][];
}[] = [
  {
    name: 'PSC 119 Dinas Kesehatan',
    kind: 'ambulans',
    units: [
      ['AMB-01', -6.2034, 106.6257],
      ['AMB-02', -6.1886, 106.679],
    ],
  },
  {
    name: 'Dinas Pemadam Kebakaran dan Penyelamatan',
    kind: 'damkar',
    units: [
      ['DMK-01', -6.1789, 106.6369],
      ['DMK-02', -6.228, 106.709],
    ],
  },
  {
    name: 'Polres Metro Tangerang Kota',
    kind: 'polisi',
    units: [
      ['POL-01', -6.1762, 106.6336],
      ['POL-02', -6.1858, 106.6093],
    ],
  },
  { name: 'BPBD Kota Tangerang', kind: 'bpbd', units: [['BPBD-01', -6.1769, 106.6405]] },
  { name: 'Satpol PP Kota Tangerang', kind: 'satpol_pp', units: [['SATPOL-01', -6.1763, 106.6402]] },
];

/**
 * The module's demo logins (same documented demo password as the core's, `Demo#2026!`, kept here
 * rather than imported: core/demo/seed imports the module list, which imports this file).
 */
export const DARURAT_DEMO_ACCOUNTS = [
  {
    email: 'callcenter112@tangerangkota.demo.simpul.id',
    name: 'Petugas Call Center 112',
    role: 'operator' as const,
    opd: null,
    unit: null,
  },
  {
    email: 'ambulans@tangerangkota.demo.simpul.id',
    name: 'Kru Ambulans AMB-01 (PSC 119)',
    role: 'opd_officer' as const,
    opd: 'dinkes',
    unit: 'AMB-01',
  },
];
const DEMO_PASSWORD = 'Demo#2026!';

/** Demo region: Tangerang bounds, agencies, units, a call-taker/dispatcher and an ambulance crew. Idempotent. */
export async function seedDaruratDemo({
  tx,
  regionId,
}: RegionContext & { accounts: { role: string; userId: string }[] }) {
  const [present] = await tx.select({ n: sql<number>`count(*)::int` }).from(daruratAgency);
  if ((present?.n ?? 0) === 0) {
    const [mod] = await tx
      .select({ settings: regionModule.settings })
      .from(regionModule)
      .where(eq(regionModule.moduleId, 'darurat'));
    const settings: DaruratSettings = daruratSettings.parse({ ...(mod?.settings ?? {}), bounds: TANGERANG });
    await tx.update(regionModule).set({ settings }).where(eq(regionModule.moduleId, 'darurat'));
    for (const a of demoAgencies) {
      const [agency] = await tx
        .insert(daruratAgency)
        .values({ regionId, name: a.name, kind: a.kind })
        .returning();
      await tx.insert(daruratUnit).values(
        a.units.map(([callSign, lat, lng]) => ({
          regionId,
          agencyId: agency!.id,
          callSign,
          kind: a.kind,
          lat,
          lng,
        })),
      );
    }
  }
  const emails = DARURAT_DEMO_ACCOUNTS.map((a) => a.email);
  const existing = await tx
    .select({ email: appUser.email })
    .from(appUser)
    .where(inArray(appUser.email, emails));
  for (const a of DARURAT_DEMO_ACCOUNTS) {
    if (existing.some((e) => e.email === a.email)) continue;
    const [o] = a.opd ? await tx.select({ id: opd.id }).from(opd).where(eq(opd.code, a.opd)) : [];
    const [user] = await tx
      .insert(appUser)
      .values({
        regionId,
        name: a.name,
        email: a.email,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        verifiedAt: new Date(),
      })
      .returning({ id: appUser.id });
    await tx.insert(userRole).values({ regionId, userId: user!.id, role: a.role, opdId: o?.id ?? null });
    if (a.unit) {
      const [unit] = await tx
        .select({ id: daruratUnit.id })
        .from(daruratUnit)
        .where(eq(daruratUnit.callSign, a.unit));
      if (unit) await tx.insert(daruratUnitMember).values({ regionId, unitId: unit.id, userId: user!.id });
    }
  }
}
