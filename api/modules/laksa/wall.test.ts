import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestAccount, type TestApp } from '../../../test/support/app';
import {
  laksaCenter as center,
  createLaksaRegion,
  fileLaksaReport,
  type LaksaRegion as Region,
} from '../../../test/support/laksa';
import { openSse } from '../../../test/support/sse';
import { WorkingCalendar } from '../../core/calendar/working-days';
import { inRegion } from '../../core/db/scope';
import { kpiOf, median, medianOfTwo, type StatDay, windowsOf } from './kpis';
import { laksaReport, laksaStatDay, laksaStatIntake } from './schema';
import { countResolved, rebuildStatsSql } from './stats';

describe('LAKSA on the LIVE Room wall', () => {
  let t: TestApp;
  let base: string;
  let a: Region;
  let b: Region;

  const setupRegion = () => createLaksaRegion(t);
  const file = (g: Region, over: Record<string, unknown> = {}) => fileLaksaReport(t, g, over);
  const act = async (g: Region, id: string, as: TestAccount, payload: Record<string, unknown>) => {
    const res = await call(t, g.r, {
      method: 'POST',
      url: `/api/m/laksa/reports/${id}/actions`,
      as,
      payload,
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const get = (g: Region, url: string, as?: TestAccount) => call(t, g.r, { method: 'GET', url, as });
  /** Moves a report's clock back (as if filed / dispositioned earlier), so durations are known. */
  const backdate = (g: Region, id: string, set: Partial<typeof laksaReport.$inferInsert>) =>
    inRegion(t.database, { regionId: g.r.id }, (tx) =>
      tx.update(laksaReport).set(set).where(eq(laksaReport.id, id)),
    );
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

  beforeAll(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    a = await setupRegion();
    b = await setupRegion();
  });
  afterAll(() => t.close());

  describe('who may see the wall', () => {
    const wallApis = (g: Region) => [
      '/api/live/map',
      '/api/live/stream',
      '/api/m/laksa/live/wall',
      `/api/m/laksa/live/opd/${g.opdId}`,
    ];

    it('refuses citizens and OPD officers (403) and anonymous visitors (401) on every wall API', async () => {
      for (const url of wallApis(a)) {
        expect((await get(a, url, a.citizen)).statusCode, url).toBe(403);
        expect((await get(a, url, a.officer)).statusCode, url).toBe(403);
        expect((await get(a, url)).statusCode, url).toBe(401);
      }
    });

    it('lets operators and leadership read it, and leadership cannot change the wall’s settings', async () => {
      for (const who of [a.operator, a.leader]) {
        expect((await get(a, '/api/live/map', who)).statusCode).toBe(200);
        expect((await get(a, '/api/m/laksa/live/wall', who)).statusCode).toBe(200);
      }
      const stream = await openSse(`${base}${a.r.path}/api/live/stream`, a.leader.headers);
      expect(stream.status).toBe(200);
      await stream.close();
      const save = (as: TestAccount) =>
        call(t, a.r, {
          method: 'PUT',
          url: '/api/admin/modules/live',
          as,
          payload: { enabled: true, settings: { underUsedBelow: 5 } },
        });
      expect((await save(a.leader)).statusCode).toBe(403);
      expect((await save(a.operator)).statusCode).toBe(403);
      expect((await save(a.admin)).statusCode).toBe(200);
    });
  });

  describe('map', () => {
    it('shows open reports without the reporter, never rahasia ones, and moves live with data.wall', async () => {
      const stream = await openSse(`${base}${a.r.path}/api/live/stream`, a.operator.headers);
      const open = await file(a);
      const secret = await file(a, { confidential: true });
      const { items } = (await get(a, '/api/live/map', a.operator)).json();
      const mine = items.find((i: { key: string }) => i.key === `laksa:${open.id}`);
      expect(mine).toMatchObject({
        module: 'laksa',
        kind: 'laksa.report',
        state: 'menunggu_verifikasi',
        tone: 'warn',
      });
      expect(mine.label.id).toContain(open.ticket);
      expect(Object.keys(mine).sort()).toEqual([
        'at',
        'key',
        'kind',
        'label',
        'lat',
        'lng',
        'module',
        'state',
        'tone',
      ]);
      expect(items.some((i: { key: string }) => i.key === `laksa:${secret.id}`)).toBe(false);

      const created = await stream.waitFor((e) => e.data.subject === open.id);
      expect(created.data.data.wall.upsert).toMatchObject({ key: `laksa:${open.id}`, lat: center.lat });
      const hidden = await stream.waitFor((e) => e.data.subject === secret.id);
      expect(hidden.data.data.wall).toEqual({ remove: `laksa:${secret.id}` });
      expect(hidden.data.data.lat).toBeNull();
      expect(JSON.stringify(created.data)).not.toContain(a.citizen.email);

      await act(a, open.id, a.operator, { action: 'reject', note: 'Bukan kewenangan daerah.' });
      const rejected = await stream.waitFor(
        (e) => e.data.subject === open.id && e.data.type === 'laksa.report.rejected',
      );
      expect(rejected.data.data.wall).toEqual({ remove: `laksa:${open.id}` });
      const after = (await get(a, '/api/live/map', a.operator)).json().items;
      expect(after.some((i: { key: string }) => i.key === `laksa:${open.id}`)).toBe(false);
      await stream.close();
    });

    it('lets a wall that lost its stream catch up with ?lastEventId= (what the web sends on a fresh connection)', async () => {
      const first = await openSse(`${base}${a.r.path}/api/live/stream`, a.operator.headers);
      const before = await file(a);
      const seen = await first.waitFor((e) => e.data.subject === before.id);
      await first.close();
      const missed1 = await file(a);
      const missed2 = await file(a);
      const again = await openSse(
        `${base}${a.r.path}/api/live/stream?lastEventId=${seen.id}`,
        a.operator.headers,
      );
      await again.waitFor((e) => e.data.subject === missed2.id);
      const subjects = again.events.map((e) => e.data.subject);
      expect(subjects.indexOf(missed1.id)).toBeLessThan(subjects.indexOf(missed2.id));
      expect(subjects).not.toContain(before.id);
      await again.close();
    });

    it('keeps regions apart: B’s map and OPD page never show A', async () => {
      const inA = await file(a);
      const itemsB = (await get(b, '/api/live/map', b.operator)).json().items;
      expect(itemsB.some((i: { key: string }) => i.key === `laksa:${inA.id}`)).toBe(false);
      expect((await get(b, `/api/m/laksa/live/opd/${a.opdId}`, b.operator)).statusCode).toBe(404);
    });
  });

  describe('KPI arithmetic', () => {
    const day = (d: string, opdId: string, over: Partial<StatDay> = {}): StatDay => ({
      day: d,
      opdId,
      received: 0,
      resolved: 0,
      slaMet: 0,
      ratingSum: 0,
      ratingCount: 0,
      responseMinutes: [],
      resolutionMinutes: [],
      ...over,
    });

    it('takes exact medians: the middle value, or the mean of the two middle values', () => {
      expect(median([])).toBeNull();
      expect(median([7])).toBe(7);
      expect(median([30, 10, 20])).toBe(20);
      expect(median([40, 10, 30, 20])).toBe(25);
      expect(median([600, 60, 60, 1440, 120, 60])).toBe(90);
    });

    it('takes the exact median of the cached past days and today together', () => {
      let seed = 7;
      const rnd = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % 5000;
      };
      for (const [n, m] of [
        [0, 1],
        [1, 0],
        [1, 1],
        [2, 3],
        [50, 7],
        [1000, 999],
        [10, 0],
      ] as const) {
        const a = Array.from({ length: n }, rnd);
        const b = Array.from({ length: m }, rnd);
        const sorted = (xs: number[]) => Float64Array.from(xs).sort();
        expect(medianOfTwo(sorted(a), sorted(b)), `${n}+${m}`).toBe(median([...a, ...b]));
      }
    });

    it('adds up windows: today, 7 and 30 days, compliance % and average rating', () => {
      const rows = [
        // today: 2 resolved, 1 within SLA; response 30 and 90 min
        day('2026-03-10', 'x', {
          received: 3,
          resolved: 2,
          slaMet: 1,
          responseMinutes: [30, 90],
          resolutionMinutes: [600, 1200],
          ratingSum: 9,
          ratingCount: 2,
        }),
        // 6 days ago: inside the 7-day window
        day('2026-03-04', 'x', {
          received: 1,
          resolved: 1,
          slaMet: 1,
          responseMinutes: [240],
          resolutionMinutes: [3000],
          ratingSum: 1,
          ratingCount: 1,
        }),
        // 7 days ago: only in the 30-day window
        day('2026-03-03', 'x', { received: 4, resolved: 1, slaMet: 0, resolutionMinutes: [9000] }),
        // 30 days ago: outside every window
        day('2026-02-08', 'x', { received: 99, resolved: 99, slaMet: 99, resolutionMinutes: [1] }),
      ];
      const w = windowsOf(rows, '2026-03-10');
      expect(w.today).toEqual({
        received: 3,
        resolved: 2,
        medianResponseMinutes: 60,
        medianResolutionMinutes: 900,
        slaCompliancePct: 50,
        averageRating: 4.5,
        ratings: 2,
      });
      expect(w.d7).toMatchObject({
        received: 4,
        resolved: 3,
        medianResponseMinutes: 90,
        medianResolutionMinutes: 1200,
        slaCompliancePct: 66.7,
        averageRating: 3.33,
      });
      expect(w.d30).toMatchObject({
        received: 8,
        resolved: 4,
        medianResolutionMinutes: 2100,
        slaCompliancePct: 50,
      });
      expect(kpiOf([])).toMatchObject({
        slaCompliancePct: null,
        averageRating: null,
        medianResponseMinutes: null,
      });
    });

    it('records each action as it happens, with known durations and working-day deadlines', async () => {
      const g = await setupRegion();
      // Report 1: filed 10 h ago, dispositioned 4 h ago → response 240 min, resolution 600 min, on time.
      // Report 2: filed 30 h ago, dispositioned 6 h ago → response 360 min (first reply), resolution 1800 min, late.
      // Report 3: filed 3 h ago, dispositioned, still open.
      const r1 = await file(g);
      const r2 = await file(g);
      const r3 = await file(g);
      for (const r of [r1, r2, r3]) {
        await act(g, r.id, g.operator, { action: 'verify' });
        await act(g, r.id, g.operator, { action: 'dispose', opdIds: [g.opdId] });
      }
      await backdate(g, r1.id, { createdAt: hoursAgo(10), disposedAt: hoursAgo(4) });
      await act(g, r1.id, g.officer, { action: 'start' });
      await act(g, r1.id, g.officer, { action: 'resolve', note: 'Sudah ditambal.' });

      await backdate(g, r2.id, {
        createdAt: hoursAgo(30),
        disposedAt: hoursAgo(6),
        resolveDueAt: hoursAgo(1),
      });
      const reply = await call(t, g.r, {
        method: 'POST',
        url: `/api/m/laksa/reports/${r2.id}/messages`,
        as: g.officer,
        payload: { body: 'Tim kami menuju lokasi.' },
      });
      expect(reply.statusCode, reply.body).toBeLessThan(300);
      await act(g, r2.id, g.officer, { action: 'start' });
      await act(g, r2.id, g.officer, { action: 'resolve', note: 'Selesai.' });
      const rate = await call(t, g.r, {
        method: 'POST',
        url: `/api/m/laksa/reports/${r1.ticket}/rating`,
        as: g.citizen,
        payload: { rating: 4 },
      });
      expect(rate.statusCode, rate.body).toBeLessThan(300);

      const wall = (await get(g, '/api/m/laksa/live/wall', g.leader)).json();
      const row = wall.league.find((l: { opd: { id: string } }) => l.opd.id === g.opdId);
      expect(row.today).toEqual({
        received: 3,
        resolved: 2,
        medianResponseMinutes: 300, // (240 + 360) / 2
        medianResolutionMinutes: 1200, // (600 + 1800) / 2
        slaCompliancePct: 50,
        averageRating: 4,
        ratings: 1,
      });
      expect(wall.region.today).toMatchObject({ received: 3, resolved: 2, slaCompliancePct: 50 });
      expect(wall.headline).toMatchObject({ createdToday: 3, open: 1, resolvedWeek: 2, satisfaction: 4 });
      expect(wall.trends.days).toHaveLength(30);
      expect(wall.trends.days.at(-1)).toBe(wall.today);
      const jalan = wall.trends.byCategory.find((c: { id: string }) => c.id === g.categoryId);
      expect(jalan.daily.at(-1)).toBe(3);
      expect(wall.trends.resolution.at(-1)).toEqual({ resolved: 2, medianMinutes: 1200 });
      expect(wall.trends.kecamatan[0]).toMatchObject({ code: g.kelurahan.slice(0, 8), reports: 3 });

      const detail = (await get(g, `/api/m/laksa/live/opd/${g.opdId}`, g.operator)).json();
      expect(detail.windows.d30).toEqual(row.d30);
      expect(detail.openByStatus).toEqual([{ status: 'didisposisikan', count: 1 }]);
    });

    it('judges SLA compliance against the working-day deadline, not calendar days', async () => {
      const g = await setupRegion();
      const calendar = new WorkingCalendar({ timeZone: 'WIB', extraHolidays: [] });
      // Verified Friday 5 June 2026, 10:00 WIB, 2 working days to resolve: due at the end of
      // Tuesday 9 June (the weekend does not count). Two calendar days would have ended on Sunday.
      const verified = new Date('2026-06-05T10:00:00+07:00');
      const due = calendar.dueAfter(verified, 2);
      expect(due.toISOString()).toBe(new Date('2026-06-09T23:59:59.999+07:00').toISOString());
      const filed = new Date('2026-06-05T08:00:00+07:00');
      await inRegion(t.database, { regionId: g.r.id }, async (tx) => {
        // Monday 8 June: in time (a calendar-day rule would call it late).
        await countResolved(
          tx,
          g.r.id,
          { id: randomUUID(), createdAt: filed, resolveDueAt: due },
          new Date('2026-06-08T15:00:00+07:00'),
        );
        // Tuesday 9 June, 23:00: still in time.
        await countResolved(
          tx,
          g.r.id,
          { id: randomUUID(), createdAt: filed, resolveDueAt: due },
          new Date('2026-06-09T23:00:00+07:00'),
        );
        // Wednesday 10 June: late.
        await countResolved(
          tx,
          g.r.id,
          { id: randomUUID(), createdAt: filed, resolveDueAt: due },
          new Date('2026-06-10T09:00:00+07:00'),
        );
      });
      const wall = (await get(g, '/api/m/laksa/live/wall', g.leader)).json();
      expect(wall.region.today).toMatchObject({
        resolved: 3,
        slaCompliancePct: 66.7,
        // Filed Fri 08:00 → Mon 15:00 = 79 h, Tue 23:00 = 111 h, Wed 09:00 = 121 h: the median is 111 h.
        medianResolutionMinutes: 111 * 60,
      });
    });

    it('rebuilds the same rollup from the report rows (bulk loads) as the actions recorded', async () => {
      const g = await setupRegion();
      const done = await file(g);
      const open = await file(g);
      await file(g, { confidential: true });
      for (const r of [done, open]) {
        await act(g, r.id, g.operator, { action: 'verify' });
        await act(g, r.id, g.operator, { action: 'dispose', opdIds: [g.opdId] });
      }
      await act(g, done.id, g.officer, { action: 'start' });
      await act(g, done.id, g.officer, { action: 'resolve', note: 'Sudah ditambal.' });
      await call(t, g.r, {
        method: 'POST',
        url: `/api/m/laksa/reports/${done.ticket}/rating`,
        as: g.citizen,
        payload: { rating: 5 },
      });
      const snapshot = () =>
        inRegion(t.database, { regionId: g.r.id }, async (tx) => ({
          day: await tx.select().from(laksaStatDay).orderBy(laksaStatDay.opdId),
          intake: await tx.select().from(laksaStatIntake),
        }));
      const live = await snapshot();
      await inRegion(t.database, { regionId: g.r.id }, async (tx) => {
        await tx.delete(laksaStatDay);
        await tx.delete(laksaStatIntake);
        for (const stmt of rebuildStatsSql.split(';').filter((s) => s.trim()))
          await tx.execute(sql.raw(stmt));
      });
      const rebuilt = await snapshot();
      const sorted = (xs: number[]) => [...xs].sort((p, q) => p - q);
      const norm = (s: typeof live) =>
        s.day.map((d) => ({
          ...d,
          responseMinutes: sorted(d.responseMinutes),
          resolutionMinutes: sorted(d.resolutionMinutes),
        }));
      expect(norm(rebuilt)).toEqual(norm(live));
      expect(rebuilt.intake).toEqual(live.intake);
    });
  });
});
