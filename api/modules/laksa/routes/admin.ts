import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../../../shared/dates';
import {
  categoryInput,
  categoryUpdateInput,
  categoryView,
  holidayInput,
  holidayView,
  routingRuleInput,
  routingRuleView,
  templateInput,
  templateView,
} from '../../../../shared/modules/laksa';
import {
  addHoliday,
  addRoutingRule,
  createCategory,
  deleteHoliday,
  deleteRoutingRule,
  deleteTemplate,
  listCategories,
  listHolidays,
  listRouting,
  listTemplates,
  saveTemplate,
  updateCategory,
} from '../admin';

const tags = ['laksa-admin'];
const access = 'laksa:manage' as const;
const idParams = z.object({ id: z.string().uuid() });

/** Region administration of LAKSA: categories, routing, holidays, templates. Mounted at /api/m/laksa/admin. */
export async function adminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/categories',
    {
      config: { access },
      schema: { tags, summary: 'All categories (also inactive)', response: { 200: z.array(categoryView) } },
    },
    (req) => req.inRegion((tx) => listCategories(tx, false)),
  );
  r.post(
    '/categories',
    {
      config: { access },
      schema: { tags, summary: 'Add a category', body: categoryInput, response: { 201: categoryView } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await req.inRegion((tx) => createCategory(tx, req.region.id, req.actor(), req.body))),
  );
  r.patch(
    '/categories/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change a category (deactivate instead of deleting)',
        params: idParams,
        body: categoryUpdateInput,
        response: { 200: categoryView },
      },
    },
    (req) => req.inRegion((tx) => updateCategory(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );

  r.get(
    '/routing',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Routing rules: category (and kecamatan) → OPD',
        response: { 200: z.array(routingRuleView) },
      },
    },
    (req) => req.inRegion((tx) => listRouting(tx)),
  );
  r.post(
    '/routing',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Add a routing rule',
        body: routingRuleInput,
        response: { 201: routingRuleView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await req.inRegion((tx) => addRoutingRule(tx, req.region.id, req.actor(), req.body))),
  );
  r.delete(
    '/routing/:id',
    { config: { access }, schema: { tags, summary: 'Remove a routing rule', params: idParams } },
    async (req, reply) => {
      await req.inRegion((tx) => deleteRoutingRule(tx, req.region.id, req.actor(), req.params.id));
      return reply.code(204).send();
    },
  );

  r.get(
    '/holidays',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Holidays of a year: national, cuti bersama and the region’s own',
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100).default(new Date().getFullYear()),
        }),
        response: { 200: z.array(holidayView) },
      },
    },
    (req) => req.inRegion((tx) => listHolidays(tx, req.query.year)),
  );
  r.post(
    '/holidays',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Add a region holiday (SLAs skip it)',
        body: holidayInput,
        response: { 201: holidayView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await req.inRegion((tx) => addHoliday(tx, req.region.id, req.actor(), req.body))),
  );
  r.delete(
    '/holidays/:date',
    {
      config: { access },
      schema: { tags, summary: 'Remove a region holiday', params: z.object({ date: isoDate }) },
    },
    async (req, reply) => {
      await req.inRegion((tx) => deleteHoliday(tx, req.region.id, req.actor(), req.params.date));
      return reply.code(204).send();
    },
  );

  r.get(
    '/templates',
    {
      config: { access },
      schema: { tags, summary: 'Reply templates', response: { 200: z.array(templateView) } },
    },
    (req) => req.inRegion((tx) => listTemplates(tx)),
  );
  r.post(
    '/templates',
    {
      config: { access },
      schema: { tags, summary: 'Add a reply template', body: templateInput, response: { 201: templateView } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await req.inRegion((tx) => saveTemplate(tx, req.region.id, req.actor(), null, req.body))),
  );
  r.patch(
    '/templates/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change a reply template',
        params: idParams,
        body: templateInput,
        response: { 200: templateView },
      },
    },
    (req) => req.inRegion((tx) => saveTemplate(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );
  r.delete(
    '/templates/:id',
    { config: { access }, schema: { tags, summary: 'Remove a reply template', params: idParams } },
    async (req, reply) => {
      await req.inRegion((tx) => deleteTemplate(tx, req.region.id, req.actor(), req.params.id));
      return reply.code(204).send();
    },
  );
}
