import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../api/core/auth/password';
import type { Database } from '../../api/core/db/client';
import { appUser, opd, region, userRole } from '../../api/core/db/schema';
import { asPlatform } from '../../api/core/db/scope';
import { DEMO_PASSWORD, formatDemoLogins, seedDemo } from '../../api/core/demo/seed';
import { roles } from '../../shared/roles';
import { openTestDatabase } from '../support/database';

describe('demo seed (Kota Tangerang and one account per role)', () => {
  let database: Database;
  beforeAll(async () => {
    // The template database was seeded with seedDemo by the global set-up.
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  const accounts = () =>
    asPlatform(database, { actor: 'test', action: 'test.read', reason: 'assertions' }, async (tx) => {
      const [tangerang] = await tx.select().from(region).where(eq(region.code, '36.71'));
      const users = await tx.select().from(appUser).where(eq(appUser.regionId, tangerang!.id));
      const grants = await tx.select().from(userRole).where(eq(userRole.regionId, tangerang!.id));
      const [pupr] = await tx.select().from(opd).where(eq(opd.code, 'dpupr'));
      const [total] = await tx.select({ n: count() }).from(appUser);
      return { tangerang: tangerang!, users, grants, puprId: pupr!.id, total: total!.n };
    });

  it('has one verified account per role with the documented password; OPD staff belong to Dinas PUPR', async () => {
    const { tangerang, users, grants, puprId } = await accounts();
    expect(tangerang).toMatchObject({ name: 'Kota Tangerang', slug: 'kota-tangerang', timeZone: 'WIB' });
    for (const role of roles) {
      const grant = grants.find((g) => g.role === role);
      expect(grant, role).toBeDefined();
      const user = users.find((u) => u.id === grant!.userId)!;
      expect(user.verifiedAt, role).not.toBeNull();
      expect(await verifyPassword(user.passwordHash, DEMO_PASSWORD), role).toBe(true);
      if (role === 'opd_admin' || role === 'opd_officer') expect(grant!.opdId).toBe(puprId);
    }
    expect(users.find((u) => u.email === 'platform@demo.simpul.id')).toBeDefined();
    expect(users.find((u) => u.email === 'admin@tangerangkota.demo.simpul.id')).toBeDefined();
    expect(users.find((u) => u.phone === '+6281234567890')).toBeDefined();
  });

  it('is idempotent and returns the logins to print', async () => {
    const before = await accounts();
    const logins = await seedDemo(database);
    const after = await accounts();
    expect(after.total).toBe(before.total);
    expect(after.grants).toHaveLength(before.grants.length);
    expect(logins.filter((l) => !l.module).map((l) => l.role)).toEqual([...roles]);
    // Every login a module lists exists, is verified, has the demo password and the listed role.
    const fromModules = logins.filter((l) => l.module);
    expect(fromModules.map((l) => l.login)).toContain('callcenter112@tangerangkota.demo.simpul.id');
    for (const l of fromModules) {
      const user = after.users.find((u) => u.email === l.login);
      expect(user, l.login).toBeDefined();
      expect(user!.verifiedAt, l.login).not.toBeNull();
      expect(await verifyPassword(user!.passwordHash, DEMO_PASSWORD), l.login).toBe(true);
      expect(after.grants.find((g) => g.userId === user!.id)?.role, l.login).toBe(l.role);
    }
    expect(logins.find((l) => l.role === 'citizen')?.login).toBe('081234567890');

    const text = formatDemoLogins(logins, 'http://127.0.0.1:3000/');
    expect(text).toContain('http://127.0.0.1:3000/');
    expect(text).toMatch(/Peran.*Login.*Kata sandi/);
    for (const l of logins) expect(text).toContain(l.login);
    expect(text).toContain(DEMO_PASSWORD);
  });
});
