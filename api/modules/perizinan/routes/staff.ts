import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationView,
  checkInput,
  inboxRow,
  noteInput,
  payInput,
  reasonInput,
  reviewInput,
  reviewSteps,
} from '../../../../shared/modules/perizinan';
import type { Tx } from '../../../core/db/client';
import { applicationNotFound } from '../engine';
import {
  approve,
  changePermit,
  checkDocuments,
  confirmPayment,
  reject,
  sign,
  technicalReview,
} from '../review';
import { assignmentsOf, isAssigned } from '../steps';
import { inbox, staffMayRead, applicationView as viewOf } from '../views';
import { adapters, tags as baseTags, originOf, permitFileOf, regionOf, sendPermit } from './context';

const tags = [...baseTags, 'perizinan-staff'];
const process = 'perizinan:process' as const;
const idParams = z.object({ id: z.string().uuid() });

/** The application as a reviewer sees it; the full NIK only for the front office that checks the KTP. */
async function staffView(tx: Tx, req: FastifyRequest, id: string) {
  const userId = req.actor().id;
  if (!(await staffMayRead(tx, userId, id, req.permissions.has('perizinan:monitor'))))
    throw applicationNotFound();
  const mine = await assignmentsOf(tx, userId);
  return viewOf(tx, id, { fullNik: mine.some((m) => m.step === 'front_office') });
}

/** Staff console: inboxes per step, the application, and the decisions of each step. */
export async function staffRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/staff/me',
    {
      config: { access: process },
      schema: {
        tags,
        summary: 'The review steps I am assigned to (and for which OPDs)',
        response: { 200: z.array(z.object({ step: z.enum(reviewSteps), opdId: z.string().uuid() })) },
      },
    },
    (req) => req.inRegion((tx) => assignmentsOf(tx, req.actor().id)),
  );
  r.get(
    '/staff/inbox',
    {
      config: { access: process },
      schema: {
        tags,
        summary: 'My inbox: applications waiting on the steps I am assigned to, oldest first',
        querystring: z.object({
          step: z.enum(reviewSteps).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: z.array(inboxRow) },
      },
    },
    (req) => req.inRegion((tx) => inbox(tx, req.actor().id, req.query)),
  );
  r.get(
    '/staff/applications/:id',
    {
      config: { access: process },
      schema: {
        tags,
        summary: 'One application with documents and history',
        params: idParams,
        response: { 200: applicationView },
      },
    },
    (req) => req.inRegion((tx) => staffView(tx, req, req.params.id)),
  );
  r.get(
    '/staff/applications/:id/permit.pdf',
    {
      config: { access: process },
      schema: { tags, summary: 'The issued permit PDF', params: idParams, produces: ['application/pdf'] },
    },
    async (req, reply) => {
      const fileId = await req.inRegion(async (tx) => {
        await staffView(tx, req, req.params.id);
        return permitFileOf(tx, req.params.id);
      });
      return sendPermit(req, reply, fileId);
    },
  );

  const decide = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    act: (tx: Tx, req: FastifyRequest, body: z.infer<B>) => Promise<unknown>,
  ) =>
    r.post(
      `/staff/applications/:id/${path}`,
      {
        config: { access: process },
        schema: { tags, summary, params: idParams, body, response: { 200: applicationView } },
      },
      (req) =>
        req.inRegion(async (tx) => {
          await act(tx, req, req.body as z.infer<B>);
          return staffView(tx, req, (req.params as { id: string }).id);
        }),
    );
  const id = (req: FastifyRequest) => (req.params as { id: string }).id;

  decide(
    'check',
    'Front office: every attached document ok or to fix (any fix returns the file; all ok starts the SLA)',
    checkInput,
    (tx, req, b) => checkDocuments(tx, regionOf(req), adapters(req), req.actor(), id(req), b),
  );
  decide(
    'review',
    'Technical team: recommend (with the field survey), return items to fix, or reject',
    reviewInput,
    (tx, req, b) => technicalReview(tx, regionOf(req), adapters(req), req.actor(), id(req), b),
  );
  decide(
    'pay',
    'Cashier: the fee is paid (once only: a second confirmation is refused)',
    payInput,
    (tx, req, b) => confirmPayment(tx, req.actor(), id(req), b.receiptNumber),
  );
  decide('approve', 'Verifier: approve for signature', noteInput, (tx, req, b) =>
    approve(tx, req.actor(), id(req), b.note),
  );
  decide(
    'sign',
    'Signer: sign and issue the permit (PDF signed with the region key, QR to the public check)',
    noteInput,
    (tx, req) => sign(tx, regionOf(req), adapters(req), req.actor(), id(req), originOf(req)),
  );
  decide('reject', 'Reject with a reason (the acting step only)', reasonInput, (tx, req, b) =>
    reject(tx, req.actor(), id(req), b.reason),
  );
  for (const action of ['suspend', 'reinstate', 'revoke'] as const)
    decide(
      action,
      `Signer: ${action} an issued permit (the public check shows it at once)`,
      reasonInput,
      (tx, req, b) => changePermit(tx, req.actor(), id(req), action, b.reason),
    );

  r.get(
    '/staff/can',
    {
      config: { access: process },
      schema: {
        tags,
        summary: 'Whether I may act as a step for an OPD (for the console’s buttons)',
        querystring: z.object({ step: z.enum(reviewSteps), opdId: z.string().uuid() }),
        response: { 200: z.object({ allowed: z.boolean() }) },
      },
    },
    (req) =>
      req.inRegion(async (tx) => ({
        allowed: await isAssigned(tx, req.actor().id, req.query.step, req.query.opdId),
      })),
  );
}
