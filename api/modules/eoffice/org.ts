import { and, eq, sql } from 'drizzle-orm';
import type { AssignmentKind, PositionInput, PositionLevel } from '../../../shared/modules/eoffice';
import { rowsOf, type Tx } from '../../core/db/client';
import { appUser, opd, userRole } from '../../core/db/schema';
import { conflict, forbidden, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { eofficeAssignment, eofficePosition } from './schema';

/** A position the actor holds on a day, and as what (a Plt/Plh signs as such). */
export type Held = {
  positionId: string;
  kind: AssignmentKind;
  opdId: string;
  opdCode: string;
  opdName: string;
  title: string;
  level: PositionLevel;
  registersIncoming: boolean;
};

/** Who manages positions: the region admin everywhere, an OPD admin in their own OPD. */
export type ManageScope = 'all' | ReadonlySet<string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid[] bound as one parameter (drizzle spreads a JS array into a list). */
export function uuidArray(ids: readonly string[]) {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

export const assignmentOn = (day: string) =>
  sql`${eofficeAssignment.startsOn} <= ${day} and (${eofficeAssignment.endsOn} is null or ${eofficeAssignment.endsOn} >= ${day})`;

/** The positions a user holds on `day`, definitive before acting. */
export async function heldPositions(tx: Tx, userId: string, day: string): Promise<Held[]> {
  return tx
    .select({
      positionId: eofficePosition.id,
      kind: eofficeAssignment.kind,
      opdId: eofficePosition.opdId,
      opdCode: opd.code,
      opdName: opd.name,
      title: eofficePosition.title,
      level: eofficePosition.level,
      registersIncoming: eofficePosition.registersIncoming,
    })
    .from(eofficeAssignment)
    .innerJoin(
      eofficePosition,
      and(
        eq(eofficePosition.regionId, eofficeAssignment.regionId),
        eq(eofficePosition.id, eofficeAssignment.positionId),
      ),
    )
    .innerJoin(opd, and(eq(opd.regionId, eofficePosition.regionId), eq(opd.id, eofficePosition.opdId)))
    .where(and(eq(eofficeAssignment.userId, userId), assignmentOn(day), eq(eofficePosition.active, true)))
    .orderBy(eofficeAssignment.kind);
}

/** The given positions and every position under them (the chain above sees what is below it). */
export async function withDescendants(tx: Tx, positionIds: readonly string[]): Promise<string[]> {
  if (positionIds.length === 0) return [];
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      with recursive d(id) as (
        select p.id from eoffice_position p where p.id = any(${uuidArray(positionIds)})
        union
        select c.id from eoffice_position c join d on c.parent_id = d.id
      ) select id from d`),
  );
  return rows.map((r) => r.id);
}

/** The parents of a position, nearest first (its superior, theirs, … the head of the OPD). */
export async function ancestors(tx: Tx, positionId: string): Promise<{ id: string; level: PositionLevel }[]> {
  return rowsOf<{ id: string; level: PositionLevel }>(
    await tx.execute(sql`
      with recursive a(id, parent_id, level, depth) as (
        select p.id, p.parent_id, p.level, 1 from eoffice_position p
          where p.id = (select c.parent_id from eoffice_position c where c.id = ${positionId})
        union all
        select p.id, p.parent_id, p.level, a.depth + 1 from eoffice_position p join a on p.id = a.parent_id
          where a.depth < 20
      ) select a.id, a.level from a order by a.depth`),
  ).map((r) => ({ id: r.id, level: r.level }));
}

export async function findPosition(tx: Tx, id: string) {
  const [row] = await tx.select().from(eofficePosition).where(eq(eofficePosition.id, id));
  if (!row) throw notFound({ id: 'Jabatan tidak ditemukan.', en: 'Position not found.' });
  return row;
}

/** Everyone holding a position on `day` (to notify them). */
export async function holdersOf(tx: Tx, positionIds: readonly string[], day: string) {
  if (positionIds.length === 0) return [];
  return rowsOf<{ user_id: string; position_id: string }>(
    await tx.execute(sql`select a.user_id, a.position_id from eoffice_assignment a
      where a.position_id = any(${uuidArray(positionIds)})
        and a.starts_on <= ${day} and (a.ends_on is null or a.ends_on >= ${day})`),
  );
}

export async function opdByCode(tx: Tx, code: string) {
  const [row] = await tx.select().from(opd).where(eq(opd.code, code));
  if (!row) throw notFound({ id: `OPD ${code} tidak ditemukan.`, en: `No OPD ${code}.` });
  return row;
}

function mayManage(scope: ManageScope, opdId: string) {
  if (scope !== 'all' && !scope.has(opdId)) throw forbidden();
}

export async function savePosition(
  tx: Tx,
  regionId: string,
  scope: ManageScope,
  input: PositionInput,
  actor: { id: string; name: string },
  id?: string,
) {
  const unit = await opdByCode(tx, input.opdCode);
  mayManage(scope, unit.id);
  if (input.parentId) {
    const parent = await findPosition(tx, input.parentId);
    if (parent.opdId !== unit.id && input.level !== 'kepala')
      throw conflict({
        id: 'Atasan harus jabatan di OPD yang sama.',
        en: 'The superior must be a position of the same OPD.',
      });
    if (id && (await withDescendants(tx, [id])).includes(input.parentId))
      throw conflict({
        id: 'Atasan tidak boleh bawahan jabatan ini sendiri.',
        en: 'A position cannot report to one of its own subordinates.',
      });
  }
  const values = {
    opdId: unit.id,
    title: input.title,
    level: input.level,
    parentId: input.parentId,
    registersIncoming: input.registersIncoming,
    active: input.active,
  };
  let row: typeof eofficePosition.$inferSelect | undefined;
  if (id) {
    mayManage(scope, (await findPosition(tx, id)).opdId);
    [row] = await tx.update(eofficePosition).set(values).where(eq(eofficePosition.id, id)).returning();
  } else
    [row] = await tx
      .insert(eofficePosition)
      .values({ regionId, ...values })
      .returning();
  if (!row) throw notFound();
  await emitEvent(tx, regionId, {
    type: id ? 'eoffice.position.updated' : 'eoffice.position.created',
    actor,
    summary: { id: `Jabatan ${row.title} disimpan`, en: `Position ${row.title} saved` },
    data: { positionId: row.id },
  });
  return row;
}

/** Puts a staff account on a position for a period (definitif, Plt or Plh). */
export async function assign(
  tx: Tx,
  regionId: string,
  scope: ManageScope,
  input: { positionId: string; email: string; kind: AssignmentKind; startsOn: string; endsOn: string | null },
  actor: { id: string; name: string },
) {
  const position = await findPosition(tx, input.positionId);
  mayManage(scope, position.opdId);
  const [person] = await tx
    .select({ id: appUser.id, name: appUser.name })
    .from(appUser)
    .where(eq(sql`lower(${appUser.email})`, input.email.toLowerCase()));
  const [staff] = person
    ? await tx
        .select({ role: userRole.role })
        .from(userRole)
        .where(and(eq(userRole.userId, person.id), sql`${userRole.role} <> 'citizen'`))
        .limit(1)
    : [];
  if (!person || !staff)
    throw notFound({
      id: 'Akun staf dengan e-mail itu tidak ditemukan.',
      en: 'No staff account with that e-mail.',
    });
  // One definitive holder per position at a time: the earlier one's period ends the day before.
  if (input.kind === 'definitif')
    await tx.execute(sql`update eoffice_assignment set ends_on = (${input.startsOn}::date - 1)
      where position_id = ${position.id} and kind = 'definitif' and user_id <> ${person.id}
        and (ends_on is null or ends_on >= ${input.startsOn}) and starts_on < ${input.startsOn}`);
  const [row] = await tx
    .insert(eofficeAssignment)
    .values({ regionId, userId: person.id, ...input, positionId: position.id })
    .returning();
  if (!row) throw notFound();
  await emitEvent(tx, regionId, {
    type: 'eoffice.assignment.created',
    actor,
    summary: {
      id: `${person.name} menjabat ${input.kind === 'definitif' ? '' : `${input.kind.toUpperCase()} `}${position.title}`,
      en: `${person.name} holds ${input.kind === 'definitif' ? '' : `${input.kind.toUpperCase()} `}${position.title}`,
    },
    data: { positionId: position.id, assignmentId: row.id },
  });
  return { ...row, name: person.name, email: input.email };
}

/** Ends an assignment on a day (a rotation): the position's inbox stays with the position. */
export async function endAssignment(tx: Tx, scope: ManageScope, id: string, endsOn: string) {
  const [row] = await tx.select().from(eofficeAssignment).where(eq(eofficeAssignment.id, id));
  if (!row) throw notFound();
  mayManage(scope, (await findPosition(tx, row.positionId)).opdId);
  await tx.update(eofficeAssignment).set({ endsOn }).where(eq(eofficeAssignment.id, id));
}

/** Every position (of one OPD, or all) with today's holders. */
export async function listPositions(tx: Tx, day: string, opdCode?: string) {
  const rows = rowsOf<{
    id: string;
    opd_code: string;
    opd_name: string;
    title: string;
    level: PositionLevel;
    parent_id: string | null;
    registers_incoming: boolean;
    active: boolean;
    holders: { assignmentId: string; name: string; kind: AssignmentKind; endsOn: string | null }[] | null;
  }>(
    await tx.execute(sql`
      select p.id, o.code as opd_code, o.name as opd_name, p.title, p.level, p.parent_id,
        p.registers_incoming, p.active,
        (select json_agg(json_build_object('assignmentId', a.id, 'name', u.name, 'kind', a.kind, 'endsOn', a.ends_on) order by a.kind)
           from eoffice_assignment a join app_user u on u.region_id = a.region_id and u.id = a.user_id
          where a.position_id = p.id and a.starts_on <= ${day} and (a.ends_on is null or a.ends_on >= ${day})) as holders
      from eoffice_position p join opd o on o.region_id = p.region_id and o.id = p.opd_id
      where (${opdCode ?? null}::text is null or o.code = ${opdCode ?? null})
      order by o.name, array_position(array['kepala','sekretaris','kabid','kasubag','kasi','staf'], p.level), p.title`),
  );
  return rows.map((r) => ({
    id: r.id,
    opdCode: r.opd_code,
    opdName: r.opd_name,
    title: r.title,
    level: r.level,
    parentId: r.parent_id,
    registersIncoming: r.registers_incoming,
    active: r.active,
    holders: r.holders ?? [],
  }));
}

export async function listAssignments(tx: Tx, positionId: string) {
  const rows = await tx
    .select({
      id: eofficeAssignment.id,
      positionId: eofficeAssignment.positionId,
      name: appUser.name,
      email: appUser.email,
      kind: eofficeAssignment.kind,
      startsOn: eofficeAssignment.startsOn,
      endsOn: eofficeAssignment.endsOn,
    })
    .from(eofficeAssignment)
    .innerJoin(
      appUser,
      and(eq(appUser.regionId, eofficeAssignment.regionId), eq(appUser.id, eofficeAssignment.userId)),
    )
    .where(eq(eofficeAssignment.positionId, positionId))
    .orderBy(sql`${eofficeAssignment.startsOn} desc`);
  return rows;
}
