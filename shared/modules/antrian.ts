import { z } from 'zod';
import { isoDate } from '../dates';
import { nikSchema } from '../indonesia';

/**
 * Antrian contracts: service units (MPP, Disdukcapil, puskesmas) with services, counters and
 * clerks; tickets from a kiosk, the web or a booking; clerks calling; a TV display; SKM ratings.
 * Model after Novo SGA (unit → service → counter, clerk–service weights, priority weights) and the
 * hospital online-queue task ids (1–7, 99) for health units.
 */

const code = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lowercase letters, digits and - (2–40)');
const name = z.string().trim().min(2).max(120);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');

// ---------- set-up ----------

/** One weekday's opening hours, or null when closed. Index 0 = Sunday … 6 = Saturday. */
export const dayHours = z
  .object({ open: clock, close: clock })
  .refine((h) => h.open < h.close, { message: 'Jam tutup harus setelah jam buka / close after open' })
  .nullable();
export const weekHours = z.array(dayHours).length(7);
export type WeekHours = z.infer<typeof weekHours>;

/** How "call next" orders the waiting tickets of a unit. */
export const orderRules = ['booking_priority_arrival', 'priority_arrival', 'arrival'] as const;
export type OrderRule = (typeof orderRules)[number];

export const unitKinds = ['general', 'health'] as const;

export const unitInput = z.object({
  code,
  name,
  address: z.string().trim().max(300).default(''),
  kind: z.enum(unitKinds).default('general'),
  /** The OPD that runs the unit, by code; its opd_admin may manage it. */
  opdCode: z.string().max(40).nullable().default(null),
  hours: weekHours,
  orderRule: z.enum(orderRules).default('booking_priority_arrival'),
  /** "n people ahead of you" notification. */
  notifyAhead: z.number().int().min(1).max(20).default(3),
  /** Puskesmas and hospitals open on public holidays; offices do not. */
  openOnHolidays: z.boolean().default(false),
  active: z.boolean().default(true),
});
export type UnitInput = z.infer<typeof unitInput>;

/** The published service standard (Permenpan RB 15/2014): what citizens read before coming. */
export const serviceStandard = z.object({
  requirements: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  procedure: z.string().trim().max(1000).default(''),
  /** Minutes the service should take at the counter, as published. */
  minutes: z.number().int().min(1).max(480),
  cost: z.string().trim().max(200).default('Gratis'),
  product: z.string().trim().max(200).default(''),
});

export const serviceInput = z
  .object({
    code,
    name,
    /** Ticket prefix: A, B, … (1–3 capital letters). */
    prefix: z.string().regex(/^[A-Z]{1,3}$/, '1–3 huruf kapital / 1–3 capital letters'),
    numberStart: z.number().int().min(1).max(9998).default(1),
    numberEnd: z.number().int().min(2).max(9999).default(999),
    /** Tickets per day (walk-in and booked together). */
    dailyCap: z.number().int().min(1).max(9999),
    /** Booking slots: their length and how many bookings each takes (0 = no booking). */
    slotMinutes: z.number().int().min(5).max(240).default(30),
    slotQuota: z.number().int().min(0).max(500).default(5),
    /** Weight in "call next" (Novo SGA's servicoUnidade.peso). */
    weight: z.number().int().min(0).max(10).default(0),
    standard: serviceStandard,
    active: z.boolean().default(true),
  })
  .refine((s) => s.numberStart < s.numberEnd, { message: 'numberStart < numberEnd', path: ['numberEnd'] })
  .refine((s) => s.dailyCap <= s.numberEnd - s.numberStart + 1, {
    message: 'Kuota harian melebihi rentang nomor / daily cap exceeds the number range',
    path: ['dailyCap'],
  });
export type ServiceInput = z.infer<typeof serviceInput>;

export const counterInput = z.object({
  number: z.number().int().min(1).max(999),
  name: z.string().trim().min(1).max(60),
});

/** Which services a clerk serves in a unit, with a weight each (higher = called first). */
export const clerkInput = z.object({
  userId: z.string().uuid(),
  services: z.array(z.object({ code, weight: z.number().int().min(0).max(10).default(1) })).max(50),
});

