import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  staffAssignment,
  staffAssignmentView,
  typeInput,
  typeView,
} from '../../../../shared/modules/perizinan';
import { createType, listTypes, setTypeActive, updateType } from '../catalogue';
import { assign, listAssignments, unassign } from '../steps';
import { tags as baseTags } from './context';

const tags = [...baseTags, 'perizinan-admin'];
const manage = 'perizinan:manage' as const;
const codeParams = z.object({ code: z.string().regex(/^[a-z0-9-]{2,40}$/) });

/** The region admin's side: the catalogue (versioned) and who does each step. */
export async function adminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/admin/types',
    {
      config: { access: manage },
      schema: { tags, summary: 'Every permit type, inactive ones too', response: { 200: z.array(typeView) } },
    },
    (req) => req.inRegion((tx) => listTypes(tx, { includeInactive: true })),
  );
  r.post(
    '/admin/types',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Add a permit type (version 1)',
        body: typeInput,
        response: { 201: typeView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await req.inRegion((tx) => createType(tx, req.region.id, req.actor(), req.body))),
  );
  r.put(
    '/admin/types/:code',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Change a permit type: writes its next version; applications already filed keep theirs',
        params: codeParams,
        body: typeInput,
        response: { 200: typeView },
      },
    },
    (req) => req.inRegion((tx) => updateType(tx, req.region.id, req.actor(), req.params.code, req.body)),
  );
  r.post(
    '/admin/types/:code/active',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Open or close a type for new applications',
        params: codeParams,
        body: z.object({ active: z.boolean() }),
        response: { 200: typeView },
      },
    },
    (req) => req.inRegion((tx) => setTypeActive(tx, req.params.code, req.body.active)),
  );
  r.get(
    '/admin/staff',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Who does each review step, per OPD',
        response: { 200: z.array(staffAssignmentView) },
      },
    },
    (req) => req.inRegion((tx) => listAssignments(tx)),
  );
  r.post(
    '/admin/staff',
    {
      config: { access: manage },
      schema: { tags, summary: 'Assign a staff member to a step for an OPD', body: staffAssignment },
    },
    async (req, reply) => {
      await req.inRegion((tx) => assign(tx, req.region.id, req.body));
      return reply.code(204).send();
    },
  );
  r.post(
    '/admin/staff/remove',
    {
      config: { access: manage },
      schema: { tags, summary: 'Remove a step assignment', body: staffAssignment },
    },
    async (req, reply) => {
      await req.inRegion((tx) => unassign(tx, req.body));
      return reply.code(204).send();
    },
  );
}
