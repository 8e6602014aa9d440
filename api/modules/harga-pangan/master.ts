import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { timeZones } from '../../../shared/indonesia';
import type {
  assignmentInput,
  commodityInput,
  commodityUpdateInput,
  marketInput,
  marketUpdateInput,
  referenceInput,
} from '../../../shared/modules/harga-pangan';
import type { Tx } from '../../core/db/client';
import { appUser } from '../../core/db/schema';
import { conflict, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { hpAssignment, hpCommodity, hpMarket, hpReference } from './schema';

type Actor = { id: string; name: string };

export const marketNotFound = () =>
  notFound({ id: 'Pasar tidak ditemukan di daerah ini.', en: 'Market not found in this region.' });
export const commodityNotFound = () =>
  notFound({ id: 'Komoditas tidak ditemukan di daerah ini.', en: 'Commodity not found in this region.' });

// Building an Intl.DateTimeFormat costs about a millisecond: one per time zone, made once.
// region-safe: date formatters per time zone name, no region data.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date (YYYY-MM-DD) in the region's time zone. */
export function todayIn(tz: 'WIB' | 'WITA' | 'WIT', now = new Date()): string {
  let f = dayFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timeZones[tz] });
    dayFormats.set(tz, f);
  }
  return f.format(now);
}

export const toMarketView = (m: typeof hpMarket.$inferSelect) => ({
  id: m.id,
  name: m.name,
  type: m.type,
  kecamatan: m.kecamatan,
  address: m.address,
  lat: m.lat,
  lng: m.lng,
  active: m.active,
});
export const toCommodityView = (c: typeof hpCommodity.$inferSelect) => ({
  id: c.id,
  code: c.code,
  name: c.name,
  nameEn: c.nameEn,
  group: c.group,
  unit: c.unit,
  alertRisePct: c.alertRisePct,
  active: c.active,
  sort: c.sort,
});

export async function listMarkets(tx: Tx, activeOnly: boolean) {
  const rows = await tx
    .select()
    .from(hpMarket)
    .where(activeOnly ? eq(hpMarket.active, true) : undefined)
    .orderBy(asc(hpMarket.name));
  return rows.map(toMarketView);
}

export async function listCommodities(tx: Tx, activeOnly: boolean) {
  const rows = await tx
    .select()
    .from(hpCommodity)
    .where(activeOnly ? eq(hpCommodity.active, true) : undefined)
    .orderBy(asc(hpCommodity.sort), asc(hpCommodity.name));
  return rows.map(toCommodityView);
}

function uniqueName(err: unknown, what: { id: string; en: string }): never {
  const e = err as { code?: string; cause?: { code?: string } };
  if (e.code === '23505' || e.cause?.code === '23505') throw conflict(what);
  throw err;
}

export async function createMarket(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof marketInput>,
) {
  const [row] = await tx
    .insert(hpMarket)
    .values({ regionId, ...input })
    .returning()
    .catch((e) => uniqueName(e, { id: 'Nama pasar sudah ada.', en: 'A market with this name exists.' }));
  await emitEvent(tx, regionId, {
    type: 'harga-pangan.market.created',
    actor,
    subject: row!.id,
    summary: { id: `Pasar ditambahkan: ${row!.name}`, en: `Market added: ${row!.name}` },
  });
  return toMarketView(row!);
}

export async function updateMarket(
  tx: Tx,
  regionId: string,
  actor: Actor,
  id: string,
  input: z.infer<typeof marketUpdateInput>,
) {
  const [row] = await tx.update(hpMarket).set(input).where(eq(hpMarket.id, id)).returning();
  if (!row) throw marketNotFound();
  await emitEvent(tx, regionId, {
    type: 'harga-pangan.market.updated',
    actor,
    subject: id,
    summary: { id: `Pasar diubah: ${row.name}`, en: `Market changed: ${row.name}` },
    data: { fields: Object.keys(input) },
  });
  return toMarketView(row);
}

export async function createCommodity(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof commodityInput>,
) {
  const [row] = await tx
    .insert(hpCommodity)
    .values({ regionId, ...input })
    .returning()
    .catch((e) =>
      uniqueName(e, { id: 'Kode komoditas sudah ada.', en: 'A commodity with this code exists.' }),
    );
  await emitEvent(tx, regionId, {
    type: 'harga-pangan.commodity.created',
    actor,
    subject: row!.id,
    summary: { id: `Komoditas ditambahkan: ${row!.name}`, en: `Commodity added: ${row!.name}` },
  });
  return toCommodityView(row!);
}

