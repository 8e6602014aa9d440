import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { verifyPassword } from '../../api/core/auth/password';
import type { Database } from '../../api/core/db/client';
import {
  appUser,
  opd,
  platformAudit,
  region,
  regionArea,
  regionDomain,
  regionModule,
  userRole,
} from '../../api/core/db/schema';
import { asPlatform } from '../../api/core/db/scope';
import { defineModule, type SimpulModule } from '../../api/core/modules/types';
import { areasOf } from '../../api/core/regions/area-data';
import { RegionDirectory } from '../../api/core/regions/directory';
import { onboardRegion, switchRegionModules } from '../../api/core/regions/onboard';
import { modules } from '../../api/modules';
import { nomorPentingNumber } from '../../api/modules/nomor-penting/schema';
import { openTestDatabase } from '../support/database';
import { deferred } from '../support/deferred';

/** A module that depends on nomor-penting and records the region its seed ran in (and as which role). */
const seeded: { regionId: string; scopedTo: string; role: string }[] = [];
const probe = defineModule({
  id: 'probe',
  name: { id: 'Probe', en: 'Probe' },
  description: { id: 'Modul uji', en: 'Test module' },
  icon: 'science',
  citizen: false,
  dependsOn: ['nomor-penting'],
  permissions: {},
  roleGrants: {},
  settings: z.object({ level: z.number().default(3) }),
  enabledByDefault: false,
  tables: [],
  liveChannels: [],
  seedRegion: async ({ tx, regionId }) => {
    const result = await tx.execute(
      sql`select current_setting('app.region_id', true) as region, current_user as role`,
    );
    const [row] = (result as unknown as { rows: { region: string; role: string }[] }).rows;
    seeded.push({ regionId, scopedTo: row!.region, role: row!.role });
  },
});
const registry: SimpulModule[] = [...modules, probe];
/** What a region gets when no module list is given (every module enabled by default, in order). */
const byDefault = modules.filter((m) => m.enabledByDefault).map((m) => m.id);

/** Reads across regions for assertions, through the one audited platform path. */
function peek<T>(database: Database, work: Parameters<typeof asPlatform<T>>[2]) {
  return asPlatform(database, { actor: 'test', action: 'test.read', reason: 'assertions' }, work);
}

