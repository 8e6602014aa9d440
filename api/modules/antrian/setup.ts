import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  antrianSettings,
  type clerkInput,
  type counterInput,
  type ServiceInput,
  type ServiceView,
  type UnitInput,
  type UnitView,
} from '../../../shared/modules/antrian';
import type { TimeZoneCode, WorkingCalendar } from '../../core/calendar/working-days';
import type { Tx } from '../../core/db/client';
import { appUser, opd, userRole } from '../../core/db/schema';
import { invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { moduleSettingsIn } from '../../core/modules/settings';
import { isOpenAt } from './clock';
import {
  antrianClerkService,
  antrianCounter,
  antrianPriority,
  antrianService,
  antrianTicket,
  antrianUnit,
} from './schema';

export const unitNotFound = () =>
  notFound({ id: 'Unit layanan tidak ditemukan.', en: 'Service unit not found.' });
export const serviceNotFound = () =>
  notFound({ id: 'Layanan tidak ditemukan di unit ini.', en: 'Service not found in this unit.' });

export type UnitRow = typeof antrianUnit.$inferSelect;
export type ServiceRow = typeof antrianService.$inferSelect;

/** Which units a manager may change: all of them, or those of the OPDs they head. */
export type ManageScope = 'all' | ReadonlySet<string>;

export async function unitByCode(tx: Tx, code: string, scope: ManageScope = 'all'): Promise<UnitRow> {
  const [unit] = await tx.select().from(antrianUnit).where(eq(antrianUnit.code, code));
  if (!unit || (scope !== 'all' && !(unit.opdId && scope.has(unit.opdId)))) throw unitNotFound();
  return unit;
}

export async function unitById(tx: Tx, id: string): Promise<UnitRow> {
  const [unit] = await tx.select().from(antrianUnit).where(eq(antrianUnit.id, id));
  if (!unit) throw unitNotFound();
  return unit;
}

export async function serviceOf(tx: Tx, unitId: string, code: string): Promise<ServiceRow> {
  const [s] = await tx
    .select()
    .from(antrianService)
    .where(and(eq(antrianService.unitId, unitId), eq(antrianService.code, code)));
  if (!s) throw serviceNotFound();
  return s;
}

const toService = (s: ServiceRow): ServiceView => ({
  id: s.id,
  code: s.code,
  name: s.name,
  prefix: s.prefix,
  numberStart: s.numberStart,
  numberEnd: s.numberEnd,
  dailyCap: s.dailyCap,
  slotMinutes: s.slotMinutes,
  slotQuota: s.slotQuota,
  weight: s.weight,
  standard: s.standard,
  active: s.active,
});

/** Units with their services, counters and people waiting now (four queries, whatever the count). */
export async function listUnits(
  tx: Tx,
  opts: {
    includeInactive: boolean;
    tz: TimeZoneCode;
    calendar: WorkingCalendar;
    code?: string;
  },
): Promise<UnitView[]> {
  const units = await tx
    .select({ u: antrianUnit, opdCode: opd.code })
    .from(antrianUnit)
    .leftJoin(opd, eq(opd.id, antrianUnit.opdId))
    .where(opts.code ? eq(antrianUnit.code, opts.code) : undefined)
    .orderBy(asc(antrianUnit.name));
  const shown = units.filter((r) => opts.includeInactive || r.u.active);
  if (shown.length === 0) return [];
  const ids = shown.map((r) => r.u.id);
  const [services, counters, waiting] = await Promise.all([
    tx
      .select()
      .from(antrianService)
      .where(inArray(antrianService.unitId, ids))
      .orderBy(asc(antrianService.prefix)),
    tx
      .select({ c: antrianCounter, clerkName: appUser.name })
      .from(antrianCounter)
      .leftJoin(appUser, eq(appUser.id, antrianCounter.clerkId))
      .where(inArray(antrianCounter.unitId, ids))
      .orderBy(asc(antrianCounter.number)),
    tx
      .select({ serviceId: antrianTicket.serviceId, n: sql<number>`count(*)::int` })
      .from(antrianTicket)
      .where(and(inArray(antrianTicket.unitId, ids), eq(antrianTicket.status, 'waiting')))
      .groupBy(antrianTicket.serviceId),
  ]);
  const { bookingDaysAhead } = await moduleSettingsIn(tx, 'antrian', antrianSettings);
  const now = new Date();
  const waitingFor = (serviceId: string) => waiting.find((w) => w.serviceId === serviceId)?.n ?? 0;
  return shown.map(({ u, opdCode }) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    address: u.address,
    kind: u.kind,
    opdCode,
    hours: u.hours,
    orderRule: u.orderRule,
    notifyAhead: u.notifyAhead,
    openOnHolidays: u.openOnHolidays,
    active: u.active,
    openNow: u.active && isOpenAt(u, now, opts.tz, opts.calendar),
    bookingDaysAhead,
    services: services
      .filter((s) => s.unitId === u.id && (opts.includeInactive || s.active))
      .map((s) => ({ ...toService(s), waiting: waitingFor(s.id) })),
    counters: counters
      .filter((c) => c.c.unitId === u.id)
      .map(({ c, clerkName }) => ({
        id: c.id,
        number: c.number,
        name: c.name,
        status: c.status,
        clerkName: c.status === 'closed' ? null : clerkName,
      })),
    waiting: services.filter((s) => s.unitId === u.id).reduce((n, s) => n + waitingFor(s.id), 0),
  }));
}

