import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { antrianSettings } from '../../../shared/modules/antrian';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../../../test/support/app';
import { addRegionHoliday } from '../../core/calendar/region-calendar';
import { WorkingCalendar } from '../../core/calendar/working-days';
import { opd } from '../../core/db/schema';
import { asPlatform, inRegion } from '../../core/db/scope';
import { addDays, localClock } from './clock';
import { advance, callNext, openCounter } from './desk';
import { coalesceForDisplay } from './display';
import { kpis } from './reports';
import { antrianTicket } from './schema';
import { unitByCode } from './setup';
import { bookTicket, type Ctx, checkIn, issueTicket } from './tickets';

const base = '/api/m/antrian';
const allDay = Array.from({ length: 7 }, () => ({ open: '00:00', close: '23:59' }));
const office = [null, ...Array.from({ length: 5 }, () => ({ open: '08:00', close: '15:00' })), null];
const standard = { requirements: ['KTP-el'], procedure: '', minutes: 10, cost: 'Gratis', product: 'KTP-el' };
const service = (code: string, prefix: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `Layanan ${prefix}`,
  prefix,
  dailyCap: 40,
  slotMinutes: 30,
  slotQuota: 2,
  standard,
  ...extra,
});

describe('antrian module', () => {
  let t: TestApp;
  let region: TestRegion;
  let other: TestRegion;
  let admin: TestAccount;
  let citizen: TestAccount;
  let citizen2: TestAccount;
  let citizen3: TestAccount;
  let clerk1: TestAccount;
  let clerk2: TestAccount;
  let clerkB: TestAccount;
  let outsider: TestAccount;
  let foreignAdmin: TestAccount;
  let leader: TestAccount;
  let kioskKey: string;
  let counters: { id: string; number: number }[];

  const req = (
    method: 'GET' | 'POST' | 'PUT',
    as: TestAccount | undefined,
    url: string,
    payload?: unknown,
    opts: { r?: TestRegion; headers?: Record<string, string> } = {},
  ) =>
    call(t, opts.r ?? region, {
      method,
      url: url.startsWith('/api/') ? url : `${base}${url}`,
      as,
      headers: opts.headers,
      payload: payload as object,
    });
  const kiosk = (url: string, payload: unknown, key = kioskKey, unit = 'mpp') =>
    req('POST', undefined, `/kiosk/${unit}${url}`, payload, { headers: { 'x-kiosk-key': key } });
  const ok = async <T = unknown>(
    p: Promise<{ statusCode: number; body: string; json(): T }>,
    status = 200,
  ) => {
    const res = await p;
    expect(res.statusCode, res.body).toBe(status);
    return (res.body ? res.json() : undefined) as T;
  };
  /** Runs the module's own use cases at a chosen instant (the clock of a test is not the wall clock). */
  const at = <T>(
    now: Date,
    work: (tx: Parameters<Parameters<typeof inRegion>[2]>[0], ctx: Ctx) => Promise<T>,
    r = region,
    tz: 'WIB' | 'WIT' = 'WIB',
  ) =>
    inRegion(t.database, { regionId: r.id }, (tx) =>
      work(tx, { regionId: r.id, tz, calendar: new WorkingCalendar({ timeZone: tz }), now }),
    );
  const setUnit = (code: string, extra: Record<string, unknown> = {}, as = admin) =>
    ok(
      req('PUT', as, `/admin/units/${code}`, {
        code,
        name: `Unit ${code}`,
        hours: allDay,
        openOnHolidays: true,
        ...extra,
      }),
    );

  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    other = await createRegion(t);
    const opds = await asPlatform(
      t.database,
      { actor: 'test', action: 'test', reason: 'fixture', regionId: region.id },
      (tx) => tx.select({ id: opd.id, code: opd.code }).from(opd).where(sql`${opd.regionId} = ${region.id}`),
    );
    const dpmptsp = opds.find((o) => o.code === 'dpmptsp')!.id;
    const dinkes = opds.find((o) => o.code === 'dinkes')!.id;
    admin = await createAccount(t, region, ['region_admin']);
    citizen = await createAccount(t, region, ['citizen']);
    citizen2 = await createAccount(t, region, ['citizen']);
    citizen3 = await createAccount(t, region, ['citizen']);
    clerk1 = await createAccount(t, region, [{ role: 'opd_officer', opdId: dpmptsp }]);
    clerk2 = await createAccount(t, region, [{ role: 'opd_officer', opdId: dpmptsp }]);
    clerkB = await createAccount(t, region, [{ role: 'opd_officer', opdId: dpmptsp }]);
    outsider = await createAccount(t, region, [{ role: 'opd_officer', opdId: dinkes }]);
    foreignAdmin = await createAccount(t, region, [{ role: 'opd_admin', opdId: dinkes }]);
    leader = await createAccount(t, region, ['leadership']);

    await setUnit('mpp', { opdCode: 'dpmptsp' });
    await ok(req('PUT', admin, '/admin/units/mpp/services/ktp', service('ktp', 'A', { dailyCap: 12 })));
    await ok(req('PUT', admin, '/admin/units/mpp/services/izin', service('izin', 'B', { weight: 1 })));
    for (const n of [1, 2, 3])
      await ok(req('PUT', admin, `/admin/units/mpp/counters/${n}`, { name: `Loket ${n}` }), 204);
    for (const [who, services] of [
      [
        clerk1,
        [
          { code: 'ktp', weight: 1 },
          { code: 'izin', weight: 1 },
        ],
      ],
      [clerk2, [{ code: 'ktp', weight: 1 }]],
      [clerkB, [{ code: 'izin', weight: 1 }]],
    ] as const)
      await ok(req('PUT', admin, '/admin/units/mpp/clerks', { userId: who.id, services }), 204);
    expect(
      (await req('PUT', admin, '/admin/units/mpp/clerks', { userId: citizen.id, services: [] })).statusCode,
    ).toBe(400);
    kioskKey = (await ok<{ key: string }>(req('POST', admin, '/admin/units/mpp/kiosk-key'))).key;
    const unit = await ok<{ counters: { id: string; number: number }[] }>(
      req('GET', undefined, '/units/mpp'),
    );
    counters = unit.counters;
  });
  afterAll(() => t?.close());

  it('publishes units with their service standard and refuses a kiosk without its key', async () => {
    const units = await ok<
      { code: string; openNow: boolean; services: { prefix: string; standard: { minutes: number } }[] }[]
    >(req('GET', undefined, '/units'));
    const mpp = units.find((u) => u.code === 'mpp')!;
    expect(mpp.openNow).toBe(true);
    expect(mpp.services.map((s) => s.prefix)).toEqual(['A', 'B']);
    expect(mpp.services[0]!.standard.minutes).toBe(10);
    for (const key of ['', 'salah-kunci'])
      expect((await kiosk('/tickets', { serviceCode: 'ktp' }, key)).statusCode).toBe(403);
    // The old key stops working when a new one is made.
    const fresh = (await ok<{ key: string }>(req('POST', admin, '/admin/units/mpp/kiosk-key'))).key;
    expect((await kiosk('/tickets', { serviceCode: 'ktp' })).statusCode).toBe(403);
    kioskKey = fresh;
  });

  it('numbers tickets atomically under concurrent kiosks and stops at the daily cap', async () => {
    // 15 kiosks press at once for a service capped at 12 a day.
    const results = await Promise.all(
      Array.from({ length: 15 }, () => kiosk('/tickets', { serviceCode: 'ktp' })),
    );
    const issued = results.filter((r) => r.statusCode === 201).map((r) => r.json().number as string);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(issued).toHaveLength(12);
    expect(new Set(issued).size).toBe(12);
    expect([...issued].sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`),
    );
    expect(refused).toHaveLength(3);
    expect(refused[0]!.json().error.details.reason).toBe('daily_cap');
    expect(refused[0]!.json().error.message).toMatch(/habis/);
    // The database refuses a second A001 whatever the code does.
    await expect(
      inRegion(t.database, { regionId: region.id }, (tx) =>
        tx.execute(sql`update antrian_ticket set seq = 1 where number = 'A002'`),
      ),
    ).rejects.toThrow();
  });

  it('gives a kiosk ticket a public token page without any personal data', async () => {
    const ticket = await ok<{ token: string; number: string; ahead: number; estimatedWaitMinutes: number }>(
      kiosk('/tickets', { serviceCode: 'izin', priorityCode: 'lansia', nik: '3671011505980001' }),
      201,
    );
    expect(ticket.number).toBe('B001');
    const view = await ok<Record<string, unknown>>(req('GET', undefined, `/t/${ticket.token}`));
    expect(view.status).toBe('waiting');
    expect(view.ahead).toBe(0);
    expect(view.estimatedWaitMinutes).toBeGreaterThan(0);
    expect(JSON.stringify(view)).not.toContain('3671011505980001');
    expect((await req('GET', undefined, `/t/${ticket.token}`, undefined, { r: other })).statusCode).toBe(404);
    expect((await kiosk('/tickets', { serviceCode: 'izin', priorityCode: 'vip' })).statusCode).toBe(400);
    // Priority groups are the region's: its admin adds one, an OPD head may not.
    const group = { name: 'Veteran', weight: 2 };
    expect((await req('PUT', foreignAdmin, '/admin/priorities/veteran', group)).statusCode).toBe(403);
    await ok(req('PUT', admin, '/admin/priorities/veteran', group), 204);
    const groups = await ok<{ code: string; weight: number }[]>(req('GET', undefined, '/priorities'));
    expect(groups.find((g) => g.code === 'veteran')?.weight).toBe(2);
  });

  it('lets a citizen take one ticket per service from the phone, never for someone else', async () => {
    const mine = await ok<{ id: string; channel: string }>(
      req('POST', citizen, '/units/mpp/tickets', { serviceCode: 'izin' }),
      201,
    );
    expect(mine.channel).toBe('web');
    const again = await req('POST', citizen, '/units/mpp/tickets', { serviceCode: 'izin' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.reason).toBe('already_waiting');
    expect((await req('POST', undefined, '/units/mpp/tickets', { serviceCode: 'izin' })).statusCode).toBe(
      401,
    );
    const list = await ok<{ id: string }[]>(req('GET', citizen, '/tickets/mine'));
    expect(list.map((x) => x.id)).toContain(mine.id);
    expect((await req('POST', citizen2, `/tickets/${mine.id}/cancel`)).statusCode).toBe(404);
    // Another region's session is not a session here.
    const stranger = await createAccount(t, other, ['citizen']);
    expect((await req('GET', stranger, '/tickets/mine')).statusCode).toBe(401);
  });

  it('refuses bookings in the past, outside hours, on a holiday, past the quota or twice', async () => {
    await setUnit('kantor', { hours: office, openOnHolidays: false });
    await ok(req('PUT', admin, '/admin/units/kantor/services/umum', service('umum', 'K', { slotQuota: 2 })));
    const today = localClock(new Date(), 'WIB').date;
    // The next weekday at least two days ahead, then make the one after it a region holiday.
    let day = addDays(today, 2);
    while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
    let holiday = addDays(day, 1);
    while ([0, 6].includes(new Date(`${holiday}T00:00:00Z`).getUTCDay())) holiday = addDays(holiday, 1);
    await inRegion(t.database, { regionId: region.id }, (tx) =>
      addRegionHoliday(tx, region.id, { date: holiday, name: 'Hari jadi kota' }),
    );
    const book = (as: TestAccount, body: Record<string, unknown>) =>
      req('POST', as, '/units/kantor/bookings', { serviceCode: 'umum', date: day, slot: '09:00', ...body });
    const reason = async (p: ReturnType<typeof book>) => (await p).json().error.details.reason;

    expect(await reason(book(citizen, { date: addDays(today, -1) }))).toBe('past');
    expect(await reason(book(citizen, { slot: '16:00' }))).toBe('outside_hours');
    expect(await reason(book(citizen, { slot: '09:10' }))).toBe('outside_hours');
    expect(await reason(book(citizen, { date: holiday }))).toBe('holiday');
    expect(await reason(book(citizen, { date: addDays(today, 40) }))).toBe('too_far');
    const slots = await ok<{ start: string; left: number }[]>(
      req('GET', undefined, `/units/kantor/slots?service=umum&date=${day}`),
    );
    expect(slots[0]).toEqual({ start: '08:00', left: 2 });
    expect(await ok(req('GET', undefined, `/units/kantor/slots?service=umum&date=${holiday}`))).toEqual([]);

    const first = await ok<{ bookingCode: string; status: string; number: null }>(book(citizen, {}), 201);
    expect(first.status).toBe('booked');
    expect(first.number).toBeNull();
    expect(first.bookingCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(await reason(book(citizen, {}))).toBe('twice');
    expect(await reason(book(citizen, { slot: '10:00' }))).toBe('twice');
    await ok(book(citizen2, {}), 201);
    expect(await reason(book(citizen3, {}))).toBe('slot_full');
    const after = await ok<{ start: string; left: number }[]>(
      req('GET', undefined, `/units/kantor/slots?service=umum&date=${day}`),
    );
    expect(after.find((s) => s.start === '09:00')!.left).toBe(0);
    // Cancelling gives the place back.
    const mine = await ok<{ id: string }[]>(req('GET', citizen, '/tickets/mine'));
    const booking = mine.find((m) => (m as { bookingCode?: string }).bookingCode === first.bookingCode)!;
    await ok(req('POST', citizen, `/tickets/${booking.id}/cancel`));
    await ok(book(citizen3, {}), 201);
    // Walk-ins are refused outside opening hours with the day's hours in the message.
    const closed = await at(new Date(`${day}T16:30:00+07:00`), async (tx, ctx) =>
      issueTicket(
        tx,
        ctx,
        await unitByCode(tx, 'kantor'),
        { serviceCode: 'umum', priorityCode: null, nik: null },
        { channel: 'web', userId: null },
      ).catch((e) => e),
    );
    expect(closed.messages.id).toMatch(/tutup.*08:00–15:00/);
  });

  it('checks a booking in on arrival and calls it before walk-ins, then priorities, then arrival', async () => {
    await setUnit('loket-uji', { orderRule: 'booking_priority_arrival' });
    await ok(
      req('PUT', admin, '/admin/units/loket-uji/services/umum', service('umum', 'U', { slotQuota: 5 })),
    );
    await ok(req('PUT', admin, '/admin/units/loket-uji/counters/1', { name: 'Loket 1' }), 204);
    await ok(
      req('PUT', admin, '/admin/units/loket-uji/clerks', {
        userId: clerk1.id,
        services: [{ code: 'umum', weight: 1 }],
      }),
      204,
    );
    const settings = antrianSettings.parse({});
    const day = '2030-01-07';
    const t0 = new Date(`${day}T08:50:00+07:00`);
    const plus = (min: number) => new Date(t0.getTime() + min * 60_000);
    const booking = await at(plus(-60 * 24 * 3), async (tx, ctx) =>
      bookTicket(
        tx,
        ctx,
        settings,
        await unitByCode(tx, 'loket-uji'),
        { serviceCode: 'umum', date: day, slot: '09:00', nik: null },
        citizen.id,
      ),
    );
    const walk = (min: number, priorityCode: string | null) =>
      at(plus(min), async (tx, ctx) =>
        issueTicket(
          tx,
          ctx,
          await unitByCode(tx, 'loket-uji'),
          { serviceCode: 'umum', priorityCode, nik: null },
          { channel: 'kiosk', userId: null },
        ),
      );
    const early = await walk(0, null);
    const elder = await walk(1, 'lansia');
    // Too early, then in time: the booking gets the next number at check-in.
    const tooEarly = await at(plus(-120), async (tx, ctx) =>
      checkIn(tx, ctx, settings, await unitByCode(tx, 'loket-uji'), booking.bookingCode!).catch((e) => e),
    );
    expect(tooEarly.details.reason).toBe('early');
    const checked = await at(plus(2), async (tx, ctx) =>
      checkIn(tx, ctx, settings, await unitByCode(tx, 'loket-uji'), booking.bookingCode!),
    );
    expect(checked.number).toBe('U003');
    const again = await at(plus(3), async (tx, ctx) =>
      checkIn(tx, ctx, settings, await unitByCode(tx, 'loket-uji'), booking.bookingCode!).catch((e) => e),
    );
    expect(again.details.reason).toBe('used');

    const order: string[] = [];
    const { counters: own } = await ok<{ counters: { id: string }[] }>(
      req('GET', undefined, '/units/loket-uji'),
    );
    await at(plus(4), async (tx) =>
      openCounter(tx, await unitByCode(tx, 'loket-uji'), { id: clerk1.id, name: 'c1' }, own[0]!.id),
    );
    for (let i = 0; i < 3; i++) {
      const called = await at(plus(5 + i), async (tx, ctx) =>
        callNext(tx, ctx, await unitByCode(tx, 'loket-uji'), { id: clerk1.id, name: 'c1' }),
      );
      order.push(called!.number!);
      await at(plus(6 + i), async (tx, ctx) =>
        advance(tx, ctx, await unitByCode(tx, 'loket-uji'), { id: clerk1.id, name: 'c1' }, 'finish'),
      );
    }
    expect(order).toEqual([checked.number, elder.number, early.number]);
  });

  it('resets numbering at local midnight in the region’s own time zone', async () => {
    const papua = await createRegion(t, { code: '91.71' });
    const papuaAdmin = await createAccount(t, papua, ['region_admin']);
    await ok(
      req(
        'PUT',
        papuaAdmin,
        '/admin/units/rsud',
        { code: 'rsud', name: 'RSUD', hours: allDay, openOnHolidays: true, kind: 'health' },
        { r: papua },
      ),
    );
    await ok(req('PUT', papuaAdmin, '/admin/units/rsud/services/poli', service('poli', 'P'), { r: papua }));
    const issue = (iso: string) =>
      at(
        new Date(iso),
        async (tx, ctx) =>
          issueTicket(
            tx,
            ctx,
            await unitByCode(tx, 'rsud'),
            { serviceCode: 'poli', priorityCode: null, nik: null },
            { channel: 'kiosk', userId: null },
          ),
        papua,
        'WIT',
      );
    // 14:30 UTC is 23:30 WIT; 15:30 UTC is 00:30 WIT the next day (still the 1st in Jakarta).
    const late = await issue('2030-03-01T14:30:00Z');
    const late2 = await issue('2030-03-01T14:40:00Z');
    const next = await issue('2030-03-01T15:30:00Z');
    expect([late.day, late.number, late2.number]).toEqual(['2030-03-01', 'P001', 'P002']);
    expect([next.day, next.number]).toEqual(['2030-03-02', 'P001']);
  });

  it('never gives two clerks pressing "call next" at once the same ticket', async () => {
    const unit = await ok<{ counters: { id: string }[] }>(req('GET', undefined, '/units/mpp'));
    await ok(req('POST', clerk1, '/desk/mpp/open', { counterId: unit.counters[0]!.id }));
    await ok(req('POST', clerk2, '/desk/mpp/open', { counterId: unit.counters[1]!.id }));
    // A counter in use cannot be taken by a second clerk.
    expect(
      (await req('POST', clerkB, '/desk/mpp/open', { counterId: unit.counters[0]!.id })).statusCode,
    ).toBe(409);
    for (let round = 0; round < 4; round++) {
      const [a, b] = await Promise.all([
        req('POST', clerk1, '/desk/mpp/call', {}),
        req('POST', clerk2, '/desk/mpp/call', {}),
      ]);
      expect(a.statusCode, a.body).toBe(200);
      expect(b.statusCode, b.body).toBe(200);
      const na = a.json().current.id;
      const nb = b.json().current.id;
      expect(na).not.toBe(nb);
      await ok(req('POST', clerk1, '/desk/mpp/no-show', {}));
      await ok(req('POST', clerk2, '/desk/mpp/finish', { note: 'KTP-el dicetak' }));
    }
    // The database keeps one active ticket per counter whatever the code does.
    await ok(req('POST', clerk2, '/desk/mpp/call', {}));
    const busy = await req('POST', clerk2, '/desk/mpp/call', {});
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.details.reason).toBe('busy');
    await expect(
      inRegion(t.database, { regionId: region.id }, (tx) =>
        tx.execute(sql`update antrian_ticket set status = 'called', counter_id = ${unit.counters[1]!.id}
          where id = (select id from antrian_ticket where status = 'waiting' and unit_id = (select id from antrian_unit where code = 'mpp') limit 1)`),
      ),
    ).rejects.toThrow();
    await ok(req('POST', clerk2, '/desk/mpp/finish', {}));
  });

  it('keeps clerks to their services and staff out of units they do not serve', async () => {
    const ticket = await ok<{ id: string }>(kiosk('/tickets', { serviceCode: 'izin' }), 201);
    // clerk2 serves only KTP: calling an izin ticket by id is refused.
    expect((await req('POST', clerk2, '/desk/mpp/call', { ticketId: ticket.id })).statusCode).toBe(404);
    expect((await req('GET', outsider, '/desk/mpp')).statusCode).toBe(403);
    expect((await req('GET', citizen, '/desk/mpp')).statusCode).toBe(403);
    expect((await req('POST', outsider, '/desk/mpp/call', {})).statusCode).toBe(403);
    // An OPD head manages only their OPD's units.
    expect(
      (await req('PUT', foreignAdmin, '/admin/units/mpp/counters/9', { name: 'Loket 9' })).statusCode,
    ).toBe(404);
    expect(
      (await req('PUT', foreignAdmin, '/admin/units/mpp', { code: 'mpp', name: 'Diambil', hours: allDay }))
        .statusCode,
    ).toBe(404);
    expect(
      (await req('GET', foreignAdmin, '/admin/units')).json().map((u: { code: string }) => u.code),
    ).not.toContain('mpp');
    // Another region does not see this region's units at all.
    expect((await req('GET', undefined, '/units/mpp', undefined, { r: other })).statusCode).toBe(404);
    const otherAdmin = await createAccount(t, other, ['region_admin']);
    expect((await req('GET', otherAdmin, '/admin/units', undefined, { r: other })).json()).toEqual([]);
  });

  it('calls a given number, recalls, transfers to another service, and keeps the printed QR working', async () => {
    const ticket = await ok<{ id: string; token: string; number: string }>(
      kiosk('/tickets', { serviceCode: 'izin' }),
      201,
    );
    const desk = await ok<{ current: { id: string; callCount: number } }>(
      req('POST', clerk1, '/desk/mpp/call', { ticketId: ticket.id }),
    );
    expect(desk.current.id).toBe(ticket.id);
    const again = await ok<{ current: { callCount: number } }>(req('POST', clerk1, '/desk/mpp/recall', {}));
    expect(again.current.callCount).toBe(2);
    const called = await ok<{ status: string; counter: string }>(req('GET', undefined, `/t/${ticket.token}`));
    expect([called.status, called.counter]).toEqual(['called', 'Loket 1']);
    await ok(req('POST', clerk1, '/desk/mpp/start', {}));
    await ok(
      req('POST', clerk1, '/desk/mpp/transfer', { counterId: counters.find((c) => c.number === 3)!.id }),
    );
    const moved = await ok<{ status: string; number: string; id: string }>(
      req('GET', undefined, `/t/${ticket.token}`),
    );
    expect(moved.status).toBe('waiting');
    expect(moved.number).toBe(ticket.number);
    expect(moved.id).not.toBe(ticket.id);
    const bad = await req('POST', clerk1, '/desk/mpp/transfer', {
      serviceCode: 'ktp',
      counterId: counters[0]!.id,
    });
    expect(bad.statusCode).toBe(400);
    // Counter 3 gets the transferred ticket before anything else when it calls.
    await ok(req('POST', clerkB, '/desk/mpp/open', { counterId: counters.find((c) => c.number === 3)!.id }));
    const atThree = await ok<{ current: { id: string; number: string } }>(
      req('POST', clerkB, '/desk/mpp/call', {}),
    );
    expect(atThree.current).toMatchObject({ id: moved.id, number: ticket.number });
    expect((await ok<{ counter: string }>(req('GET', undefined, `/t/${ticket.token}`))).counter).toBe(
      'Loket 3',
    );
    await ok(req('POST', clerkB, '/desk/mpp/finish', {}));
  });

  it('notifies the holder when three away and when called, and takes one rating after service', async () => {
    await setUnit('notif');
    await ok(req('PUT', admin, '/admin/units/notif/services/umum', service('umum', 'N')));
    await ok(req('PUT', admin, '/admin/units/notif/counters/1', { name: 'Loket 1' }), 204);
    await ok(
      req('PUT', admin, '/admin/units/notif/clerks', {
        userId: clerk2.id,
        services: [{ code: 'umum', weight: 1 }],
      }),
      204,
    );
    const unit = await ok<{ counters: { id: string }[] }>(req('GET', undefined, '/units/notif'));
    await ok(req('POST', clerk2, '/desk/notif/close', {})).catch(() => undefined);
    await ok(req('POST', clerk2, '/desk/notif/open', { counterId: unit.counters[0]!.id }));
    for (const who of [citizen2, citizen3])
      await ok(req('POST', who, '/units/notif/tickets', { serviceCode: 'umum' }), 201);
    const mine = await ok<{ token: string; number: string }>(
      req('POST', citizen, '/units/notif/tickets', { serviceCode: 'umum' }),
      201,
    );
    const topic = (userId: string) =>
      inRegion(t.database, { regionId: region.id }, async (tx) =>
        (
          (await tx.execute(
            sql`select title->>'id' as title from notification where user_id = ${userId} and topic = 'antrian.ticket' order by created_at`,
          )) as unknown as {
            rows: { title: string }[];
          }
        ).rows.map((r) => r.title),
      );
    await ok(req('POST', clerk2, '/desk/notif/call', {}));
    expect((await topic(citizen.id)).some((x) => /1 orang lagi/.test(x))).toBe(true);
    expect((await topic(citizen2.id)).some((x) => /dipanggil ke Loket 1/.test(x))).toBe(true);
    await ok(req('POST', clerk2, '/desk/notif/finish', {}));
    await ok(req('POST', clerk2, '/desk/notif/call', {}));
    await ok(req('POST', clerk2, '/desk/notif/no-show', {}));
    expect((await req('POST', undefined, `/t/${mine.token}/rating`, { score: 4 })).statusCode).toBe(409);
    await ok(req('POST', clerk2, '/desk/notif/call', {}));
    expect((await topic(citizen.id)).filter((x) => x.includes(`${mine.number} dipanggil`))).toHaveLength(1);
    await ok(req('POST', clerk2, '/desk/notif/finish', { note: 'selesai' }));
    expect((await req('POST', undefined, `/t/${mine.token}/rating`, { score: 5 })).statusCode).toBe(400);
    await ok(
      req('POST', undefined, `/t/${mine.token}/rating`, {
        score: 3,
        elements: { waktu: 2, perilaku: 4 },
        comment: 'Cepat',
      }),
      204,
    );
    expect(
      (await req('POST', undefined, `/t/${mine.token}/rating`, { score: 4 })).json().error.details.reason,
    ).toBe('rated');
    expect((await ok<{ rated: boolean }>(req('GET', undefined, `/t/${mine.token}`))).rated).toBe(true);
  });

  it('reports waiting and service times, no-shows and IKM on known data, and exports health task ids', async () => {
    await setUnit('kpi', { kind: 'health' });
    await ok(req('PUT', admin, '/admin/units/kpi/services/umum', service('umum', 'Q')));
    await ok(req('PUT', admin, '/admin/units/kpi/counters/1', { name: 'Loket 1' }), 204);
    await ok(
      req('PUT', admin, '/admin/units/kpi/clerks', {
        userId: clerkB.id,
        services: [{ code: 'umum', weight: 1 }],
      }),
      204,
    );
    const counter = (await ok<{ counters: { id: string }[] }>(req('GET', undefined, '/units/kpi')))
      .counters[0]!.id;
    const day = '2030-02-04';
    const m = (min: number) => new Date(Date.parse(`${day}T09:00:00+07:00`) + min * 60_000);
    const u = (tx: Parameters<typeof unitByCode>[0]) => unitByCode(tx, 'kpi');
    const c = { id: clerkB.id, name: 'B' };
    await at(m(0), async (tx) => {
      await tx.execute(
        sql`update antrian_counter set clerk_id = null, status = 'closed' where clerk_id = ${clerkB.id}`,
      );
      await openCounter(tx, await u(tx), c, counter);
    });
    const tickets = [];
    for (const min of [0, 2, 4])
      tickets.push(
        await at(m(min), async (tx, ctx) =>
          issueTicket(
            tx,
            ctx,
            await u(tx),
            { serviceCode: 'umum', priorityCode: null, nik: null },
            { channel: 'kiosk', userId: null },
          ),
        ),
      );
    // A waits 10 min and is served in 5; B waits 18 min and in 14 (over the 10-minute standard); C is absent.
    await at(m(10), async (tx, ctx) => callNext(tx, ctx, await u(tx), c));
    await at(m(10), async (tx, ctx) => advance(tx, ctx, await u(tx), c, 'start'));
    await at(m(15), async (tx, ctx) => advance(tx, ctx, await u(tx), c, 'finish'));
    await at(m(20), async (tx, ctx) => callNext(tx, ctx, await u(tx), c));
    await at(m(20), async (tx, ctx) => advance(tx, ctx, await u(tx), c, 'start'));
    await at(m(34), async (tx, ctx) => advance(tx, ctx, await u(tx), c, 'finish'));
    await at(m(40), async (tx, ctx) => callNext(tx, ctx, await u(tx), c));
    await at(m(42), async (tx, ctx) => advance(tx, ctx, await u(tx), c, 'no_show'));
    await ok(req('POST', undefined, `/t/${tickets[0]!.token}/rating`, { score: 4 }), 204);
    await ok(req('POST', undefined, `/t/${tickets[1]!.token}/rating`, { score: 3 }), 204);

    const rows = await ok<Record<string, unknown>[]>(
      req('GET', leader, `/reports?from=${day}&to=${day}&unit=kpi`),
    );
    expect(rows, JSON.stringify(rows)).toEqual([
      expect.objectContaining({
        service: 'Layanan Q',
        tickets: 3,
        served: 2,
        noShows: 1,
        avgWaitMinutes: 21.3, // (10 + 18 + 36) / 3
        avgServiceMinutes: 9.5,
        standardMinutes: 10,
        withinStandard: 0.5,
        ikm: 87.5,
        ratings: 2,
      }),
    ]);
    const byHour = await ok<{ hour: number; tickets: number }[]>(
      req('GET', leader, `/reports?from=${day}&to=${day}&unit=kpi&by=hour`),
    );
    expect(byHour).toEqual([expect.objectContaining({ hour: 9, tickets: 3 })]);
    const csv = await req('GET', leader, `/reports.csv?from=${day}&to=${day}&unit=kpi`);
    expect(csv.body.split('\n')[0]).toContain('avgWaitMinutes');
    const tasks = await ok<{ kodebooking: string; taskid: number; waktu: number }[]>(
      req('GET', leader, `/reports/task-ids?unit=kpi&date=${day}`),
    );
    expect(tasks.filter((x) => x.kodebooking.endsWith('Q001')).map((x) => [x.taskid, x.waktu])).toEqual([
      [1, m(0).getTime()],
      [2, m(10).getTime()],
      [3, m(15).getTime()],
    ]);
    expect(tasks.find((x) => x.kodebooking.endsWith('Q003') && x.taskid === 99)?.waktu).toBe(m(42).getTime());
    expect((await req('GET', leader, `/reports/task-ids?unit=mpp&date=${day}`)).statusCode).toBe(409);
    expect((await req('GET', citizen, `/reports?from=${day}&to=${day}`)).statusCode).toBe(403);
    const direct = await at(m(60), (tx) =>
      kpis(tx, { from: day, to: day, unit: 'kpi', by: 'counter' }, 'WIB'),
    );
    expect(direct[0]).toMatchObject({ counter: 'Loket 1', tickets: 3 });
  });

  it('shows the display, the LIVE Room figures and open data without anyone’s identity', async () => {
    const display = await ok<{
      calls: { number: string; counter: string }[];
      waiting: { prefix: string; count: number }[];
    }>(req('GET', undefined, '/units/mpp/display'));
    expect(display.calls.length).toBeGreaterThan(0);
    expect(display.waiting.map((w) => w.prefix)).toEqual(['A', 'B']);
    const live = await ok<{ unit: string; waiting: number }[]>(req('GET', admin, '/live'));
    expect(live.find((l) => l.unit === 'Unit mpp')!.waiting).toBeGreaterThan(0);
    expect((await req('GET', citizen, '/live')).statusCode).toBe(403);
    const events = await inRegion(t.database, { regionId: region.id }, (tx) =>
      tx.execute(sql`select data::text as data from event where type like 'antrian.ticket.%'`),
    );
    const all = JSON.stringify((events as unknown as { rows: unknown[] }).rows);
    expect(all).not.toContain('3671011505980001');
    expect(all).not.toContain(citizen.id);
    const rowCount = await inRegion(t.database, { regionId: region.id }, (tx) =>
      tx.select().from(antrianTicket),
    );
    expect(rowCount.length).toBeGreaterThan(20);
  });
});

describe('a display’s share of a busy unit’s events', () => {
  const ev = (id: number, type: string) =>
    ({
      id,
      type,
      module: 'antrian',
      data: {},
      regionId: 'r',
      actorId: null,
      actorName: null,
      subject: null,
      summary: { id: '', en: '' },
      permission: '',
      createdAt: new Date(),
    }) as const;

  it('sends calls at once and at most one other change per second, never losing the last', async () => {
    vi.useFakeTimers();
    try {
      const sent: number[] = [];
      const deliver = coalesceForDisplay((e) => sent.push(e.id), 1000);
      deliver(ev(1, 'antrian.ticket.issued'));
      for (let i = 2; i <= 50; i++) deliver(ev(i, 'antrian.ticket.issued'));
      deliver(ev(51, 'antrian.ticket.called'));
      deliver(ev(52, 'antrian.ticket.finished'));
      expect(sent).toEqual([1, 51]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(sent).toEqual([1, 51, 52]);
      await vi.advanceTimersByTimeAsync(5000);
      expect(sent).toEqual([1, 51, 52]);
      deliver(ev(53, 'antrian.ticket.issued'));
      expect(sent).toEqual([1, 51, 52, 53]);
      deliver.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
