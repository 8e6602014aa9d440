import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type {
  OrderRule,
  serviceStandard,
  skmElements,
  TicketState,
  WeekHours,
} from '../../../shared/modules/antrian';
import { opd } from '../../core/db/schema';
import { tenantTable } from '../../core/db/tenancy';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const at = () => timestamp({ withTimezone: true });

/** A service unit: MPP lantai 1, Disdukcapil, Puskesmas Cibodas. */
export const antrianUnit = tenantTable(
  'antrian_unit',
  {
    id: uuid().notNull().defaultRandom(),
    code: text().notNull(),
    name: text().notNull(),
    address: text().notNull().default(''),
    kind: text().$type<'general' | 'health'>().notNull().default('general'),
    opdId: uuid(),
    hours: jsonb().$type<WeekHours>().notNull(),
    orderRule: text().$type<OrderRule>().notNull().default('booking_priority_arrival'),
    notifyAhead: integer().notNull().default(3),
    openOnHolidays: boolean().notNull().default(false),
    /** SHA-256 of the kiosk key; a kiosk sends the key to issue walk-in tickets without an account. */
    kioskKeyHash: text(),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('antrian_unit_code_uq').on(t.regionId, t.code),
    foreignKey({ columns: [t.regionId, t.opdId], foreignColumns: [opd.regionId, opd.id] }),
    index('antrian_unit_opd_idx').on(t.regionId, t.opdId),
  ],
);

/** A service of a unit, with its ticket prefix, number range, daily cap and booking slots. */
export const antrianService = tenantTable(
  'antrian_service',
  {
    id: uuid().notNull().defaultRandom(),
    unitId: uuid().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    prefix: text().notNull(),
    numberStart: integer().notNull().default(1),
    numberEnd: integer().notNull().default(999),
    dailyCap: integer().notNull(),
    slotMinutes: integer().notNull().default(30),
    slotQuota: integer().notNull().default(5),
    weight: integer().notNull().default(0),
    standard: jsonb().$type<z.infer<typeof serviceStandard>>().notNull(),
    active: boolean().notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('antrian_service_code_uq').on(t.regionId, t.unitId, t.code),
    unique('antrian_service_prefix_uq').on(t.regionId, t.unitId, t.prefix),
    foreignKey({ columns: [t.regionId, t.unitId], foreignColumns: [antrianUnit.regionId, antrianUnit.id] }),
  ],
);

/** A counter (loket). A clerk opens it for a shift; one clerk at one counter at a time. */
export const antrianCounter = tenantTable(
  'antrian_counter',
  {
    id: uuid().notNull().defaultRandom(),
    unitId: uuid().notNull(),
    number: integer().notNull(),
    name: text().notNull(),
    status: text().$type<'closed' | 'open' | 'paused'>().notNull().default('closed'),
    clerkId: uuid(),
    openedAt: at(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('antrian_counter_number_uq').on(t.regionId, t.unitId, t.number),
    uniqueIndex('antrian_counter_clerk_uq').on(t.regionId, t.clerkId).where(sql`clerk_id is not null`),
    foreignKey({ columns: [t.regionId, t.unitId], foreignColumns: [antrianUnit.regionId, antrianUnit.id] }),
  ],
);

/** Which services a clerk serves, with a weight (Novo SGA's servicoUsuario.peso). */
export const antrianClerkService = tenantTable(
  'antrian_clerk_service',
  {
    userId: uuid().notNull(),
    serviceId: uuid().notNull(),
    weight: integer().notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.userId, t.serviceId] }),
    foreignKey({
      columns: [t.regionId, t.serviceId],
      foreignColumns: [antrianService.regionId, antrianService.id],
    }).onDelete('cascade'),
    index('antrian_clerk_service_service_idx').on(t.regionId, t.serviceId),
  ],
);

/** Priorities (lansia, disabilitas, ibu hamil) with their weight; 0 is the normal queue. */
export const antrianPriority = tenantTable(
  'antrian_priority',
  {
    code: text().notNull(),
    name: text().notNull(),
    weight: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.code] })],
);

/**
 * A service's day: `taken` counts tickets issued or booked (≤ the daily cap), `seq` the numbers
 * given so far. Both move by one conditional upsert, so two kiosks never get the same number and
 * the cap holds under any concurrency. A new local day is a new row: numbering resets by itself.
 */