async function opdIdOf(tx: Tx, code: string | null, scope: ManageScope) {
  if (!code) {
    if (scope !== 'all') throw invalid({ id: 'Pilih OPD unit ini.', en: 'Choose the unit’s OPD.' });
    return null;
  }
  const [row] = await tx.select({ id: opd.id }).from(opd).where(eq(opd.code, code));
  if (!row || (scope !== 'all' && !scope.has(row.id)))
    throw invalid({ id: `OPD ${code} tidak dikenal.`, en: `Unknown OPD ${code}.` });
  return row.id;
}

/** Creates or updates a unit by its code. */
export async function saveUnit(
  tx: Tx,
  regionId: string,
  /** Who made the change (null for seeds and scripts). */
  actor: { id: string; name: string } | null,
  input: UnitInput,
  scope: ManageScope,
) {
  const [existing] = await tx.select().from(antrianUnit).where(eq(antrianUnit.code, input.code));
  if (existing && scope !== 'all' && !(existing.opdId && scope.has(existing.opdId))) throw unitNotFound();
  const { opdCode, ...fields } = input;
  const values = { ...fields, opdId: await opdIdOf(tx, opdCode, scope) };
  const [row] = await tx
    .insert(antrianUnit)
    .values({ regionId, ...values })
    .onConflictDoUpdate({ target: [antrianUnit.regionId, antrianUnit.code], set: values })
    .returning();
  await emitEvent(tx, regionId, {
    type: existing ? 'antrian.unit.updated' : 'antrian.unit.created',
    subject: row!.id,
    summary: {
      id: `Unit layanan ${input.name} ${existing ? 'diubah' : 'dibuat'}`,
      en: `Service unit ${input.name} ${existing ? 'updated' : 'created'}`,
    },
    actor,
  });
  return row!;
}

/** Creates or updates a service of a unit by its code. */
export async function saveService(tx: Tx, regionId: string, unit: UnitRow, input: ServiceInput) {
  const values = { ...input, unitId: unit.id };
  const [row] = await tx
    .insert(antrianService)
    .values({ regionId, ...values })
    .onConflictDoUpdate({
      target: [antrianService.regionId, antrianService.unitId, antrianService.code],
      set: values,
    })
    .returning();
  return toService(row!);
}

/** Adds a counter, or renames the one with that number. */
export async function saveCounter(
  tx: Tx,
  regionId: string,
  unit: UnitRow,
  input: z.infer<typeof counterInput>,
) {
  const [row] = await tx
    .insert(antrianCounter)
    .values({ regionId, unitId: unit.id, ...input })
    .onConflictDoUpdate({
      target: [antrianCounter.regionId, antrianCounter.unitId, antrianCounter.number],
      set: { name: input.name },
    })
    .returning();
  return row!;
}

