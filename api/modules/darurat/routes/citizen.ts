import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  citizenIncidentView,
  locationInput,
  noteInput,
  panicInput,
  typeView,
} from '../../../../shared/modules/darurat';
import type { Tx } from '../../../core/db/client';
import { storedFile } from '../../../core/db/schema';
import { invalid } from '../../../core/errors';
import { HourlyLimiter } from '../../../core/http/hourly-limiter';
import { emitIncident } from '../events';
import { locateIncident, panicContext, pressPanic } from '../intake';
import { daruratIncident, daruratNote, daruratType } from '../schema';
import { citizenDetail, findIncident, incidentNotFound } from '../views';

const tags = ['darurat'];
const idParams = z.object({ id: z.string().uuid() });

/** The citizen's own incident (a merged one answers with the incident it was merged into). */
async function ownIncident(tx: Tx, userId: string, id: string) {
  const row = await findIncident(tx, id).catch(() => null);
  if (!row || row.i.reporterId !== userId) throw incidentNotFound();
  return row.i.mergedIntoId ? findIncident(tx, row.i.mergedIntoId) : row;
}

/** Citizen routes: incident types, the panic button, the citizen's own incidents. */
export async function citizenRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limiter = new HourlyLimiter((limit) => ({
    id: `Terlalu banyak permintaan darurat (maksimal ${limit} per jam). Untuk keadaan darurat, telepon 112.`,
    en: `Too many emergency requests (at most ${limit} an hour). In an emergency, call 112.`,
  }));

  r.get(
    '/types',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Active incident types, in display order',
        response: { 200: z.array(typeView) },
      },
    },
    (req) =>
      req.inRegion((tx) =>
        tx
          .select()
          .from(daruratType)
          .where(eq(daruratType.active, true))
          .orderBy(daruratType.sort, daruratType.name),
      ),
  );

  r.post(
    '/panic',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Panic button: the type and the phone’s GPS position when it has one (without: the incident says “location unavailable” until POST /my/incidents/:id/location), with the signed-in citizen’s identity and phone (201; 200 when it joined the citizen’s incident still open)',
        body: panicInput,
        response: { 200: citizenIncidentView, 201: citizenIncidentView },
      },
    },
    async (req, reply) => {
      const user = req.actor();
      const { incident, repeated } = await req.inRegion(async (tx) => {
        const ctx = await panicContext(tx, user.id, req.body.typeCode);
        const keys: [string, number][] = [
          [`u:${req.region.id}:${user.id}`, ctx.settings.panicPerHour],
          [`ip:${req.region.id}:${req.ip}`, ctx.settings.panicPerHourPerIp],
        ];
        limiter.check(keys);
        const result = await pressPanic(
          tx,
          { regionId: req.region.id, regionCode: req.region.code },
          user,
          req.body,
          ctx,
        );
        limiter.hit(keys.map(([k]) => k));
        const { i, t } = result.incident;
        return { ...result, incident: await citizenDetail(tx, i, t, req.basePath, !result.repeated) };
      });
      return reply.code(repeated ? 200 : 201).send(incident);
    },
  );

  r.get(
    '/my/incidents',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'My panic-button incidents, newest first',
        response: { 200: z.array(citizenIncidentView) },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const rows = await tx
          .select({ id: daruratIncident.id })
          .from(daruratIncident)
          .where(eq(daruratIncident.reporterId, req.actor().id))
          .orderBy(desc(daruratIncident.createdAt))
          .limit(20);
        const out = [];
        for (const { id } of rows) {
          const { i, t } = await ownIncident(tx, req.actor().id, id);
          out.push(await citizenDetail(tx, i, t, req.basePath));
        }
        return out;
      }),
  );

  r.get(
    '/my/incidents/:id',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'One of my incidents (404 for anyone else’s)',
        params: idParams,
        response: { 200: citizenIncidentView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const { i, t } = await ownIncident(tx, req.actor().id, req.params.id);
        return citizenDetail(tx, i, t, req.basePath);
      }),
  );

  r.post(
    '/my/incidents/:id/location',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'My phone’s position for my open incident (a panic sent without location, or a better fix); 404 for anyone else’s, 409 when closed',
        params: idParams,
        body: locationInput,
        response: { 200: citizenIncidentView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const user = req.actor();
        const row = await ownIncident(tx, user.id, req.params.id);
        const { i, t } = await locateIncident(tx, req.region.id, user, row, req.body);
        return citizenDetail(tx, i, t, req.basePath);
      }),
  );

  r.post(
    '/my/incidents/:id/notes',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Add a note or a photo (uploaded first at /api/files/photos) to my open incident',
        params: idParams,
        body: noteInput,
        response: { 201: citizenIncidentView },
      },
    },
    async (req, reply) => {
      const user = req.actor();
      const view = await req.inRegion(async (tx) => {
        const row = await ownIncident(tx, user.id, req.params.id);
        if (req.body.photoId) {
          const [photo] = await tx
            .select({ id: storedFile.id })
            .from(storedFile)
            .where(and(eq(storedFile.id, req.body.photoId), eq(storedFile.ownerId, user.id)));
          if (!photo)
            throw invalid({ id: 'Foto tidak ditemukan.', en: 'Photo not found.' }, { field: 'photoId' });
        }
        await tx.insert(daruratNote).values({
          regionId: req.region.id,
          incidentId: row.i.id,
          authorId: user.id,
          authorKind: 'warga',
          text: req.body.text ?? null,
          photoId: req.body.photoId ?? null,
        });
        await emitIncident(tx, req.region.id, user, row, 'darurat.incident.noted', {
          id: `112 ${row.i.number}: pelapor menambah ${req.body.photoId ? 'foto' : 'catatan'}`,
          en: `112 ${row.i.number}: the caller added a ${req.body.photoId ? 'photo' : 'note'}`,
        });
        return citizenDetail(tx, row.i, row.t, req.basePath);
      });
      return reply.code(201).send(view);
    },
  );
}