export const priorityInput = z.object({
  name: z.string().trim().min(2).max(80),
  /** Above 0 goes before the normal queue; higher first. */
  weight: z.number().int().min(1).max(10),
});

export const priorityView = z.object({ code: z.string(), name: z.string(), weight: z.number().int() });
export type PriorityView = z.infer<typeof priorityView>;

export const serviceView = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    name: z.string(),
    prefix: z.string(),
    numberStart: z.number().int(),
    numberEnd: z.number().int(),
    dailyCap: z.number().int(),
    slotMinutes: z.number().int(),
    slotQuota: z.number().int(),
    weight: z.number().int(),
    standard: serviceStandard,
    active: z.boolean(),
  })
  .meta({ id: 'AntrianService' });
export type ServiceView = z.infer<typeof serviceView>;

/** A service as the unit's page lists it, with the people waiting for it now. */
export const unitServiceView = serviceView.extend({ waiting: z.number().int() });

export const counterView = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  name: z.string(),
  status: z.enum(['closed', 'open', 'paused']),
  clerkName: z.string().nullable(),
});
export type CounterView = z.infer<typeof counterView>;

export const unitView = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    name: z.string(),
    address: z.string(),
    kind: z.enum(unitKinds),
    opdCode: z.string().nullable(),
    hours: weekHours,
    orderRule: z.enum(orderRules),
    notifyAhead: z.number().int(),
    openOnHolidays: z.boolean(),
    active: z.boolean(),
    /** Open right now (hours, working day). */
    openNow: z.boolean(),
    /** How many days ahead a slot may be booked (the region's setting). */
    bookingDaysAhead: z.number().int(),
    services: z.array(unitServiceView),
    counters: z.array(counterView),
    waiting: z.number().int(),
  })
  .meta({ id: 'AntrianUnit' });
export type UnitView = z.infer<typeof unitView>;

// ---------- tickets ----------

export const ticketStates = [
  'booked',
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'cancelled',
  'transferred',
] as const;
export type TicketState = (typeof ticketStates)[number];
export const ticketChannels = ['kiosk', 'web', 'booking'] as const;

export const issueInput = z.object({
  serviceCode: code,
  priorityCode: z.string().max(40).nullable().default(null),
  nik: nikSchema.nullable().default(null),
});

export const bookingInput = z.object({
  serviceCode: code,
  date: isoDate,
  slot: clock,
  nik: nikSchema.nullable().default(null),
});

export const bookingCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{8}$/, 'Kode booking 8 huruf/angka / booking code of 8 letters or digits');

export const checkInInput = z.object({ bookingCode: bookingCodeSchema });

export const ticketView = z
  .object({
    id: z.string().uuid(),
    /** Public follow-up token: the QR on a printed ticket opens `/layanan/antrian/t/<token>`. */
    token: z.string(),
    unit: z.object({ code: z.string(), name: z.string() }),
    service: z.object({ code: z.string(), name: z.string() }),
    number: z.string().nullable(),
    status: z.enum(ticketStates),
    channel: z.enum(ticketChannels),
    priority: z.string().nullable(),
    day: z.string(),
    bookingCode: z.string().nullable(),
    slotStart: z.string().nullable(),
    issuedAt: z.string().nullable(),
    calledAt: z.string().nullable(),
    counter: z.string().nullable(),
    /** While waiting: people ahead, the number now served in the service, a wait estimate. */
    ahead: z.number().int().nullable(),
    nowServing: z.string().nullable(),
    estimatedWaitMinutes: z.number().int().nullable(),
    rated: z.boolean(),
  })
  .meta({ id: 'AntrianTicket' });
export type TicketView = z.infer<typeof ticketView>;

export const slotView = z.object({
  start: clock,
  left: z.number().int(),
});

// ---------- counter ----------

export const openCounterInput = z.object({ counterId: z.string().uuid() });
export const callInput = z.object({ ticketId: z.string().uuid().optional() });
export const finishInput = z.object({ note: z.string().trim().max(500).default('') });
export const transferInput = z
  .object({
    serviceCode: code.optional(),
    counterId: z.string().uuid().optional(),
  })
  .refine((t) => Boolean(t.serviceCode) !== Boolean(t.counterId), {
    message: 'Pilih layanan atau loket tujuan / choose a service or a counter',
  });

