import { eq, gt, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { phoneSchema } from '../../../../shared/indonesia';
import {
  blockView,
  callInput,
  callResult,
  closeInput,
  dispatchInput,
  incidentListItem,
  incidentUpdateInput,
  incidentView,
  mergeInput,
  unitActionInput,
  unitView,
} from '../../../../shared/modules/darurat';
import { forbidden, invalid } from '../../../core/errors';
import { mayMoveUnit, mayOpenIncident, myUnitIds, seesAll } from '../access';
import {
  closeIncident,
  dispatchUnits,
  mergeIncidents,
  suggestUnits,
  unitAction,
  unitsWithAgency,
} from '../dispatch';
import { emitIncident } from '../events';
import { blockedUntil, logCall, resolveArea } from '../intake';
import { daruratBlock, daruratIncident, daruratType, daruratUnit } from '../schema';
import { daruratSettingsIn } from '../settings';
import { findIncident, incidentDetail, listIncidents } from '../views';

const tags = ['darurat'];
const idParams = z.object({ id: z.string().uuid() });

/** Call-taker, dispatcher, responder and police-liaison routes. Mounted at /api/m/darurat. */
export async function staffRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const env = (req: { region: { id: string; code: string } }) => ({
    regionId: req.region.id,
    regionCode: req.region.code,
  });
  const detail = (req: Parameters<typeof seesAll>[0], tx: Parameters<typeof incidentDetail>[0], id: string) =>
    incidentDetail(tx, id, { withCaller: seesAll(req), basePath: req.basePath });

  r.post(
    '/calls',
    {
      config: { access: 'darurat:intake' },
      schema: {
        tags,
        summary:
          'Log a call (darurat → new incident, or joins `incidentId`; prank/ghost may block the number)',
        body: callInput,
        response: { 201: callResult },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await req.inRegion((tx) => logCall(tx, env(req), req.actor(), req.body))),
  );

  r.get(
    '/blocks/:phone',
    {
      config: { access: 'darurat:intake' },
      schema: {
        tags,
        summary: 'Whether a number is blocked (the call-taker form checks as the number is typed)',
        params: z.object({ phone: phoneSchema }),
        response: { 200: z.object({ blockedUntil: z.string().nullable() }) },
      },
    },
    (req) =>
      req.inRegion(async (tx) => ({
        blockedUntil: (await blockedUntil(tx, req.params.phone))?.toISOString() ?? null,
      })),
  );

  r.get(
    '/blocks',
    {
      config: { access: 'darurat:intake' },
      schema: { tags, summary: 'Numbers blocked right now', response: { 200: z.array(blockView) } },
    },
    (req) =>
      req.inRegion(async (tx) =>
        (await tx.select().from(daruratBlock).where(gt(daruratBlock.until, sql`now()`))).map((b) => ({
          phone: b.phone,
          until: b.until.toISOString(),
          reason: b.reason,
        })),
      ),
  );

  r.get(
    '/incidents',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Incidents for the board (dispatch staff: all; police liaison: police incidents), newest first',
        querystring: z.object({
          open: z.enum(['true', 'false']).default('true'),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: z.array(incidentListItem) },
      },
    },
    (req) => {
      const police = !seesAll(req);
      if (police && !req.permissions.has('darurat:police')) throw forbidden();
      return req.inRegion((tx) =>
        listIncidents(tx, { open: req.query.open === 'true', police, limit: req.query.limit }),
      );
    },
  );

  r.get(
    '/incidents/:id',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'One incident (caller number and name for call-takers, dispatchers and the crews sent to it; not for the police liaison)',
        params: idParams,
        response: { 200: incidentView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const { withCaller } = await mayOpenIncident(req, tx, req.params.id);
        return incidentDetail(tx, req.params.id, { withCaller, basePath: req.basePath });
      }),
  );

  r.patch(
    '/incidents/:id',
    {
      config: { access: 'darurat:dispatch' },
      schema: {
        tags,
        summary: 'Correct type, priority, place, description, victims',
        params: idParams,
        body: incidentUpdateInput,
        response: { 200: incidentView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const row = await findIncident(tx, req.params.id, true);
        const { typeCode, areaCode, ...rest } = req.body;
        const set: Partial<typeof daruratIncident.$inferInsert> = { ...rest, updatedAt: new Date() };
        if (typeCode) {
          const [t] = await tx.select().from(daruratType).where(eq(daruratType.code, typeCode));
          if (!t) throw invalid({ id: 'Jenis kejadian tidak dikenal.', en: 'Unknown incident type.' });
          Object.assign(set, { typeId: t.id, police: t.police });
        }
        if (areaCode !== undefined) Object.assign(set, await resolveArea(tx, areaCode));
        await tx.update(daruratIncident).set(set).where(eq(daruratIncident.id, req.params.id));
        const updated = await findIncident(tx, req.params.id);
        await emitIncident(tx, req.region.id, req.actor(), updated, 'darurat.incident.updated', {
          id: `112 ${row.i.number} diperbarui`,
          en: `112 ${row.i.number} updated`,
        });
        return detail(req, tx, req.params.id);
      }),
  );

  r.get(
    '/incidents/:id/suggestions',
    {
      config: { access: 'darurat:dispatch' },
      schema: {
        tags,
        summary: 'Nearest available units of the type’s kinds (straight-line distance)',
        params: idParams,
        response: { 200: z.array(unitView) },
      },
    },
    (req) => req.inRegion((tx) => suggestUnits(tx, req.params.id)),
  );

  r.post(
    '/incidents/:id/dispatch',
    {
      config: { access: 'darurat:dispatch' },
      schema: {
        tags,
        summary: 'Send units (all or none; 409 with the busy units when one is no longer available)',
        params: idParams,
        body: dispatchInput,
        response: { 200: incidentView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        await dispatchUnits(tx, req.region.id, req.actor(), req.params.id, req.body.unitIds);
        return detail(req, tx, req.params.id);
      }),
  );

  r.post(
    '/incidents/:id/close',
    {
      config: { access: 'darurat:dispatch' },
      schema: {
        tags,
        summary: 'Complete (from on scene) or cancel, with a disposition',
        params: idParams,
        body: closeInput,
        response: { 200: incidentView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        await closeIncident(tx, req.region.id, req.actor(), req.params.id, req.body);
        return detail(req, tx, req.params.id);
      }),
  );

  r.post(
    '/incidents/:id/merge',
    {
      config: { access: 'darurat:dispatch' },
      schema: {
        tags,
        summary: 'Merge duplicate incidents (no unit sent yet) into this one',
        params: idParams,
        body: mergeInput,
        response: { 200: incidentView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        await mergeIncidents(tx, req.region.id, req.actor(), req.params.id, req.body.duplicateIds);
        return detail(req, tx, req.params.id);
      }),
  );

  r.get(
    '/units',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Units and their live status (dispatch staff, police liaison)',
        response: { 200: z.array(unitView) },
      },
    },
    (req) => {
      if (!seesAll(req) && !req.permissions.has('darurat:police')) throw forbidden();
      return req.inRegion((tx) => unitsWithAgency(tx));
    },
  );

  r.post(
    '/units/:id/status',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Advance a unit (its crew or a dispatcher): berangkat, tiba, kembali, siaga, nonaktif; 409 with the current status when illegal',
        params: idParams,
        body: unitActionInput,
        response: { 200: unitView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        await mayMoveUnit(req, tx, req.params.id);
        await unitAction(tx, req.region.id, req.actor(), req.params.id, req.body.action, req.body);
        const [u] = await unitsWithAgency(tx, eq(daruratUnit.id, req.params.id));
        return u!;
      }),
  );

  r.get(
    '/responder',
    {
      config: { access: 'darurat:respond' },
      schema: {
        tags,
        summary:
          'The crew’s view: my units and the incident each is on (place, notes, and the caller’s number to call back)',
        response: { 200: z.object({ units: z.array(unitView), incidents: z.array(incidentView) }) },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const ids = await myUnitIds(tx, req.actor().id);
        if (ids.length === 0) return { units: [], incidents: [] };
        const units = await unitsWithAgency(tx, inArray(daruratUnit.id, ids));
        const current = [...new Set(units.flatMap((u) => (u.incidentId ? [u.incidentId] : [])))];
        const incidents = [];
        for (const incidentId of current)
          incidents.push(await incidentDetail(tx, incidentId, { withCaller: true, basePath: req.basePath }));
        return { units, incidents };
      }),
  );

  r.get(
    '/settings/effective',
    {
      config: { access: 'darurat:intake' },
      schema: {
        tags,
        summary: 'The region’s 112 settings as applied',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    (req) => req.inRegion((tx) => daruratSettingsIn(tx)),
  );
}
