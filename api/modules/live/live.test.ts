import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createAccount,
  createTestApp,
  type TestAccount,
  type TestApp,
} from '../../../test/support/app';
import { createLaksaRegion, fileLaksaReport, type LaksaRegion as Region } from '../../../test/support/laksa';
import { usageDaily } from '../../core/db/schema';
import { inRegion } from '../../core/db/scope';
import { OutboxDispatcher } from '../../core/events/outbox';
import { modules } from '../../modules';

describe('LIVE Room usage analytics', () => {
  let t: TestApp;
  let a: Region;
  let b: Region;

  const setupRegion = () => createLaksaRegion(t);
  const file = (g: Region, over: Record<string, unknown> = {}) => fileLaksaReport(t, g, over);
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