export async function updateCommodity(
  tx: Tx,
  regionId: string,
  actor: Actor,
  id: string,
  input: z.infer<typeof commodityUpdateInput>,
) {
  const [row] = await tx.update(hpCommodity).set(input).where(eq(hpCommodity.id, id)).returning();
  if (!row) throw commodityNotFound();
  await emitEvent(tx, regionId, {
    type: 'harga-pangan.commodity.updated',
    actor,
    subject: id,
    summary: { id: `Komoditas diubah: ${row.name}`, en: `Commodity changed: ${row.name}` },
    data: { fields: Object.keys(input) },
  });
  return toCommodityView(row);
}

const toReferenceView = (r: typeof hpReference.$inferSelect) => ({
  id: r.id,
  commodityId: r.commodityId,
  kind: r.kind,
  price: r.price,
  validFrom: r.validFrom,
  validTo: r.validTo,
  source: r.source,
});

export async function listReferences(tx: Tx) {
  const rows = await tx
    .select()
    .from(hpReference)
    .orderBy(asc(hpReference.commodityId), asc(hpReference.validFrom));
  return rows.map(toReferenceView);
}

export async function addReference(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof referenceInput>,
) {
  const [c] = await tx
    .select({ name: hpCommodity.name })
    .from(hpCommodity)
    .where(eq(hpCommodity.id, input.commodityId));
  if (!c) throw commodityNotFound();
  const [row] = await tx
    .insert(hpReference)
    .values({ regionId, ...input, validTo: input.validTo ?? null, source: input.source ?? null })
    .returning();
  await emitEvent(tx, regionId, {
    type: 'harga-pangan.reference.created',
    actor,
    subject: row!.id,
    summary: {
      id: `${input.kind} ${c.name} ditetapkan Rp${input.price} mulai ${input.validFrom}`,
      en: `${input.kind} of ${c.name} set to Rp${input.price} from ${input.validFrom}`,
    },
  });
  return toReferenceView(row!);
}

export async function deleteReference(tx: Tx, regionId: string, actor: Actor, id: string) {
  const [row] = await tx.delete(hpReference).where(eq(hpReference.id, id)).returning();
  if (!row) throw notFound();
  await emitEvent(tx, regionId, {
    type: 'harga-pangan.reference.deleted',
    actor,
    subject: id,
    summary: { id: `Harga acuan ${row.kind} dihapus`, en: `${row.kind} reference price removed` },
  });
}

/** Markets the enumerator may enter prices for. */
export async function assignedMarketIds(tx: Tx, userId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ id: hpAssignment.marketId })
    .from(hpAssignment)
    .where(eq(hpAssignment.userId, userId));
  return new Set(rows.map((r) => r.id));
}

export async function listAssignments(tx: Tx) {
  const rows = await tx
    .select({ userId: hpAssignment.userId, name: appUser.name, marketId: hpAssignment.marketId })
    .from(hpAssignment)
    .innerJoin(
      appUser,
      and(eq(appUser.regionId, hpAssignment.regionId), eq(appUser.id, hpAssignment.userId)),
    );
  const byUser = new Map<string, { userId: string; name: string; marketIds: string[] }>();
  for (const r of rows) {
    const u = byUser.get(r.userId) ?? { userId: r.userId, name: r.name, marketIds: [] };
    u.marketIds.push(r.marketId);
    byUser.set(r.userId, u);
  }
  return [...byUser.values()];
}

/** Replaces the enumerator's market list. */
export async function setAssignments(
  tx: Tx,
  regionId: string,
  actor: Actor,
  input: z.infer<typeof assignmentInput>,
) {
  const [user] = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.id, input.userId));
  if (!user) throw notFound({ id: 'Pengguna tidak ditemukan.', en: 'User not found.' });
  const known = new Set((await listMarkets(tx, false)).map((m) => m.id));
  if (input.marketIds.some((id) => !known.has(id))) throw marketNotFound();
  await tx.delete(hpAssignment).where(eq(hpAssignment.userId, input.userId));
  if (input.marketIds.length > 0)
    await tx
      .insert(hpAssignment)
      .values(input.marketIds.map((marketId) => ({ regionId, userId: input.userId, marketId })));
  await emitEvent(tx, regionId, {
    type: 'harga-pangan.assignment.changed',
    actor,
    subject: input.userId,
    summary: { id: 'Penugasan petugas pasar diubah', en: 'Market enumerator assignment changed' },
    data: { markets: input.marketIds.length },
  });
  return { userId: input.userId, marketIds: input.marketIds };
}
