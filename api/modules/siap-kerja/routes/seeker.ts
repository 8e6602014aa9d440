import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ak1View,
  applyInput,
  laporDiriInput,
  myApplicationView,
  seekerInput,
  seekerView,
} from '../../../../shared/modules/siap-kerja';
import { apply, myApplications, withdraw } from '../applications';
import { getMyProfile, laporDiri, myAk1, requestAk1, saveProfile } from '../seekers';
import { sendAk1Pdf } from './pdf';

const tags = ['siap-kerja-pencaker'];
const access = 'user' as const;
const idParams = z.object({ id: z.string().uuid() });

/** The job seeker's own profile, AK/1 and applications (a signed-in citizen). */
export async function seekerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/me/profile',
    {
      config: { access },
      schema: { tags, summary: 'My job-seeker profile (NIK masked)', response: { 200: seekerView } },
    },
    (req) => req.inRegion((tx) => getMyProfile(tx, req.actor())),
  );
  r.put(
    '/me/profile',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Fill in or change my job-seeker profile',
        body: seekerInput,
        response: { 200: seekerView },
      },
    },
    (req) => req.inRegion((tx) => saveProfile(tx, req.region.id, req.actor(), req.body)),
  );
  r.get(
    '/me/ak1',
    {
      config: { access },
      schema: { tags, summary: 'My latest AK/1 request or card', response: { 200: ak1View.nullable() } },
    },
    (req) => req.inRegion((tx) => myAk1(tx, req.actor())),
  );
  r.post(
    '/me/ak1',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Request an AK/1 card (409 when this NIK already holds a valid or pending one in the region)',
        response: { 201: ak1View },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await req.inRegion((tx) => requestAk1(tx, req.region.id, req.actor()))),
  );
  r.post(
    '/me/ak1/lapor',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Lapor diri: still looking (next report in 6 months) or employed',
        body: laporDiriInput,
        response: { 200: ak1View },
      },
    },
    (req) => req.inRegion((tx) => laporDiri(tx, req.region.id, req.actor(), req.body)),
  );
  r.get(
    '/me/ak1/card.pdf',
    {
      config: { access },
      schema: {
        tags,
        summary: 'My AK/1 card as a printable PDF (photo, QR to the public check page)',
        querystring: z.object({ lang: z.enum(['id', 'en']).default('id') }),
        produces: ['application/pdf'],
      },
    },
    (req, reply) => sendAk1Pdf(req, reply, { own: req.actor().id }, req.query.lang),
  );
  r.get(
    '/me/applications',
    {
      config: { access },
      schema: {
        tags,
        summary: 'My applications and their status',
        response: { 200: z.array(myApplicationView) },
      },
    },
    (req) => req.inRegion((tx) => myApplications(tx, req.actor())),
  );
  r.post(
    '/vacancies/:id/apply',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Apply with my profile (409 when the vacancy is closed or past its validity)',
        params: idParams,
        body: applyInput,
        response: { 201: myApplicationView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await req.inRegion((tx) =>
            apply(tx, req.region.id, req.actor(), req.params.id, req.body.message ?? null),
          ),
        ),
  );
  r.post(
    '/me/applications/:id/withdraw',
    { config: { access }, schema: { tags, summary: 'Withdraw one of my applications', params: idParams } },
    async (req, reply) => {
      await req.inRegion((tx) => withdraw(tx, req.region.id, req.actor(), req.params.id));
      return reply.code(204).send();
    },
  );
}
