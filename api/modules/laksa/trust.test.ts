import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, createAccount, createTestApp, type TestApp } from '../../../test/support/app';
import { createLaksaRegion, fileLaksaReport, type LaksaRegion } from '../../../test/support/laksa';

/**
 * The promises LAKSA makes to citizens, checked end to end through the API: deadlines counted in
 * the region's working days (weekends, national and the region's own holidays skipped, in its
 * time zone), and a public tracking page that never names the staff who handled a report.
 */
describe('LAKSA deadlines and the public timeline', () => {
  let t: TestApp;
  let g: LaksaRegion;
  const act = (id: string, as: LaksaRegion['operator'], payload: object) =>
    call(t, g.r, { method: 'POST', url: `/api/m/laksa/reports/${id}/actions`, as, payload });

  beforeAll(async () => {
    t = await createTestApp();
    g = await createLaksaRegion(t);
  });
  afterAll(() => t.close());
  afterEach(() => vi.useRealTimers());

  it("counts a report's deadlines in working days: over a weekend and a region holiday, to the end of the day WIB", async () => {
    const admin = g.admin;
    const holiday = await call(t, g.r, {
      method: 'POST',
      url: '/api/m/laksa/admin/holidays',
      as: admin,
      payload: { date: '2026-11-30', name: 'Hari Jadi Kabupaten (uji)' },
    });
    expect(holiday.statusCode).toBe(201);
    const category = await call(t, g.r, {
      method: 'PATCH',
      url: `/api/m/laksa/admin/categories/${g.categoryId}`,
      as: admin,
      payload: { resolveDays: 5 },
    });
    expect(category.statusCode).toBe(200);

    // Friday 27 November 2026, 10:00 WIB. Only Date is faked: timers and the database run as usual.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-27T03:00:00Z'));
    const { id } = await fileLaksaReport(t, g);
    const filed = (
      await call(t, g.r, { method: 'GET', url: `/api/m/laksa/reports/${id}`, as: g.operator })
    ).json();
    // 3 working days to verify: Sat, Sun and the region's Monday holiday skipped → Thursday 3 Dec.
    expect(filed.sla.verifyDueAt).toBe('2026-12-03T16:59:59.999Z');

    const verified = await act(id, g.operator, { action: 'verify' });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().status).toBe('didisposisikan');
    // 5 working days to resolve: Tue 1, Wed 2, Thu 3, Fri 4, (weekend), Mon 7 December, 23:59:59.999 WIB.
    // In calendar days it would be Wednesday 2; without the region holiday, Friday 4.
    expect(verified.json().sla.resolveDueAt).toBe('2026-12-07T16:59:59.999Z');
  });

  it('shows the public the steps of a report but never the name of a staff member', async () => {
    const { id, ticket } = await fileLaksaReport(t, g);
    const named = await createAccount(t, g.r, ['operator']);
    const officer = g.officer;
    expect((await act(id, named, { action: 'verify' })).statusCode).toBe(200);
    expect((await act(id, officer, { action: 'start' })).statusCode).toBe(200);
    const resolved = await act(id, officer, {
      action: 'resolve',
      note: 'Lubang sudah ditambal dan diaspal ulang.',
    });
    expect(resolved.statusCode).toBe(200);

    const staffView = (
      await call(t, g.r, { method: 'GET', url: `/api/m/laksa/reports/${id}`, as: g.operator })
    ).json();
    const staffActors = staffView.timeline.map((s: { actor: string | null }) => s.actor).join(' ');
    expect(staffActors).toContain(named.name); // staff see who did what

    const track = await call(t, g.r, { method: 'GET', url: `/api/m/laksa/public/reports/${ticket}` });
    expect(track.statusCode).toBe(200);
    const body = track.json();
    expect(body.timeline.length).toBeGreaterThanOrEqual(3);
    expect(body.timeline.every((s: { visibility: string }) => s.visibility === 'public')).toBe(true);
    for (const person of [named.name, g.citizen.name]) expect(track.body).not.toContain(person);
    const officerName = staffView.timeline.find((s: { actor: string | null }) =>
      s.actor?.includes('Akun Uji'),
    )?.actor;
    expect(officerName).toBeTruthy();
    expect(track.body).not.toContain('Akun Uji');
  });
});