describe('onboarding a region ("just change the city name")', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('creates Kabupaten Tangerang with areas, OPDs, modules, module data and a region admin, in one go', async () => {
    const started = Date.now();
    const r = await onboardRegion(database, { code: '36.03', actor: 'test' });
    const ms = Date.now() - started;
    expect(ms).toBeLessThan(10_000);
    expect(r.created).toBe(true);
    expect(r.region).toMatchObject({
      code: '36.03',
      name: 'Kabupaten Tangerang',
      slug: 'kabupaten-tangerang',
    });
    const expected = areasOf('36.03');
    expect(r.summary).toMatchObject({
      type: 'kabupaten',
      timeZone: 'WIB',
      kecamatan: 29,
      kelurahan: expected.filter((a) => a.level === 'kelurahan').length,
      desa: expected.filter((a) => a.level === 'desa').length,
      opd: 20,
      modules: modules.filter((m) => m.enabledByDefault).map((m) => m.id),
    });
    expect(r.admin?.email).toBe('admin@kabupaten-tangerang.simpul.local');
    expect(r.admin?.password).toMatch(/^[A-Za-z0-9]{16}$/);

    const id = r.region.id;
    const facts = await peek(database, async (tx) => ({
      row: (await tx.select().from(region).where(eq(region.id, id)))[0]!,
      areas: await tx.select().from(regionArea).where(eq(regionArea.regionId, id)),
      opds: await tx.select().from(opd).where(eq(opd.regionId, id)),
      switches: await tx.select().from(regionModule).where(eq(regionModule.regionId, id)),
      numbers: await tx.select().from(nomorPentingNumber).where(eq(nomorPentingNumber.regionId, id)),
      users: await tx.select().from(appUser).where(eq(appUser.regionId, id)),
      roles: await tx.select().from(userRole).where(eq(userRole.regionId, id)),
      audit: await tx
        .select()
        .from(platformAudit)
        .where(and(eq(platformAudit.regionId, id), eq(platformAudit.action, 'region.onboard'))),
    }));
    expect(facts.row).toMatchObject({
      type: 'kabupaten',
      timeZone: 'WIB',
      branding: {
        displayName: 'Kabupaten Tangerang LIVE',
        logoFileId: null,
        primaryColor: '#0b5fa5',
        accentColor: '#f59e0b',
      },
      contact: { phone: null, email: null, address: null },
    });
    expect(facts.areas).toHaveLength(expected.length);
    const village = facts.areas.find((a) => a.level !== 'kecamatan')!;
    expect(facts.areas.some((a) => a.code === village.parentCode && a.level === 'kecamatan')).toBe(true);
    expect(facts.opds.map((o) => o.shortName)).toEqual(
      expect.arrayContaining(['Diskominfo', 'Dinas PUPR', 'Damkar', 'BPBD']),
    );
    expect(facts.switches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          moduleId: 'nomor-penting',
          enabled: true,
          settings: {}, // the module's defaults: nomor-penting has no settings
        }),
        // LAKSA starts with its defaults: SP4N-LAPOR!'s 3 working days to verify, 5 to follow up.
        expect.objectContaining({
          moduleId: 'laksa',
          enabled: true,
          settings: expect.objectContaining({ verifyDays: 3, followUpDays: 5 }),
        }),
      ]),
    );
    expect(facts.numbers.map((n) => n.number)).toContain('112');
    expect(facts.users).toHaveLength(1);
    expect(facts.users[0]!.verifiedAt).not.toBeNull();
    expect(await verifyPassword(facts.users[0]!.passwordHash, r.admin!.password)).toBe(true);
    expect(facts.roles).toEqual([
      expect.objectContaining({ userId: facts.users[0]!.id, role: 'region_admin', opdId: null }),
    ]);
    expect(facts.audit).toHaveLength(1);
  });

  it('is idempotent: a second run duplicates nothing, keeps the admin password and restores what is missing', async () => {
    const first = await peek(database, async (tx) => {
      const [row] = await tx.select().from(region).where(eq(region.code, '36.03'));
      const [admin] = await tx.select().from(appUser).where(eq(appUser.regionId, row!.id));
      // Someone removed a kecamatan and an OPD: the re-run adds them back.
      await tx
        .delete(regionArea)
        .where(and(eq(regionArea.regionId, row!.id), eq(regionArea.code, '36.03.01')));
      await tx.delete(opd).where(and(eq(opd.regionId, row!.id), eq(opd.code, 'dishub')));
      return { id: row!.id, hash: admin!.passwordHash };
    });
    const again = await onboardRegion(database, { code: '36.03', adminPassword: 'bukan-sandi-baru' });
    expect(again.created).toBe(false);
    expect(again.admin).toBeNull();
    expect(again.region.id).toBe(first.id);
    expect(again.summary.kecamatan).toBe(29);
    expect(again.summary.opd).toBe(20);
    const after = await peek(database, async (tx) => ({
      users: await tx.select().from(appUser).where(eq(appUser.regionId, first.id)),
      numbers: await tx
        .select({ n: count() })
        .from(nomorPentingNumber)
        .where(eq(nomorPentingNumber.regionId, first.id)),
      regions: await tx.select({ n: count() }).from(region).where(eq(region.code, '36.03')),
    }));
    expect(after.users.map((u) => u.passwordHash)).toEqual([first.hash]);
    expect(after.numbers[0]!.n).toBe(7);
    expect(after.regions[0]!.n).toBe(1);
  });

  it('re-running on an existing region enables additionally requested modules and seeds them', async () => {
    const r = await onboardRegion(database, { code: '36.03', modules: ['probe'], registry });
    expect(r.created).toBe(false);
    expect(r.summary.modules).toEqual([...byDefault, 'probe']);
    expect(seeded.at(-1)).toMatchObject({ regionId: r.region.id, scopedTo: r.region.id, role: 'simpul_app' });
    const switches = await peek(database, (tx) =>
      tx.select().from(regionModule).where(eq(regionModule.regionId, r.region.id)),
    );
    expect(switches.find((s) => s.moduleId === 'probe')).toMatchObject({
      enabled: true,
      settings: { level: 3 },
    });
  });

  it('refuses an unknown Kemendagri code, in Indonesian and English', async () => {
    await expect(onboardRegion(database, { code: '99.99' })).rejects.toThrow(
      'Kode wilayah 99.99 tidak dikenal di data Kemendagri / Unknown Kemendagri region code 99.99',
    );
    await expect(onboardRegion(database, { code: 'tangerang' })).rejects.toThrow(
      /Format kode wilayah.*Invalid region code/,
    );
    await expect(onboardRegion(database, { code: '36.04', adminEmail: 'bukan-email' })).rejects.toThrow(
      /Invalid e-mail/,
    );
    await expect(onboardRegion(database, { code: '36.04', adminPassword: 'pendek' })).rejects.toThrow(
      /at least 8/,
    );
  });

  it('refuses kecamatan and kelurahan/desa codes, pointing to the kabupaten/kota', async () => {
    await expect(onboardRegion(database, { code: '36.71.01' })).rejects.toThrow(
      /kode kecamatan.*36\.71.*kecamatan \(district\) code/,
    );
    await expect(onboardRegion(database, { code: '36.71.01.1001' })).rejects.toThrow(/kelurahan\/desa/);
  });

  it('refuses unknown modules and unmet dependencies, leaving nothing behind', async () => {
    await expect(onboardRegion(database, { code: '36.04', modules: ['laksa-x'] })).rejects.toThrow(
      /Layanan tidak dikenal: laksa-x.*Unknown module: laksa-x/,
    );
    await expect(onboardRegion(database, { code: '36.04', modules: ['probe'], registry })).rejects.toThrow(
      /membutuhkan nomor-penting.*Module probe depends on nomor-penting/,
    );
    const left = await peek(database, (tx) => tx.select().from(region).where(eq(region.code, '36.04')));
    expect(left).toEqual([]);
  });

  it('onboards a province (WIB), a WITA kota and a WIT kabupaten with the right names and time zones', async () => {
    const banten = await onboardRegion(database, { code: '36' });
    expect(banten.region).toMatchObject({ name: 'Provinsi Banten', slug: 'provinsi-banten' });
    expect(banten.summary).toMatchObject({
      type: 'provinsi',
      timeZone: 'WIB',
      kecamatan: 0,
      kelurahan: 0,
      desa: 0,
    });
    const opds = await peek(database, (tx) =>
      tx.select().from(opd).where(eq(opd.regionId, banten.region.id)),
    );
    expect(opds.map((o) => o.name)).toContain('Dinas Kesehatan Provinsi Banten');
    expect(opds.some((o) => o.code === 'damkar')).toBe(false);

    const makassar = await onboardRegion(database, { code: '73.71', modules: [] });
    expect(makassar.region).toMatchObject({ name: 'Kota Makassar', slug: 'kota-makassar' });
    expect(makassar.summary).toMatchObject({ type: 'kota', timeZone: 'WITA', modules: [] });
    expect(makassar.summary.kecamatan).toBeGreaterThan(10);

    const jayapura = await onboardRegion(database, { code: '91.03' });
    expect(jayapura.summary).toMatchObject({ type: 'kabupaten', timeZone: 'WIT' });
    expect(jayapura.summary.desa).toBeGreaterThan(0); // including the Desa Adat (3xxx)
  });

  it('adds domains, refuses a domain of another region, and refreshes a given directory', async () => {
    const directory = new RegionDirectory(database);
    await directory.reload();
    const r = await onboardRegion(database, { code: '32.01', domains: ['Bogorkab.Localhost'], directory });
    expect(r.summary.domains).toEqual(['bogorkab.localhost']);
    expect(directory.getByCode('32.01')?.slug).toBe('kabupaten-bogor');
    expect(directory.getByHost('bogorkab.localhost')?.code).toBe('32.01');
    await expect(onboardRegion(database, { code: '32.71', domains: ['bogorkab.localhost'] })).rejects.toThrow(
      /sudah dipakai daerah lain.*already belongs to another region/,
    );
    const domains = await peek(database, (tx) =>
      tx.select().from(regionDomain).where(eq(regionDomain.domain, 'bogorkab.localhost')),
    );
    // Added by the platform operator: proven at once.
    expect(domains).toEqual([
      {
        domain: 'bogorkab.localhost',
        regionId: r.region.id,
        verifiedAt: expect.any(Date),
        token: expect.any(String),
      },
    ]);
  });

  it('never lets an older directory read land after a newer one', async () => {
    // A reload woken by an earlier NOTIFY may read before a change commits and answer after the
    // change's own reload: its old copy must not come back (a removed logo stayed public).
    const { region: sukabumi } = await onboardRegion(database, { code: '32.02', modules: [] });
    const held = deferred();
    let reads = 0;
    const firstReadAnswersLate: Database = {
      ...database,
      run: async (work) => {
        const first = ++reads === 1;
        const result = await database.run(work);
        if (first) await held.promise;
        return result;
      },
    };
    const directory = new RegionDirectory(firstReadAnswersLate);
    const older = directory.reload();
    await asPlatform(database, { actor: 'test', action: 'test.rename', reason: 'directory order' }, (tx) =>
      tx.update(region).set({ name: 'Kabupaten Sukabumi Baru' }).where(eq(region.id, sukabumi.id)),
    );
    const newer = directory.reload();
    expect(reads).toBe(1); // the second read waits for the first to land
    held.resolve();
    await Promise.all([older, newer]);
    expect(reads).toBe(2);
    expect(directory.get(sukabumi.id)?.name).toBe('Kabupaten Sukabumi Baru');
  });

  it('stops after its reload in flight, and reloads nothing once stopped', async () => {
    // The app closes the database right after stop(): a reload still running, or queued behind it
    // (a NOTIFY), must not reach a closed pool (an unhandled rejection in CI).
    const held = deferred();
    let reads = 0;
    const heldReads: Database = {
      ...database,
      run: async (work) => {
        reads++;
        const result = await database.run(work);
        await held.promise;
        return result;
      },
    };
    const directory = new RegionDirectory(heldReads);
    const inFlight = directory.reload();
    const queued = directory.reload();
    let stopped = false;
    const stopping = directory.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false); // still waiting for the read in flight
    held.resolve();
    await Promise.all([stopping, inFlight, queued]);
    await directory.reload();
    expect(reads).toBe(1); // the queued reload and the one after stop() read nothing
  });

  it('switches modules on and off, refusing to disable what an enabled module needs', async () => {
    const off = await switchRegionModules(database, { code: '36.03', disable: ['probe'], registry });
    expect(off.modules).toEqual(byDefault);
    await switchRegionModules(database, { code: '36.03', enable: ['probe'], registry });
    await expect(
      switchRegionModules(database, { code: '36.03', disable: ['nomor-penting'], registry }),
    ).rejects.toThrow(/Module probe depends on nomor-penting/);
    await expect(switchRegionModules(database, { code: '12.01', enable: ['nomor-penting'] })).rejects.toThrow(
      /not onboarded yet/,
    );
  });
});
