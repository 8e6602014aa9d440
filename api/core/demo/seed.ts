import { eq, inArray, or } from 'drizzle-orm';
import { normalizePhone } from '../../../shared/indonesia';
import { type Role, roleLabels } from '../../../shared/roles';
import { modules } from '../../modules';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/client';
import { appUser, opd, userRole } from '../db/schema';
import { inRegion } from '../db/scope';
import type { FileStore } from '../files/store';
import type { RegionDirectory } from '../regions/directory';
import { onboardRegion } from '../regions/onboard';
import { seedTangerangMap } from './tangerang-map';

/** One line of the start-up banner; `module` is set for accounts a module's demo seed made. */
export type DemoLogin = { role: Role; label: string; login: string; password: string; module?: string };

/** The demo region: Kota Tangerang, where the original "Tangerang LIVE" comes from. */
export const DEMO_REGION_CODE = '36.71';
/**
 * One shared, documented password for every demo account (docs, README, start-up banner).
 * Demo data only: anyone who reads the source knows it.
 */
export const DEMO_PASSWORD = 'Demo#2026!';

type DemoAccount = { role: Role; name: string; email?: string; phone?: string; opdCode?: string };

/** One account per role. The OPD staff belong to Dinas PUPR (roads: the classic LAKSA report). */
const demoAccounts: DemoAccount[] = [
  { role: 'platform_admin', name: 'Admin Platform Simpul', email: 'platform@demo.simpul.id' },
  { role: 'region_admin', name: 'Admin Kota Tangerang', email: 'admin@tangerangkota.demo.simpul.id' },
  {
    role: 'opd_admin',
    name: 'Admin Dinas PUPR',
    email: 'admin.pupr@tangerangkota.demo.simpul.id',
    opdCode: 'dpupr',
  },
  {
    role: 'opd_officer',
    name: 'Petugas Dinas PUPR',
    email: 'petugas.pupr@tangerangkota.demo.simpul.id',
    opdCode: 'dpupr',
  },
  { role: 'operator', name: 'Operator LIVE Room', email: 'operator@tangerangkota.demo.simpul.id' },
  { role: 'leadership', name: 'Wali Kota Tangerang', email: 'walikota@tangerangkota.demo.simpul.id' },
  {
    role: 'police_liaison',
    name: 'Penghubung Polres Metro Tangerang Kota',
    email: 'polres@tangerangkota.demo.simpul.id',
  },
  { role: 'citizen', name: 'Warga Demo', phone: '081234567890' },
];

const labelOf = (a: DemoAccount) =>
  a.role === 'leadership' ? `${roleLabels.leadership.id} (Wali Kota)` : roleLabels[a.role].id;

/**
 * Seeds the demo: Kota Tangerang with every module, and one verified account per role with the
 * documented password. Idempotent: accounts that exist (by e-mail or phone) are left alone, so a
 * changed password is never reset. Returns the logins for the start-up banner.
 */
export async function seedDemo(
  database: Database,
  directory?: RegionDirectory,
  files?: FileStore,
): Promise<DemoLogin[]> {
  const admin = demoAccounts.find((a) => a.role === 'region_admin')!;
  const { region } = await onboardRegion(database, {
    code: DEMO_REGION_CODE,
    modules: modules.map((m) => m.id),
    adminEmail: admin.email,
    adminPassword: DEMO_PASSWORD,
    actor: 'demo-seed',
  });

  const emails = demoAccounts.flatMap((a) => (a.email ? [a.email] : []));
  const phones = demoAccounts.flatMap((a) => (a.phone ? [normalizePhone(a.phone)!] : []));
  const present = await inRegion(database, { regionId: region.id }, (tx) =>
    tx
      .select({ email: appUser.email, phone: appUser.phone })
      .from(appUser)
      .where(or(inArray(appUser.email, emails), inArray(appUser.phone, phones))),
  );
  const exists = (a: DemoAccount) =>
    present.some((p) => (a.email && p.email === a.email) || (a.phone && p.phone === normalizePhone(a.phone)));
  const missing = demoAccounts.filter((a) => !exists(a));
  // Hashing is the slow part (argon2id); do it before the transaction, in parallel on the thread pool.
  const hashes = await Promise.all(missing.map(() => hashPassword(DEMO_PASSWORD)));

  if (missing.length > 0) {
    await inRegion(database, { regionId: region.id }, async (tx) => {
      const opds = await tx
        .select({ id: opd.id, code: opd.code })
        .from(opd)
        .where(eq(opd.regionId, region.id));
      for (const [i, a] of missing.entries()) {
        const [user] = await tx
          .insert(appUser)
          .values({
            regionId: region.id,
            name: a.name,
            email: a.email ?? null,
            phone: a.phone ? normalizePhone(a.phone) : null,
            passwordHash: hashes[i]!,
            verifiedAt: new Date(),
          })
          .returning({ id: appUser.id });
        const opdId = a.opdCode ? (opds.find((o) => o.code === a.opdCode)?.id ?? null) : null;
        await tx.insert(userRole).values({ regionId: region.id, userId: user!.id, role: a.role, opdId });
      }
    });
  }
  // The region's map (bounds, kecamatan centroids), then modules add sample data (each idempotent).
  await inRegion(database, { regionId: region.id }, async (tx) => {
    await seedTangerangMap(tx, region.id);
    const accounts = await tx
      .select({ role: userRole.role, userId: userRole.userId })
      .from(userRole)
      .where(eq(userRole.regionId, region.id));
    for (const m of modules) await m.seedDemo?.({ tx, regionId: region.id, accounts, files });
  });
  await directory?.invalidate(region.id);
  const core = demoAccounts.map((a) => ({
    role: a.role,
    label: labelOf(a),
    login: a.email ?? a.phone!,
    password: DEMO_PASSWORD,
  }));
  const fromModules = modules.flatMap((m) =>
    (m.demoLogins ?? []).map((l) => ({ ...l, password: DEMO_PASSWORD, module: m.id })),
  );
  return [...core, ...fromModules];
}

/** Console text for the demo logins: a boxed table with Indonesian headings. */
export function formatDemoLogins(logins: DemoLogin[], url: string): string {
  const head = ['Peran', 'Login (e-mail / telepon)', 'Kata sandi'];
  const rows = logins.map((l) => [l.label, l.login, l.password]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `│ ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' │ ')} │`;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  return [
    `Akun demo Simpul (Kota Tangerang LIVE) — buka ${url}`,
    rule('┌', '┬', '┐'),
    line(head),
    rule('├', '┼', '┤'),
    ...rows.map(line),
    rule('└', '┴', '┘'),
    'Hanya untuk demo: ganti kata sandi ini sebelum dipakai sungguhan. / Demo only: change these passwords for real use.',
  ].join('\n');
}
