import { eq } from 'drizzle-orm';
import type { ServiceInput, UnitInput, WeekHours } from '../../../shared/modules/antrian';
import { todayInRegion } from '../../core/calendar/region-calendar';
import { localInstant, type TimeZoneCode } from '../../core/calendar/working-days';
import type { Tx } from '../../core/db/client';
import { region } from '../../core/db/schema';
import { ensureDemoUsers } from '../../core/demo/users';
import type { RegionContext } from '../../core/modules/types';
import { addDays, weekdayOf } from './clock';
import { ticketNumber, ticketToken } from './numbering';
import { type antrianCounter, antrianDay, antrianRating, antrianTicket, antrianUnit } from './schema';
import { hashKioskKey, saveCounter, saveService, saveUnit, seedPriorities, setClerk } from './setup';

export const DEMO_CLERK_MPP = 'loket.mpp@tangerangkota.demo.simpul.id';
export const DEMO_CLERK_PUSKESMAS = 'loket.puskesmas@tangerangkota.demo.simpul.id';
/** The demo MPP kiosk's key (README "Try it"); a real unit gets a random key from its admin. */
export const DEMO_KIOSK_KEY = 'kios-demo-mpp-2026';

const office: WeekHours = [
  null,
  { open: '08:00', close: '15:00' },
  { open: '08:00', close: '15:00' },
  { open: '08:00', close: '15:00' },
  { open: '08:00', close: '15:00' },
  { open: '08:00', close: '15:30' },
  { open: '08:00', close: '12:00' },
];
const puskesmas: WeekHours = [null, ...Array.from({ length: 6 }, () => ({ open: '07:30', close: '14:00' }))];

const units: { unit: UnitInput; services: ServiceInput[]; counters: number }[] = [
  {
    unit: {
      code: 'mpp',
      name: 'Mal Pelayanan Publik Kota Tangerang',
      address: 'Jl. Satria Sudirman No. 1, Sukaasih, Tangerang',
      kind: 'general',
      opdCode: 'dpmptsp',
      hours: office,
      orderRule: 'booking_priority_arrival',
      notifyAhead: 3,
      openOnHolidays: false,
      active: true,
    },
    services: [
      svc(
        'kependudukan',
        'Kependudukan (KTP-el, KK, KIA)',
        'A',
        150,
        12,
        ['KTP-el lama / surat kehilangan', 'Kartu Keluarga'],
        'KTP-el / KK',
      ),
      svc(
        'perizinan',
        'Perizinan dan non-perizinan',
        'B',
        80,
        20,
        ['KTP-el', 'NIB (untuk usaha)'],
        'Tanda terima / izin',
      ),
      svc(
        'pajak-daerah',
        'Pajak daerah (PBB, BPHTB)',
        'C',
        100,
        10,
        ['SPPT PBB', 'KTP-el'],
        'Bukti bayar / SSPD',
      ),
    ],
    counters: 4,
  },
  {
    unit: {
      code: 'puskesmas-cibodas',
      name: 'Puskesmas Cibodas',
      address: 'Jl. Raya Cibodas, Cibodas, Tangerang',
      kind: 'health',
      opdCode: 'dinkes',
      hours: puskesmas,
      orderRule: 'priority_arrival',
      notifyAhead: 3,
      openOnHolidays: false,
      active: true,
    },
    services: [
      svc('poli-umum', 'Poli umum', 'U', 120, 10, ['Kartu BPJS / KTP-el'], 'Pemeriksaan dan resep'),
      svc('poli-gigi', 'Poli gigi', 'G', 40, 20, ['Kartu BPJS / KTP-el'], 'Pemeriksaan dan tindakan gigi'),
    ],
    counters: 2,
  },
];

function svc(
  code: string,
  name: string,
  prefix: string,
  dailyCap: number,
  minutes: number,
  requirements: string[],
  product: string,
): ServiceInput {
  return {
    code,
    name,
    prefix,
    numberStart: 1,
    numberEnd: 999,
    dailyCap,
    slotMinutes: 30,
    slotQuota: 4,
    weight: 0,
    standard: {
      requirements,
      procedure: 'Ambil nomor, tunggu panggilan, dilayani di loket.',
      minutes,
      cost: 'Gratis',
      product,
    },
    active: true,
  };
}

/**
 * The demo's queues: the MPP (three services, four counters, a kiosk) and a puskesmas, a clerk
 * each, a week of served tickets with ratings for the reports, and people waiting today.
 */