/** Sets which of the unit's services a staff member serves (replacing the previous list). */
export async function setClerk(tx: Tx, regionId: string, unit: UnitRow, input: z.infer<typeof clerkInput>) {
  // Only staff of the region serve at a counter (a citizen account is refused as a clerk).
  const [staff] = await tx
    .select({ id: userRole.userId })
    .from(userRole)
    .where(
      and(
        eq(userRole.userId, input.userId),
        inArray(userRole.role, ['opd_officer', 'opd_admin', 'region_admin']),
      ),
    )
    .limit(1);
  if (!staff)
    throw invalid({
      id: 'Petugas tidak ditemukan di antara staf wilayah.',
      en: 'No such staff member in the region.',
    });
  const services = await tx
    .select({ id: antrianService.id, code: antrianService.code })
    .from(antrianService)
    .where(eq(antrianService.unitId, unit.id));
  const byCode = new Map(services.map((s) => [s.code, s.id]));
  const unknown = input.services.filter((s) => !byCode.has(s.code)).map((s) => s.code);
  if (unknown.length) throw invalid({ id: 'Layanan tidak dikenal.', en: 'Unknown services.' }, { unknown });
  await tx.delete(antrianClerkService).where(
    and(
      eq(antrianClerkService.userId, input.userId),
      inArray(
        antrianClerkService.serviceId,
        services.map((s) => s.id),
      ),
    ),
  );
  if (input.services.length)
    await tx.insert(antrianClerkService).values(
      input.services.map((s) => ({
        regionId,
        userId: input.userId,
        serviceId: byCode.get(s.code)!,
        weight: s.weight,
      })),
    );
}

/** The clerks of a unit and their services. */
export async function listClerks(tx: Tx, unit: UnitRow) {
  const rows = await tx
    .select({
      userId: antrianClerkService.userId,
      name: appUser.name,
      code: antrianService.code,
      weight: antrianClerkService.weight,
    })
    .from(antrianClerkService)
    .innerJoin(antrianService, eq(antrianService.id, antrianClerkService.serviceId))
    .innerJoin(appUser, eq(appUser.id, antrianClerkService.userId))
    .where(eq(antrianService.unitId, unit.id))
    .orderBy(asc(appUser.name));
  const byUser = new Map<
    string,
    { userId: string; name: string; services: { code: string; weight: number }[] }
  >();
  for (const r of rows) {
    const c = byUser.get(r.userId) ?? { userId: r.userId, name: r.name, services: [] };
    c.services.push({ code: r.code, weight: r.weight });
    byUser.set(r.userId, c);
  }
  return [...byUser.values()];
}

export const hashKioskKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new kiosk key for the unit (shown once; the old one stops working). */
export async function rotateKioskKey(tx: Tx, unit: UnitRow) {
  const key = randomBytes(18).toString('base64url');
  await tx
    .update(antrianUnit)
    .set({ kioskKeyHash: hashKioskKey(key) })
    .where(eq(antrianUnit.id, unit.id));
  return key;
}

export async function listPriorities(tx: Tx) {
  return tx
    .select({ code: antrianPriority.code, name: antrianPriority.name, weight: antrianPriority.weight })
    .from(antrianPriority)
    .orderBy(asc(antrianPriority.weight), asc(antrianPriority.code));
}

/** Adds or changes a priority group (its name and weight in "call next"). */
export async function savePriority(
  tx: Tx,
  regionId: string,
  code: string,
  input: { name: string; weight: number },
) {
  await tx
    .insert(antrianPriority)
    .values({ regionId, code, ...input })
    .onConflictDoUpdate({ target: [antrianPriority.regionId, antrianPriority.code], set: input });
}

/** Every region starts with the priorities of Indonesian service counters. */
export async function seedPriorities({ tx, regionId }: { tx: Tx; regionId: string }) {
  await tx
    .insert(antrianPriority)
    .values([
      { regionId, code: 'lansia', name: 'Lansia (60+)', weight: 2 },
      { regionId, code: 'ibu-hamil', name: 'Ibu hamil / membawa balita', weight: 2 },
      { regionId, code: 'disabilitas', name: 'Penyandang disabilitas', weight: 3 },
    ])
    .onConflictDoNothing();
}
