import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  clerkInput,
  counterInput,
  priorityInput,
  serviceInput,
  serviceView,
  unitInput,
  unitView,
} from '../../../../shared/modules/antrian';
import { forbidden, invalid } from '../../../core/errors';
import {
  listClerks,
  listUnits,
  rotateKioskKey,
  saveCounter,
  savePriority,
  saveService,
  saveUnit,
  setClerk,
  unitByCode,
} from '../setup';
import { tags as baseTags, ctxOf, manageScope } from './context';

const tags = [...baseTags, 'antrian-admin'];
const manage = 'antrian:manage' as const;
const unitParams = z.object({ code: z.string().regex(/^[a-z0-9-]{2,40}$/) });

/** Set-up by the region admin or the unit's OPD head: units, services, counters, clerks, kiosk keys. */
export async function adminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/admin/units',
    {
      config: { access: manage },
      schema: { tags, summary: 'Units I manage (inactive ones too)', response: { 200: z.array(unitView) } },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const c = await ctxOf(tx, req);
        const scope = manageScope(req);
        const all = await listUnits(tx, { includeInactive: true, tz: c.tz, calendar: c.calendar });
        if (scope === 'all') return all;
        const mine = new Set<string>();
        for (const u of all)
          if (
            await unitByCode(tx, u.code, scope).then(
              () => true,
              () => false,
            )
          )
            mine.add(u.code);
        return all.filter((u) => mine.has(u.code));
      }),
  );
  r.put(
    '/admin/units/:code',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Create or update a unit',
        params: unitParams,
        body: unitInput,
        response: { 200: z.object({ id: z.string().uuid() }) },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        if (req.body.code !== req.params.code)
          throw invalid({ id: 'Kode unit tidak cocok.', en: 'Unit code mismatch.' });
        const row = await saveUnit(tx, req.region.id, req.actor(), req.body, manageScope(req));
        return { id: row.id };
      }),
  );
  r.put(
    '/admin/units/:code/services/:service',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Create or update a service of a unit',
        params: unitParams.extend({ service: z.string().max(40) }),
        body: serviceInput,
        response: { 200: serviceView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        if (req.body.code !== req.params.service)
          throw invalid({ id: 'Kode layanan tidak cocok.', en: 'Service code mismatch.' });
        return saveService(
          tx,
          req.region.id,
          await unitByCode(tx, req.params.code, manageScope(req)),
          req.body,
        );
      }),
  );
  r.put(
    '/admin/units/:code/counters/:number',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Add or rename a counter',
        params: unitParams.extend({ number: z.coerce.number().int().min(1).max(999) }),
        body: counterInput.omit({ number: true }),
      },
    },
    async (req, reply) => {
      await req.inRegion(async (tx) =>
        saveCounter(tx, req.region.id, await unitByCode(tx, req.params.code, manageScope(req)), {
          number: req.params.number,
          name: req.body.name,
        }),
      );
      return reply.code(204).send();
    },
  );
  r.get(
    '/admin/units/:code/clerks',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Clerks of the unit and the services each serves',
        params: unitParams,
        response: {
          200: z.array(
            z.object({
              userId: z.string().uuid(),
              name: z.string(),
              services: z.array(z.object({ code: z.string(), weight: z.number().int() })),
            }),
          ),
        },
      },
    },
    (req) =>
      req.inRegion(async (tx) => listClerks(tx, await unitByCode(tx, req.params.code, manageScope(req)))),
  );
  r.put(
    '/admin/units/:code/clerks',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Set the services a staff member serves (empty: none)',
        params: unitParams,
        body: clerkInput,
      },
    },
    async (req, reply) => {
      await req.inRegion(async (tx) =>
        setClerk(tx, req.region.id, await unitByCode(tx, req.params.code, manageScope(req)), req.body),
      );
      return reply.code(204).send();
    },
  );
  r.put(
    '/admin/priorities/:priority',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Add or change a priority group (region admins: it applies to every unit)',
        params: z.object({ priority: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/) }),
        body: priorityInput,
      },
    },
    async (req, reply) => {
      if (manageScope(req) !== 'all') throw forbidden();
      await req.inRegion((tx) => savePriority(tx, req.region.id, req.params.priority, req.body));
      return reply.code(204).send();
    },
  );
  r.post(
    '/admin/units/:code/kiosk-key',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'A new kiosk key for the unit (shown once; the old one stops working)',
        params: unitParams,
        response: { 200: z.object({ key: z.string() }) },
      },
    },
    (req) =>
      req.inRegion(async (tx) => ({
        key: await rotateKioskKey(tx, await unitByCode(tx, req.params.code, manageScope(req))),
      })),
  );
}