export async function seedAntrianDemo(ctx: RegionContext) {
  const { tx, regionId } = ctx;
  await seedPriorities(ctx);
  const [any] = await tx.select({ id: antrianUnit.id }).from(antrianUnit).limit(1);
  if (any) return;
  const ids = await ensureDemoUsers(tx, regionId, [
    { email: DEMO_CLERK_MPP, name: 'Sari Petugas Loket MPP', role: 'opd_officer', opdCode: 'dpmptsp' },
    { email: DEMO_CLERK_PUSKESMAS, name: 'Dewi Petugas Puskesmas', role: 'opd_officer', opdCode: 'dinkes' },
  ]);
  const [reg] = await tx.select().from(region).where(eq(region.id, regionId));
  const tz = (reg?.timeZone ?? 'WIB') as TimeZoneCode;
  const today = await todayInRegion(tx);
  for (const [i, u] of units.entries()) {
    const unit = await saveUnit(tx, regionId, null, u.unit, 'all');
    const services = [];
    for (const s of u.services) services.push(await saveService(tx, regionId, unit, s));
    const counters = [];
    for (let n = 1; n <= u.counters; n++)
      counters.push(await saveCounter(tx, regionId, unit, { number: n, name: `Loket ${n}` }));
    const clerk = ids.get(i === 0 ? DEMO_CLERK_MPP : DEMO_CLERK_PUSKESMAS)!;
    await setClerk(tx, regionId, unit, {
      userId: clerk,
      services: services.map((s, k) => ({ code: s.code, weight: k === 0 ? 2 : 1 })),
    });
    if (i === 0)
      await tx
        .update(antrianUnit)
        .set({ kioskKeyHash: hashKioskKey(DEMO_KIOSK_KEY) })
        .where(eq(antrianUnit.id, unit.id));
    await seedHistory(tx, regionId, tz, today, unit, services, counters, clerk);
  }
}

type Svc = Awaited<ReturnType<typeof saveService>>;
type Counter = typeof antrianCounter.$inferSelect;

/** A week of days the unit was open: tickets served through the day, some absent, most rated. */
async function seedHistory(
  tx: Tx,
  regionId: string,
  tz: TimeZoneCode,
  today: string,
  unit: { id: string; hours: WeekHours },
  services: Svc[],
  counters: Counter[],
  clerk: string,
) {
  let rnd = 7;
  const next = () => {
    rnd = (rnd * 48271) % 2147483647;
    return rnd / 2147483647;
  };
  const tickets: (typeof antrianTicket.$inferInsert)[] = [];
  const ratings: { ticketId: string; score: number }[] = [];
  for (let back = 7; back >= 0; back--) {
    const day = addDays(today, -back);
    const h = unit.hours[weekdayOf(day)];
    if (!h) continue;
    for (const s of services) {
      const count = back === 0 ? 5 : 14 + Math.floor(next() * 10);
      let clock = localInstant(day, tz, `${h.open}:00`).getTime() + 10 * 60_000;
      // Today's tickets arrived in the last minutes (people waiting now); earlier days through the day.
      if (back === 0) clock = Date.now() - count * 4 * 60_000;
      for (let seq = 1; seq <= count; seq++) {
        clock += back === 0 ? 4 * 60_000 : Math.floor(next() * 12 + 3) * 60_000;
        const issuedAt = new Date(clock);
        const id = crypto.randomUUID();
        const waiting = back === 0;
        const absent = !waiting && next() < 0.06;
        const calledAt = new Date(clock + Math.floor(next() * 25 + 4) * 60_000);
        const startedAt = new Date(calledAt.getTime() + 60_000);
        const finishedAt = new Date(
          startedAt.getTime() + Math.floor((0.6 + next()) * s.standard.minutes) * 60_000,
        );
        tickets.push({
          id,
          regionId,
          token: ticketToken(),
          unitId: unit.id,
          serviceId: s.id,
          day,
          seq,
          number: ticketNumber(s, seq),
          status: waiting ? 'waiting' : absent ? 'no_show' : 'done',
          channel: next() < 0.7 ? 'kiosk' : 'web',
          priorityWeight: 0,
          issuedAt,
          ...(waiting
            ? {}
            : {
                calledAt,
                counterId: counters[seq % counters.length]!.id,
                clerkId: clerk,
                callCount: 1,
                finishedAt: absent ? calledAt : finishedAt,
              }),
          ...(waiting || absent ? {} : { startedAt }),
        });
        if (!waiting && !absent && next() < 0.6)
          ratings.push({ ticketId: id, score: next() < 0.75 ? 4 : next() < 0.8 ? 3 : 2 });
      }
      await tx
        .insert(antrianDay)
        .values({ regionId, serviceId: s.id, day, taken: count, seq: count })
        .onConflictDoNothing();
    }
  }
  for (let i = 0; i < tickets.length; i += 500)
    await tx.insert(antrianTicket).values(tickets.slice(i, i + 500));
  if (ratings.length) await tx.insert(antrianRating).values(ratings.map((r) => ({ regionId, ...r })));
}
