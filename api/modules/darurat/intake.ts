import { and, eq, gt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type CallSource,
  type callInput,
  type DaruratSettings,
  daruratSettings,
  type PanicInput,
  type Priority,
} from '../../../shared/modules/darurat';
import type { Tx } from '../../core/db/client';
import { regionArea } from '../../core/db/schema';
import { AppError, conflict, invalid } from '../../core/errors';
import { locateArea } from '../../core/regions/locate';
import { type Actor, emitIncident, where, whereEn } from './events';
import {
  daruratBlock,
  daruratCall,
  daruratCounter,
  daruratIncident,
  daruratLog,
  daruratType,
} from './schema';
import { daruratSettingsIn, insideBounds } from './settings';
import { findIncident, isClosed, toListItem } from './views';

export type Env = { regionId: string; regionCode: string };
type ParsedCall = z.output<typeof callInput>;

const invalidLocation = () =>
  invalid(
    {
      id: 'Lokasi di luar wilayah layanan 112 daerah ini.',
      en: 'The location is outside this region’s 112 service area.',
    },
    { field: 'lat' },
  );

const throwUnknownType = (): never => {
  throw unknownType();
};
const unknownType = () =>
  invalid({ id: 'Jenis kejadian tidak dikenal.', en: 'Unknown incident type.' }, { field: 'typeCode' });

async function activeType(tx: Tx, code: string) {
  const [t] = await tx
    .select()
    .from(daruratType)
    .where(and(eq(daruratType.code, code), eq(daruratType.active, true)));
  if (!t)
    throw invalid(
      { id: 'Jenis kejadian tidak dikenal.', en: 'Unknown incident type.' },
      { field: 'typeCode' },
    );
  return t;
}

/** Kecamatan and kelurahan names from a Kemendagri code inside the region (RLS keeps it in). */
export async function resolveArea(tx: Tx, code: string | null | undefined) {
  if (!code) return { kecamatan: null, kelurahan: null };
  const [area] = await tx.select().from(regionArea).where(eq(regionArea.code, code));
  if (!area)
    throw invalid({ id: 'Kode wilayah tidak dikenal.', en: 'Unknown area code.' }, { field: 'areaCode' });
  if (area.level === 'kecamatan') return { kecamatan: area.name, kelurahan: null };
  const [parent] = area.parentCode
    ? await tx.select().from(regionArea).where(eq(regionArea.code, area.parentCode))
    : [];
  return { kecamatan: parent?.name ?? null, kelurahan: area.name };
}

/** Kecamatan and kelurahan names at a point of the region (nulls when unknown). */
async function areaAt(tx: Tx, regionId: string, bounds: DaruratSettings['bounds'], lat: number, lng: number) {
  const found = await locateArea(tx, regionId, bounds, lat, lng);
  return { kecamatan: found.kecamatan?.name ?? null, kelurahan: found.kelurahan?.name ?? null };
}

async function nextNumber(tx: Tx, env: Env, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  const [row] = await tx
    .insert(daruratCounter)
    .values({ regionId: env.regionId, year, last: 1 })
    .onConflictDoUpdate({
      target: [daruratCounter.regionId, daruratCounter.year],
      set: { last: sql`${daruratCounter.last} + 1` },
    })
    .returning({ last: daruratCounter.last });
  return `112-${env.regionCode.replace('.', '')}-${String(year % 100).padStart(2, '0')}-${String(row!.last).padStart(6, '0')}`;
}

/** Until when a number is blocked (null = not blocked). */
export async function blockedUntil(tx: Tx, phone: string): Promise<Date | null> {
  const [b] = await tx
    .select({ until: daruratBlock.until })
    .from(daruratBlock)
    .where(and(eq(daruratBlock.phone, phone), gt(daruratBlock.until, sql`now()`)));
  return b?.until ?? null;
}

type NewIncident = {
  typeCode: string;
  priority?: Priority;
  /** Null: the location is unavailable (a panic without GPS); added later by the caller. */
  lat: number | null;
  lng: number | null;
  address?: string | null;
  areaCode?: string | null;
  description?: string | null;
  victims?: number | null;
  source: CallSource;
  reporterId: string | null;
  receivedAt: Date;
};