export const antrianDay = tenantTable(
  'antrian_day',
  {
    serviceId: uuid().notNull(),
    day: date({ mode: 'string' }).notNull(),
    taken: integer().notNull().default(0),
    seq: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.serviceId, t.day] })],
);

/** Bookings per slot of a service (≤ the service's slot quota), moved like `antrian_day`. */
export const antrianSlot = tenantTable(
  'antrian_slot',
  {
    serviceId: uuid().notNull(),
    slotStart: timestamp({ withTimezone: true }).notNull(),
    booked: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.serviceId, t.slotStart] })],
);

/**
 * A ticket. Times: `issuedAt` is the arrival (kiosk/web issue, or a booking's check-in), then
 * called, started, finished: wait = called − issued, service = finished − started.
 */
export const antrianTicket = tenantTable(
  'antrian_ticket',
  {
    id: uuid().notNull().defaultRandom(),
    /** Unguessable: the printed QR's link to follow the ticket without an account. */
    token: text().notNull(),
    unitId: uuid().notNull(),
    serviceId: uuid().notNull(),
    day: date({ mode: 'string' }).notNull(),
    seq: integer(),
    number: text(),
    status: text().$type<TicketState>().notNull(),
    channel: text().$type<'kiosk' | 'web' | 'booking'>().notNull(),
    priorityCode: text(),
    priorityWeight: integer().notNull().default(0),
    userId: uuid(),
    nik: text(),
    bookingCode: text(),
    slotStart: at(),
    issuedAt: at(),
    calledAt: at(),
    counterId: uuid(),
    clerkId: uuid(),
    callCount: smallint().notNull().default(0),
    startedAt: at(),
    finishedAt: at(),
    note: text(),
    /** A transfer to one counter: only that counter calls it next. */
    forCounterId: uuid(),
    transferredFromId: uuid(),
    nearNotifiedAt: at(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    // A transfer continues the ticket in a new row with the same token (the printed QR still works).
    index('antrian_ticket_token_idx').on(t.regionId, t.token),
    uniqueIndex('antrian_ticket_booking_uq').on(t.regionId, t.bookingCode),
    // No two people get A012 on one day, whatever the code above does.
    uniqueIndex('antrian_ticket_number_uq')
      .on(t.regionId, t.serviceId, t.day, t.seq)
      .where(sql`seq is not null`),
    // A counter holds one ticket at a time: two "call next" at one counter cannot both succeed.
    uniqueIndex('antrian_ticket_counter_active_uq')
      .on(t.regionId, t.counterId)
      .where(sql`status in ('called', 'serving')`),
    // One booking per person, service and slot.
    uniqueIndex('antrian_ticket_slot_once_uq')
      .on(t.regionId, t.userId, t.serviceId, t.slotStart)
      .where(sql`slot_start is not null and user_id is not null and status <> 'cancelled'`),
    // The waiting queue of a unit, in arrival order.
    index('antrian_ticket_waiting_idx')
      .on(t.regionId, t.unitId, t.serviceId, t.issuedAt)
      .where(sql`status = 'waiting'`),
    index('antrian_ticket_user_idx').on(t.regionId, t.userId, t.createdAt),
    index('antrian_ticket_day_idx').on(t.regionId, t.unitId, t.day),
    foreignKey({
      columns: [t.regionId, t.serviceId],
      foreignColumns: [antrianService.regionId, antrianService.id],
    }),
    foreignKey({ columns: [t.regionId, t.unitId], foreignColumns: [antrianUnit.regionId, antrianUnit.id] }),
  ],
);

/** The citizen's rating after service: one tap (1–4), or the nine SKM elements. */
export const antrianRating = tenantTable(
  'antrian_rating',
  {
    ticketId: uuid().notNull(),
    score: smallint().notNull(),
    elements: jsonb().$type<Partial<Record<(typeof skmElements)[number], number>>>(),
    comment: text(),
    at: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.ticketId] }),
    foreignKey({
      columns: [t.regionId, t.ticketId],
      foreignColumns: [antrianTicket.regionId, antrianTicket.id],
    }).onDelete('cascade'),
  ],
);

export const antrianTables = [
  antrianUnit,
  antrianService,
  antrianCounter,
  antrianClerkService,
  antrianPriority,
  antrianDay,
  antrianSlot,
  antrianTicket,
  antrianRating,
] as const;
