import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { regionModule } from '../../api/core/db/schema';
import { asPlatform, inRegion } from '../../api/core/db/scope';
import { call, createAccount, createRegion, type TestAccount, type TestApp, type TestRegion } from './app';

/** A point inside the test regions' (unset) bounds, i.e. inside Indonesia. */
export const laksaCenter = { lat: -7.25, lng: 110.4 };

/** A fresh region with LAKSA ready to take reports, and one account per role that the wall cares about. */
export type LaksaRegion = {
  r: TestRegion;
  citizen: TestAccount;
  operator: TestAccount;
  leader: TestAccount;
  admin: TestAccount;
  officer: TestAccount;
  opdId: string;
  categoryId: string;
  kelurahan: string;
};

/**
 * Creates the region (flood limit raised so tests may file many reports) with its accounts. Reads
 * LAKSA's seeded category through SQL, so tests of other modules need none of LAKSA's internals.
 */
export async function createLaksaRegion(t: TestApp): Promise<LaksaRegion> {
  const r = await createRegion(t);
  await asPlatform(t.database, { actor: 'test', action: 'test', reason: 'settings', regionId: r.id }, (tx) =>
    tx
      .update(regionModule)
      .set({ settings: { reportsPerHour: 10_000 } })
      .where(sql`${regionModule.regionId} = ${r.id} and ${regionModule.moduleId} = 'laksa'`),
  );
  await t.app.simpul.directory.invalidate(r.id);
  const one = async (q: ReturnType<typeof sql>) =>
    (
      (await inRegion(t.database, { regionId: r.id }, (tx) => tx.execute(q))) as unknown as {
        rows: { id: string }[];
      }
    ).rows[0]!.id;
  const categoryId = await one(sql`select id from laksa_category where code = 'jalan-rusak'`);
  const opdId = await one(sql`select id from opd where code = 'dpupr'`);
  const kelurahan = await one(
    sql`select code as id from region_area where level <> 'kecamatan' order by code limit 1`,
  );
  return {
    r,
    citizen: await createAccount(t, r, ['citizen']),
    operator: await createAccount(t, r, ['operator']),
    leader: await createAccount(t, r, ['leadership']),
    admin: await createAccount(t, r, ['region_admin']),
    officer: await createAccount(t, r, [{ role: 'opd_officer', opdId }]),
    opdId,
    categoryId,
    kelurahan,
  };
}

/** The region's citizen files a road-damage report over HTTP (201 expected). */
export async function fileLaksaReport(t: TestApp, g: LaksaRegion, over: Record<string, unknown> = {}) {
  const res = await call(t, g.r, {
    method: 'POST',
    url: '/api/m/laksa/reports',
    as: g.citizen,
    headers: { 'idempotency-key': randomUUID() },
    payload: {
      type: 'pengaduan',
      categoryId: g.categoryId,
      description: 'Jalan berlubang besar di depan sekolah, membahayakan pengendara motor.',
      lat: laksaCenter.lat,
      lng: laksaCenter.lng,
      areaCode: g.kelurahan,
      ...over,
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; ticket: string };
}