async function createIncident(
  tx: Tx,
  env: Env,
  actor: Actor,
  n: NewIncident,
  known?: { settings: DaruratSettings; type: typeof daruratType.$inferSelect },
) {
  const settings = known?.settings ?? (await daruratSettingsIn(tx));
  if (n.lat !== null && n.lng !== null && !insideBounds(settings, n.lat, n.lng)) throw invalidLocation();
  const t = known?.type ?? (await activeType(tx, n.typeCode));
  // No area given (panic button, a call-taker who only pinned the map): the point's own kecamatan
  // and kelurahan (core locateArea: outline, else nearest centroid) so KPIs per kecamatan fill in.
  const area = n.areaCode
    ? await resolveArea(tx, n.areaCode)
    : n.lat !== null && n.lng !== null
      ? await areaAt(tx, env.regionId, settings.bounds, n.lat, n.lng)
      : { kecamatan: null, kelurahan: null };
  const now = new Date();
  const [i] = await tx
    .insert(daruratIncident)
    .values({
      regionId: env.regionId,
      number: await nextNumber(tx, env, now),
      priority: n.priority ?? t.defaultPriority,
      typeId: t.id,
      police: t.police,
      source: n.source,
      lat: n.lat,
      lng: n.lng,
      address: n.address ?? null,
      ...area,
      description: n.description ?? null,
      victims: n.victims ?? null,
      reporterId: n.reporterId,
      // A clock ahead of the server's cannot make time-to-create negative.
      callReceivedAt: n.receivedAt > now ? now : n.receivedAt,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await tx.insert(daruratLog).values({
    regionId: env.regionId,
    incidentId: i!.id,
    action: 'create',
    toStatus: 'baru',
    actorId: actor?.id ?? null,
    at: now,
  });
  await emitIncident(
    tx,
    env.regionId,
    actor,
    { i: i!, t },
    'darurat.incident.created',
    {
      id: `112 baru: ${t.name} (${i!.priority})${where(i!)}`,
      en: `New 112 incident: ${t.nameEn} (${i!.priority})${whereEn(i!)}`,
    },
    { source: n.source },
    [],
  );
  return { i: i!, t };
}

/**
 * The call-taker logs a call. Darurat: a new incident (or the call joins `incidentId`); informasi:
 * the call only; prank/ghost: the call only, and the number is blocked when asked. All calls count.
 */
export async function logCall(tx: Tx, env: Env, actor: Actor, input: ParsedCall) {
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
  let incident: Awaited<ReturnType<typeof createIncident>> | null = null;
  if (input.incidentId) {
    incident = await findIncident(tx, input.incidentId, true);
    if (isClosed(incident.i))
      throw conflict(
        { id: 'Kejadian ini sudah ditutup.', en: 'This incident is already closed.' },
        { status: incident.i.status },
      );
    if (receivedAt < incident.i.callReceivedAt)
      await tx
        .update(daruratIncident)
        .set({ callReceivedAt: receivedAt })
        .where(eq(daruratIncident.id, incident.i.id));
  } else if (input.classification === 'darurat') {
    incident = await createIncident(tx, env, actor, {
      typeCode: input.typeCode!,
      priority: input.priority,
      lat: input.lat!,
      lng: input.lng!,
      address: input.address,
      areaCode: input.areaCode,
      description: input.description,
      victims: input.victims,
      source: 'telepon',
      reporterId: null,
      receivedAt,
    });
  }
  const [call] = await tx
    .insert(daruratCall)
    .values({
      regionId: env.regionId,
      incidentId: incident?.i.id ?? null,
      classification: input.classification,
      source: 'telepon',
      callerPhone: input.callerPhone,
      callerName: input.callerName ?? null,
      receivedAt,
      takenBy: actor?.id ?? null,
    })
    .returning({ id: daruratCall.id });
  let until: Date | null = null;
  if (input.block) {
    if (input.classification !== 'prank' && input.classification !== 'ghost')
      throw invalid(
        {
          id: 'Hanya nomor panggilan iseng atau panggilan kosong yang dapat diblokir.',
          en: 'Only prank or ghost numbers can be blocked.',
        },
        { field: 'block' },
      );
    const settings = await daruratSettingsIn(tx);
    until = new Date(Date.now() + settings.blockHours * 3_600_000);
    await tx
      .insert(daruratBlock)
      .values({
        regionId: env.regionId,
        phone: input.callerPhone,
        until,
        reason: input.classification,
        createdBy: actor?.id,
      })
      .onConflictDoUpdate({
        target: [daruratBlock.regionId, daruratBlock.phone],
        set: { until, reason: input.classification, createdBy: actor?.id ?? null, createdAt: sql`now()` },
      });
  }
  return {
    callId: call!.id,
    incident: incident ? toListItem((await findIncident(tx, incident.i.id)).i, incident.t) : null,
    blockedUntil: until?.toISOString() ?? null,
  };
}

export type Citizen = { id: string; name: string };

/**
 * The caller's phone sends its position after a panic that went out without one (or a better fix).
 * Only the incident's own caller reaches this (the route answers 404 to anyone else); a closed
 * incident is 409; outside the service area 400.
 */
export async function locateIncident(
  tx: Tx,
  regionId: string,
  citizen: Citizen,
  row: { i: typeof daruratIncident.$inferSelect; t: TypeRow },
  position: { lat: number; lng: number },
) {
  if (isClosed(row.i))
    throw conflict(
      { id: 'Kejadian ini sudah ditutup.', en: 'This incident is already closed.' },
      { status: row.i.status },
    );
  const settings = await daruratSettingsIn(tx);
  if (!insideBounds(settings, position.lat, position.lng)) throw invalidLocation();
  const wasUnknown = row.i.lat === null;
  // No area yet (a panic without location): the area of the point that just arrived.
  const area =
    row.i.kecamatan === null ? await areaAt(tx, regionId, settings.bounds, position.lat, position.lng) : {};
  await tx
    .update(daruratIncident)
    .set({ lat: position.lat, lng: position.lng, ...area, updatedAt: new Date() })
    .where(eq(daruratIncident.id, row.i.id));
  const updated = await findIncident(tx, row.i.id);
  await emitIncident(
    tx,
    regionId,
    citizen,
    updated,
    'darurat.incident.updated',
    wasUnknown
      ? {
          id: `${row.i.number}: lokasi pelapor diterima`,
          en: `${row.i.number}: the caller's location arrived`,
        }
      : {
          id: `${row.i.number}: pelapor memperbarui lokasi`,
          en: `${row.i.number}: the caller updated the location`,
        },
    { located: true },
  );
  return updated;
}

type TypeRow = typeof daruratType.$inferSelect;

/**
 * Everything the panic button checks, read in ONE round trip (the hot path: every round trip is
 * paid under load before the dispatcher's board hears of the incident): the region's settings, the
 * citizen's phone, whether it is blocked, the citizen's open panic incident, and the type.
 */
export async function panicContext(tx: Tx, citizenId: string, typeCode: string) {
  const open = sql.raw(`('baru','ditugaskan','dalam_perjalanan','di_lokasi')`);
  const result = await tx.execute(sql`select
      (select phone from app_user where id = ${citizenId}) as phone,
      (select settings from region_module where module_id = 'darurat') as settings,
      (select b.until from darurat_block b join app_user u on u.region_id = b.region_id and u.phone = b.phone
        where u.id = ${citizenId} and b.until > now()) as blocked_until,
      (select i.id from darurat_incident i where i.reporter_id = ${citizenId} and i.status in ${open}
        and i.created_at > now() - interval '30 minutes' order by i.created_at desc limit 1) as open_id,
      (select row_to_json(t) from darurat_type t where t.code = ${typeCode} and t.active) as type`);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0]!;
  const parsed = daruratSettings.safeParse(row.settings ?? {});
  const t = row.type as Record<string, unknown> | null;
  return {
    phone: (row.phone as string | null) ?? null,
    settings: parsed.success ? parsed.data : daruratSettings.parse({}),
    blockedUntil: row.blocked_until ? new Date(row.blocked_until as string) : null,
    openId: (row.open_id as string | null) ?? null,
    type: t
      ? ({
          regionId: t.region_id,
          id: t.id,
          code: t.code,
          name: t.name,
          nameEn: t.name_en,
          defaultPriority: t.default_priority,
          unitKinds: t.unit_kinds,
          police: t.police,
          active: t.active,
          sort: t.sort,
        } as TypeRow)
      : null,
  };
}
export type PanicContext = Awaited<ReturnType<typeof panicContext>>;

/**
 * The citizen's panic button. A second press while the citizen's panic incident is still open
 * (a double tap, a retry on a flaky connection) adds a call to it instead of a second incident.
 */
export async function pressPanic(tx: Tx, env: Env, citizen: Citizen, input: PanicInput, ctx: PanicContext) {
  if (ctx.blockedUntil)
    throw new AppError('FORBIDDEN', {
      messages: {
        id: 'Nomor Anda sedang diblokir dari layanan 112 karena panggilan iseng. Untuk keadaan darurat, hubungi 112 dari nomor lain.',
        en: 'Your number is blocked from 112 after prank calls. In an emergency, call 112 from another number.',
      },
      details: { blockedUntil: ctx.blockedUntil.toISOString() },
    });
  const receivedAt = new Date();
  let incident = ctx.openId
    ? await findIncident(tx, ctx.openId)
    : await createIncident(
        tx,
        env,
        citizen,
        {
          typeCode: input.typeCode,
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          description: input.note ?? null,
          source: 'panik',
          reporterId: citizen.id,
          receivedAt,
        },
        { settings: ctx.settings, type: ctx.type ?? throwUnknownType() },
      );
  await tx.insert(daruratCall).values({
    regionId: env.regionId,
    incidentId: incident.i.id,
    classification: 'darurat',
    source: 'panik',
    callerPhone: ctx.phone,
    callerName: citizen.name,
    callerUserId: citizen.id,
    receivedAt,
  });
  // A second press joined an incident still without location, and this one has it: add it.
  if (ctx.openId && incident.i.lat === null && input.lat !== undefined && input.lng !== undefined)
    incident = await locateIncident(tx, env.regionId, citizen, incident, { lat: input.lat, lng: input.lng });
  return { incident, repeated: !!ctx.openId };
}
