import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignmentInput,
  commodityInput,
  commodityUpdateInput,
  commodityView,
  marketInput,
  marketUpdateInput,
  marketView,
  referenceInput,
  referenceView,
} from '../../../../shared/modules/harga-pangan';
import {
  addReference,
  createCommodity,
  createMarket,
  deleteReference,
  listAssignments,
  listCommodities,
  listMarkets,
  listReferences,
  setAssignments,
  updateCommodity,
  updateMarket,
} from '../master';
import { forgetRegion } from './cache';

const tags = ['harga-pangan-admin'];
const access = 'harga-pangan:manage' as const;
const idParams = z.object({ id: z.string().uuid() });

/** Master data of the region: markets, commodities (units, alert thresholds), HET/HAP, enumerators' markets. */
export async function adminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // A changed HET, commodity or market changes the public pages at once (in this process).
  app.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'GET' && reply.statusCode < 300 && req.region) forgetRegion(req.region.id);
  });

  r.get(
    '/markets',
    { config: { access }, schema: { tags, summary: 'All markets', response: { 200: z.array(marketView) } } },
    (req) => req.inRegion((tx) => listMarkets(tx, false)),
  );
  r.post(
    '/markets',
    {
      config: { access },
      schema: { tags, summary: 'Add a market', body: marketInput, response: { 201: marketView } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await req.inRegion((tx) => createMarket(tx, req.region.id, req.actor(), req.body))),
  );
  r.patch(
    '/markets/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change a market',
        params: idParams,
        body: marketUpdateInput,
        response: { 200: marketView },
      },
    },
    (req) => req.inRegion((tx) => updateMarket(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );

  r.get(
    '/commodities',
    {
      config: { access },
      schema: { tags, summary: 'All commodities (also inactive)', response: { 200: z.array(commodityView) } },
    },
    (req) => req.inRegion((tx) => listCommodities(tx, false)),
  );
  r.post(
    '/commodities',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Add a commodity or variant',
        body: commodityInput,
        response: { 201: commodityView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await req.inRegion((tx) => createCommodity(tx, req.region.id, req.actor(), req.body))),
  );
  r.patch(
    '/commodities/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change a commodity (name, unit, alert threshold, active)',
        params: idParams,
        body: commodityUpdateInput,
        response: { 200: commodityView },
      },
    },
    (req) => req.inRegion((tx) => updateCommodity(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );

  r.get(
    '/references',
    {
      config: { access },
      schema: { tags, summary: 'HET and HAP with validity dates', response: { 200: z.array(referenceView) } },
    },
    (req) => req.inRegion((tx) => listReferences(tx)),
  );
  r.post(
    '/references',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Set a HET or HAP valid from a date',
        body: referenceInput,
        response: { 201: referenceView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await req.inRegion((tx) => addReference(tx, req.region.id, req.actor(), req.body))),
  );
  r.delete(
    '/references/:id',
    { config: { access }, schema: { tags, summary: 'Remove a reference price', params: idParams } },
    async (req, reply) => {
      await req.inRegion((tx) => deleteReference(tx, req.region.id, req.actor(), req.params.id));
      return reply.code(204).send();
    },
  );

  r.get(
    '/assignments',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Enumerators and their markets',
        response: {
          200: z.array(
            z.object({ userId: z.string().uuid(), name: z.string(), marketIds: z.array(z.string().uuid()) }),
          ),
        },
      },
    },
    (req) => req.inRegion((tx) => listAssignments(tx)),
  );
  r.put(
    '/assignments',
    {
      config: { access },
      schema: {
        tags,
        summary: "Replace an enumerator's markets",
        body: assignmentInput,
        response: { 200: z.object({ userId: z.string().uuid(), marketIds: z.array(z.string().uuid()) }) },
      },
    },
    (req) => req.inRegion((tx) => setAssignments(tx, req.region.id, req.actor(), req.body)),
  );
}
