import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agencyInput,
  agencyView,
  memberInput,
  typeInput,
  typeView,
  unitInput,
  unitView,
} from '../../../../shared/modules/darurat';
import { appUser } from '../../../core/db/schema';
import { conflict, invalid, notFound } from '../../../core/errors';
import { emitEvent } from '../../../core/events/emit';
import { unitsWithAgency } from '../dispatch';
import { daruratAgency, daruratType, daruratUnit, daruratUnitMember } from '../schema';

const tags = ['darurat'];
const idParams = z.object({ id: z.string().uuid() });
const access = 'darurat:manage' as const;

/** Postgres unique violation (drizzle wraps driver errors in `cause`). */
function isUnique(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as never)
    if (e.code === '23505') return true;
  return false;
}
const duplicate = () =>
  conflict({ id: 'Kode atau nama sudah dipakai.', en: 'That code or name is already used.' });

/** The region's 112 administration: incident types, agencies, units and their crews. */
export async function adminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/types',
    {
      config: { access },
      schema: { tags, summary: 'All incident types (active or not)', response: { 200: z.array(typeView) } },
    },
    (req) => req.inRegion((tx) => tx.select().from(daruratType).orderBy(daruratType.sort, daruratType.name)),
  );

  r.post(
    '/types',
    {
      config: { access },
      schema: { tags, summary: 'Add an incident type', body: typeInput, response: { 201: typeView } },
    },
    async (req, reply) => {
      const row = await req
        .inRegion(async (tx) => {
          const [t] = await tx
            .insert(daruratType)
            .values({ regionId: req.region.id, ...req.body })
            .returning();
          await emitEvent(tx, req.region.id, {
            type: 'darurat.type.changed',
            actor: req.actor(),
            subject: t!.id,
            summary: {
              id: `Jenis kejadian 112 ditambah: ${t!.name}`,
              en: `112 incident type added: ${t!.nameEn}`,
            },
          });
          return t!;
        })
        .catch((err) => {
          throw isUnique(err) ? duplicate() : err;
        });
      return reply.code(201).send(row);
    },
  );

  r.patch(
    '/types/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change an incident type (code stays)',
        params: idParams,
        body: typeInput.omit({ code: true }).partial(),
        response: { 200: typeView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const [t] = await tx
          .update(daruratType)
          .set(req.body)
          .where(eq(daruratType.id, req.params.id))
          .returning();
        if (!t) throw notFound();
        await emitEvent(tx, req.region.id, {
          type: 'darurat.type.changed',
          actor: req.actor(),
          subject: t.id,
          summary: {
            id: `Jenis kejadian 112 diubah: ${t.name}`,
            en: `112 incident type changed: ${t.nameEn}`,
          },
        });
        return t;
      }),
  );

  r.get(
    '/agencies',
    {
      config: { access: 'core:staff.access' },
      schema: { tags, summary: 'Agencies that own units', response: { 200: z.array(agencyView) } },
    },
    (req) =>
      req.inRegion((tx) =>
        tx
          .select({ id: daruratAgency.id, name: daruratAgency.name, kind: daruratAgency.kind })
          .from(daruratAgency)
          .orderBy(daruratAgency.name),
      ),
  );

  r.post(
    '/agencies',
    {
      config: { access },
      schema: { tags, summary: 'Add an agency', body: agencyInput, response: { 201: agencyView } },
    },
    async (req, reply) => {
      const [a] = await req.inRegion((tx) =>
        tx
          .insert(daruratAgency)
          .values({ regionId: req.region.id, ...req.body })
          .returning({ id: daruratAgency.id, name: daruratAgency.name, kind: daruratAgency.kind }),
      );
      return reply.code(201).send(a!);
    },
  );

  r.post(
    '/units',
    {
      config: { access },
      schema: { tags, summary: 'Add a unit (starts tersedia)', body: unitInput, response: { 201: unitView } },
    },
    async (req, reply) => {
      const unit = await req
        .inRegion(async (tx) => {
          const [agency] = await tx
            .select()
            .from(daruratAgency)
            .where(eq(daruratAgency.id, req.body.agencyId));
          if (!agency)
            throw invalid(
              { id: 'Instansi tidak ditemukan.', en: 'Agency not found.' },
              { field: 'agencyId' },
            );
          const [u] = await tx
            .insert(daruratUnit)
            .values({ regionId: req.region.id, ...req.body })
            .returning({ id: daruratUnit.id });
          await emitEvent(tx, req.region.id, {
            type: 'darurat.unit.created',
            actor: req.actor(),
            subject: u!.id,
            summary: {
              id: `Unit 112 ditambah: ${req.body.callSign}`,
              en: `112 unit added: ${req.body.callSign}`,
            },
          });
          return (await unitsWithAgency(tx, eq(daruratUnit.id, u!.id)))[0]!;
        })
        .catch((err) => {
          throw isUnique(err) ? duplicate() : err;
        });
      return reply.code(201).send(unit);
    },
  );

  r.post(
    '/units/:id/members',
    {
      config: { access },
      schema: { tags, summary: 'Put an account on a unit’s crew', params: idParams, body: memberInput },
    },
    async (req, reply) => {
      await req.inRegion(async (tx) => {
        const [u] = await tx
          .select({ id: daruratUnit.id })
          .from(daruratUnit)
          .where(eq(daruratUnit.id, req.params.id));
        const [user] = await tx
          .select({ id: appUser.id })
          .from(appUser)
          .where(eq(appUser.id, req.body.userId));
        if (!u || !user) throw notFound();
        await tx
          .insert(daruratUnitMember)
          .values({ regionId: req.region.id, unitId: u.id, userId: user.id })
          .onConflictDoNothing();
      });
      return reply.code(204).send();
    },
  );

  r.delete(
    '/units/:id/members/:userId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Take an account off a unit’s crew',
        params: idParams.extend({ userId: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      await req.inRegion((tx) =>
        tx
          .delete(daruratUnitMember)
          .where(
            and(eq(daruratUnitMember.unitId, req.params.id), eq(daruratUnitMember.userId, req.params.userId)),
          ),
      );
      return reply.code(204).send();
    },
  );
}
