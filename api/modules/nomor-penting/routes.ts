import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { numberInput, numberUpdateInput, numberView } from '../../../shared/modules/nomor-penting';
import { createNumber, deleteNumber, listNumbers, updateNumber } from './service';

const tags = ['nomor-penting'];
const idParams = z.object({ id: z.string().uuid() });

/** Mounted at /api/m/nomor-penting. */
export async function nomorPentingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/numbers',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Important numbers, 112 first', response: { 200: z.array(numberView) } },
    },
    (req) => req.inRegion((tx) => listNumbers(tx)),
  );

  r.post(
    '/numbers',
    {
      config: { access: 'nomor-penting:manage' },
      schema: { tags, summary: 'Add a number', body: numberInput, response: { 201: numberView } },
    },
    async (req, reply) => {
      const created = await req.inRegion((tx) => createNumber(tx, req.region.id, req.actor(), req.body));
      return reply.code(201).send(created);
    },
  );

  r.patch(
    '/numbers/:id',
    {
      config: { access: 'nomor-penting:manage' },
      schema: {
        tags,
        summary: 'Change a number',
        params: idParams,
        body: numberUpdateInput,
        response: { 200: numberView },
      },
    },
    (req) => req.inRegion((tx) => updateNumber(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );

  r.delete(
    '/numbers/:id',
    {
      config: { access: 'nomor-penting:manage' },
      schema: { tags, summary: 'Remove a number', params: idParams },
    },
    async (req, reply) => {
      await req.inRegion((tx) => deleteNumber(tx, req.region.id, req.actor(), req.params.id));
      return reply.code(204).send();
    },
  );
}
