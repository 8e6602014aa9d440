import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../../../test/support/app';
import { regionModule, usageDaily } from '../../core/db/schema';
import { asPlatform, inRegion } from '../../core/db/scope';
import { OutboxDispatcher } from '../../core/events/outbox';
import { modules } from '../../modules';

const center = { lat: -7.25, lng: 110.4 };

type Region = {
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

describe('LIVE Room usage analytics', () => {
  let t: TestApp;
  let a: Region;
  let b: Region;

  async function setupRegion(): Promise<Region> {
    const r = await createRegion(t);
    await asPlatform(
      t.database,
      { actor: 'test', action: 'test', reason: 'settings', regionId: r.id },
      (tx) =>
        tx
          .update(regionModule)
          .set({ settings: { reportsPerHour: 10_000 } })
          .where(sql`${regionModule.regionId} = ${r.id} and ${regionModule.moduleId} = 'laksa'`),
    );
    await t.app.simpul.directory.invalidate(r.id);
    // Through SQL, not LAKSA's internals: this module knows LAKSA only by its API.
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

  const file = async (g: Region, over: Record<string, unknown> = {}) => {
    const res = await call(t, g.r, {
      method: 'POST',
      url: '/api/m/laksa/reports',
      as: g.citizen,
      headers: { 'idempotency-key': randomUUID() },
      payload: {
        type: 'pengaduan',
        categoryId: g.categoryId,
        description: 'Jalan berlubang besar di depan sekolah, membahayakan pengendara motor.',
        lat: center.lat,
        lng: center.lng,
        areaCode: g.kelurahan,
        ...over,
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; ticket: string };
  };
  const get = (g: Region, url: string, as?: TestAccount) => call(t, g.r, { method: 'GET', url, as });

  beforeAll(async () => {
    t = await createTestApp();
    a = await setupRegion();
    b = await setupRegion();
  });
  afterAll(() => t.close());

  describe('usage analytics', () => {
    it('counts key actions by event type (outbox) and anonymous opens (beacon), per region, without people', async () => {
      const g = await setupRegion();
      await file(g);
      await file(g);
      const outbox = new OutboxDispatcher(t.database, t.app.simpul.directory, modules, () => {});
      await outbox.drain(g.r.id);
      await outbox.drain(g.r.id); // at least once: a second drain counts nothing again
      const beacon = (payload: Record<string, string>, headers: Record<string, string> = {}) =>
        call(t, g.r, { method: 'POST', url: '/api/usage/open', payload, headers });
      expect((await beacon({ module: 'laksa', surface: 'citizen' })).statusCode).toBe(204);
      // A signed-in browser's cookie is ignored (no CSRF token needed, no identity recorded).
      expect(
        (await beacon({ module: 'laksa', surface: 'staff' }, { cookie: g.operator.headers.cookie }))
          .statusCode,
      ).toBe(204);
      expect((await beacon({ module: 'laksa', surface: 'kiosk' })).statusCode).toBe(400);
      expect((await beacon({ module: 'laksa', surface: 'citizen', userId: 'x' })).statusCode).toBe(400);
      expect((await beacon({ module: 'tidak-ada', surface: 'citizen' })).statusCode).toBe(204);

      const rows = await inRegion(t.database, { regionId: g.r.id }, (tx) => tx.select().from(usageDaily));
      const count = (metric: string) => rows.find((r) => r.module === 'laksa' && r.metric === metric)?.count;
      expect(count('laksa.report.created')).toBe(2);
      expect(count('open.citizen')).toBe(1);
      expect(count('open.staff')).toBe(1);
      expect(rows.some((r) => r.module === 'tidak-ada')).toBe(false);
      expect(Object.keys(rows[0]!).sort()).toEqual(['count', 'day', 'metric', 'module', 'regionId']);

      const view = (await get(g, '/api/m/live/usage?days=7', g.leader)).json();
      expect(view.threshold).toBe(20);
      const laksa = view.modules.find((m: { module: string }) => m.module === 'laksa');
      expect(laksa).toMatchObject({ enabled: true, opens: 2, actions: 2, underUsed: true });
      expect(laksa.daily).toHaveLength(7);
      expect(laksa.daily.at(-1)).toMatchObject({ opens: 2, actions: 2 });
      const nomor = view.modules.find((m: { module: string }) => m.module === 'nomor-penting');
      expect(nomor).toMatchObject({ opens: 0, actions: 0, underUsed: true });

      // The region lowers its threshold: LAKSA (4 uses) is no longer under-used.
      await call(t, g.r, {
        method: 'PUT',
        url: '/api/admin/modules/live',
        as: g.admin,
        payload: { enabled: true, settings: { underUsedBelow: 3 } },
      });
      const lowered = (await get(g, '/api/m/live/usage?days=7', g.admin)).json();
      expect(lowered.modules.find((m: { module: string }) => m.module === 'laksa').underUsed).toBe(false);

      const csv = await get(g, '/api/m/live/usage.csv?days=7', g.leader);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('day,module,enabled,opens,actions,under_used_in_period');
      expect(csv.body).toMatch(/\d{4}-\d{2}-\d{2},laksa,true,2,2,false/);

      // Not for operators, officers or citizens; another region sees none of it.
      for (const who of [g.operator, g.officer, g.citizen])
        expect((await get(g, '/api/m/live/usage', who)).statusCode).toBe(403);
      const inB = (await get(b, '/api/m/live/usage?days=7', b.admin)).json();
      expect(inB.modules.find((m: { module: string }) => m.module === 'laksa').opens).toBe(0);
    });

    it('shows platform admins every region’s adoption and activity, and nobody else', async () => {
      const platform = await createAccount(t, a.r, ['platform_admin']);
      const res = await get(a, '/api/m/live/platform/usage?days=30', platform);
      expect(res.statusCode).toBe(200);
      const codes = res.json().regions.map((r: { code: string }) => r.code);
      expect(codes).toEqual(expect.arrayContaining([a.r.code, b.r.code]));
      const regionB = res.json().regions.find((r: { code: string }) => r.code === b.r.code);
      expect(regionB.modules.find((m: { module: string }) => m.module === 'laksa').enabled).toBe(true);
      const csv = await get(a, '/api/m/live/platform/usage.csv', platform);
      expect(csv.body).toContain('region_code,region,module,enabled,opens,actions,from,to');
      expect((await get(a, '/api/m/live/platform/usage', a.admin)).statusCode).toBe(403);
    });
  });
});