export const waitingRow = z.object({
  id: z.string().uuid(),
  number: z.string(),
  service: z.string(),
  priority: z.string().nullable(),
  booked: z.boolean(),
  issuedAt: z.string(),
  forCounter: z.boolean(),
});

export const deskView = z
  .object({
    unit: z.object({ id: z.string().uuid(), code: z.string(), name: z.string() }),
    counter: counterView.nullable(),
    /** Counters of the unit the clerk may open. */
    counters: z.array(counterView),
    services: z.array(z.object({ code: z.string(), name: z.string(), weight: z.number().int() })),
    /** Every active service of the unit: where a ticket can be transferred. */
    unitServices: z.array(z.object({ code: z.string(), name: z.string() })),
    current: z
      .object({
        id: z.string().uuid(),
        number: z.string(),
        service: z.string(),
        status: z.enum(ticketStates),
        priority: z.string().nullable(),
        calledAt: z.string().nullable(),
        startedAt: z.string().nullable(),
        callCount: z.number().int(),
        /** Masked NIK when the citizen gave one (the clerk checks the KTP in hand). */
        nik: z.string().nullable(),
      })
      .nullable(),
    waiting: z.array(waitingRow),
    servedToday: z.number().int(),
  })
  .meta({ id: 'AntrianDesk' });
export type DeskView = z.infer<typeof deskView>;

// ---------- display ----------

export const callView = z.object({
  ticketId: z.string().uuid(),
  number: z.string(),
  counter: z.string(),
  counterNumber: z.number().int(),
  service: z.string(),
  at: z.string(),
  priority: z.boolean(),
});
export type CallView = z.infer<typeof callView>;

export const displayView = z
  .object({
    unit: z.object({ code: z.string(), name: z.string() }),
    calls: z.array(callView),
    waiting: z.array(z.object({ service: z.string(), prefix: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'AntrianDisplay' });
export type DisplayView = z.infer<typeof displayView>;

// ---------- satisfaction (SKM, Permenpan RB 14/2017) ----------

/** The nine elements of the Survei Kepuasan Masyarakat. */
export const skmElements = [
  'persyaratan',
  'prosedur',
  'waktu',
  'biaya',
  'produk',
  'kompetensi',
  'perilaku',
  'pengaduan',
  'sarana',
] as const;
const score = z.number().int().min(1).max(4);
export const ratingInput = z.object({
  /** 1 tidak puas … 4 sangat puas (the SKM scale). */
  score,
  elements: z.partialRecord(z.enum(skmElements), score).optional(),
  comment: z.string().trim().max(500).optional(),
});

// ---------- reports ----------

export const kpiRow = z.object({
  unit: z.string(),
  service: z.string().nullable(),
  counter: z.string().nullable(),
  hour: z.number().int().nullable(),
  tickets: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  avgWaitMinutes: z.number().nullable(),
  avgServiceMinutes: z.number().nullable(),
  /** The published standard's minutes and the share of services within it. */
  standardMinutes: z.number().int().nullable(),
  withinStandard: z.number().nullable(),
  /** IKM 25–100 (mean SKM score × 25) and how many ratings it is from. */
  ikm: z.number().nullable(),
  ratings: z.number().int(),
});
export type KpiRow = z.infer<typeof kpiRow>;
export const kpiGroups = ['service', 'counter', 'hour'] as const;
export const reportQuery = z.object({
  from: isoDate,
  to: isoDate,
  unit: code.optional(),
  by: z.enum(kpiGroups).default('service'),
});

export const liveUnitRow = z.object({
  unit: z.string(),
  waiting: z.number().int(),
  longestWaitMinutes: z.number().int().nullable(),
  servedToday: z.number().int(),
});

export const antrianSettings = z.object({
  /** How long after the slot starts a booking may still check in. */
  checkInGraceMinutes: z.number().int().min(0).max(120).default(30),
  /** How early before the slot a booking may check in. */
  checkInEarlyMinutes: z.number().int().min(0).max(240).default(60),
  /** How many days ahead a slot may be booked. */
  bookingDaysAhead: z.number().int().min(1).max(60).default(14),
});
export type AntrianSettings = z.infer<typeof antrianSettings>;
