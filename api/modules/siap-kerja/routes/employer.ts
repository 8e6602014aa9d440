import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicantView,
  applicationMove,
  applicationStatuses,
  employerInput,
  employerView,
  vacancyClose,
  vacancyInput,
  vacancyView,
} from '../../../../shared/modules/siap-kerja';
import { moveApplication, rankedApplicants } from '../applications';
import {
  closeVacancy,
  createVacancy,
  duplicateVacancy,
  employerVacancies,
  myEmployers,
  registerEmployer,
  updateEmployer,
  updateVacancy,
} from '../employers';

const tags = ['siap-kerja-perusahaan'];
const access = 'user' as const;
const idParams = z.object({ id: z.string().uuid() });

/**
 * Employers: any signed-in account may register a company; everything after that is limited to
 * the companies (and their vacancies and applicants) the account owns — others get 404.
 */
export async function employerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/employers/mine',
    {
      config: { access },
      schema: { tags, summary: 'Companies I registered', response: { 200: z.array(employerView) } },
    },
    (req) => req.inRegion((tx) => myEmployers(tx, req.actor())),
  );
  r.post(
    '/employers',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Register a company (NIB, KBLI, address, contact); Disnaker verifies it',
        body: employerInput,
        response: { 201: employerView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await req.inRegion((tx) => registerEmployer(tx, req.region.id, req.actor(), req.body))),
  );
  r.put(
    '/employers/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change my company (a new name or NIB needs a new verification)',
        params: idParams,
        body: employerInput,
        response: { 200: employerView },
      },
    },
    (req) => req.inRegion((tx) => updateEmployer(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );
  r.get(
    '/employers/:id/vacancies',
    {
      config: { access },
      schema: {
        tags,
        summary: "My company's vacancies",
        params: idParams,
        response: { 200: z.array(vacancyView) },
      },
    },
    (req) => req.inRegion((tx) => employerVacancies(tx, req.actor(), req.params.id)),
  );
  r.post(
    '/employers/:id/vacancies',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Post a vacancy (public once Disnaker verifies it)',
        params: idParams,
        body: vacancyInput,
        response: { 201: vacancyView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await req.inRegion((tx) => createVacancy(tx, req.region.id, req.actor(), req.params.id, req.body)),
        ),
  );
  r.put(
    '/vacancies/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change my vacancy (it goes back to Disnaker for verification)',
        params: idParams,
        body: vacancyInput,
        response: { 200: vacancyView },
      },
    },
    (req) => req.inRegion((tx) => updateVacancy(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );
  r.post(
    '/vacancies/:id/duplicate',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Copy my vacancy as a new one',
        params: idParams,
        response: { 201: vacancyView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await req.inRegion((tx) => duplicateVacancy(tx, req.region.id, req.actor(), req.params.id))),
  );
  r.post(
    '/vacancies/:id/close',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Close my vacancy, or report it filled',
        params: idParams,
        body: vacancyClose,
        response: { 200: vacancyView },
      },
    },
    (req) => req.inRegion((tx) => closeVacancy(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );
  r.get(
    '/vacancies/:id/applicants',
    {
      config: { access },
      schema: {
        tags,
        summary: "My vacancy's applicants ranked by match score (no NIK, address or birth date)",
        params: idParams,
        querystring: z.object({
          status: z.enum(applicationStatuses).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: z.array(applicantView) },
      },
    },
    (req) => req.inRegion((tx) => rankedApplicants(tx, req.actor(), req.params.id, req.query)),
  );
  r.patch(
    '/applications/:id',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Move an applicant along the pipeline (dilamar → disaring → wawancara → ditawari → diterima / ditolak)',
        params: idParams,
        body: applicationMove,
        response: { 200: applicantView },
      },
    },
    (req) => req.inRegion((tx) => moveApplication(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );
}
