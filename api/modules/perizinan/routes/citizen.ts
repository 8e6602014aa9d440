import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { timeZones } from '../../../../shared/indonesia';
import {
  applicationView,
  attachInput,
  draftInput,
  draftUpdate,
  lockerInput,
  lockerItemView,
  noteInput,
} from '../../../../shared/modules/perizinan';
import { opd } from '../../../core/db/schema';
import {
  attach,
  createDraft,
  myApplications,
  resubmit,
  submit,
  updateDraft,
  withdraw,
} from '../applications';
import { typeVersion } from '../catalogue';
import { applicationNotFound } from '../engine';
import { addToLocker, listLocker, removeFromLocker } from '../locker';
import { renderReceipt } from '../permit';
import { izinApplication } from '../schema';
import { applicationView as viewOf } from '../views';
import { isApplicant, originOf, permitFileOf, regionOf, sendPermit, tags } from './context';

const idParams = z.object({ id: z.string().uuid() });
const user = 'user' as const;

/** The applicant's side: the document locker, drafts, submission, revisions, receipt and permit. */
export async function citizenRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/locker',
    {
      config: { access: user },
      schema: { tags, summary: 'My document locker', response: { 200: z.array(lockerItemView) } },
    },
    (req) => req.inRegion((tx) => listLocker(tx, req.actor().id)),
  );
  r.post(
    '/locker',
    {
      config: { access: user },
      schema: {
        tags,
        summary:
          'Keep an uploaded file (POST /api/files/documents?purpose=izin-dokumen) in my locker, with its type and date',
        body: lockerInput,
        response: { 201: lockerItemView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await req.inRegion((tx) => addToLocker(tx, req.region.id, req.actor().id, req.body))),
  );
  r.delete(
    '/locker/:id',
    {
      config: { access: user },
      schema: { tags, summary: 'Remove a document from my locker (not one in use)', params: idParams },
    },
    async (req, reply) => {
      await req.inRegion((tx) => removeFromLocker(tx, req.actor().id, req.params.id));
      return reply.code(204).send();
    },
  );

  r.get(
    '/applications',
    {
      config: { access: user },
      schema: { tags, summary: 'My applications, newest first', response: { 200: z.array(applicationView) } },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const ids = await myApplications(tx, req.actor().id);
        return Promise.all(ids.map((a) => viewOf(tx, a.id, { fullNik: true })));
      }),
  );
  r.post(
    '/applications',
    {
      config: { access: user },
      schema: {
        tags,
        summary: 'Start an application (a draft of the type’s current version)',
        body: draftInput,
        response: { 201: applicationView },
      },
    },
    async (req, reply) => {
      const view = await req.inRegion(async (tx) => {
        const id = await createDraft(tx, req.region.id, req.actor(), req.body);
        return viewOf(tx, id, { fullNik: true });
      });
      return reply.code(201).send(view);
    },
  );

  r.get(
    '/applications/:id',
    {
      config: { access: user },
      schema: {
        tags,
        summary: 'One of my applications with its steps',
        params: idParams,
        response: { 200: applicationView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const view = await viewOf(tx, req.params.id, { fullNik: true });
        if (!(await isApplicant(tx, req.params.id, req.actor().id))) throw applicationNotFound();
        return view;
      }),
  );
  r.patch(
    '/applications/:id',
    {
      config: { access: user },
      schema: {
        tags,
        summary: 'Save the draft (applicant and form so far)',
        params: idParams,
        body: draftUpdate,
        response: { 200: applicationView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        await updateDraft(tx, req.actor(), req.params.id, req.body);
        return viewOf(tx, req.params.id, { fullNik: true });
      }),
  );
  r.put(
    '/applications/:id/items/:key',
    {
      config: { access: user },
      schema: {
        tags,
        summary:
          'Attach a locker document to a requirement (any in a draft; only those marked for revision once returned)',
        params: z.object({ id: z.string().uuid(), key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/) }),
        body: attachInput,
        response: { 200: applicationView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        await attach(tx, req.actor(), req.params.id, req.params.key, req.body.lockerItemId);
        return viewOf(tx, req.params.id, { fullNik: true });
      }),
  );
  for (const [path, summary] of [
    [
      'submit',
      'Submit: refused with the list of what is missing, else numbered at once (receipt at /receipt.pdf)',
    ],
    ['resubmit', 'Send a returned application back once every flagged document is replaced'],
    ['withdraw', 'Withdraw my application (before a decision)'],
  ] as const)
    r.post(
      `/applications/:id/${path}`,
      {
        config: { access: user },
        schema: {
          tags,
          summary,
          params: idParams,
          body: noteInput.optional(),
          response: { 200: applicationView },
        },
      },
      (req) =>
        req.inRegion(async (tx) => {
          const actor = req.actor();
          const note = req.body?.note ?? null;
          if (path === 'submit') await submit(tx, regionOf(req), actor, req.params.id);
          else if (path === 'resubmit') await resubmit(tx, regionOf(req), actor, req.params.id, note);
          else await withdraw(tx, actor, req.params.id, note);
          return viewOf(tx, req.params.id, { fullNik: true });
        }),
    );
  r.get(
    '/applications/:id/receipt.pdf',
    {
      config: { access: user },
      schema: {
        tags,
        summary: 'The receipt (tanda terima) of a submitted application',
        params: idParams,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const data = await req.inRegion(async (tx) => {
        if (!(await isApplicant(tx, req.params.id, req.actor().id))) throw applicationNotFound();
        const view = await viewOf(tx, req.params.id, { fullNik: true });
        if (!view.number || !view.submittedAt) throw applicationNotFound();
        const [row] = await tx
          .select({ typeId: izinApplication.typeId, version: izinApplication.typeVersion })
          .from(izinApplication)
          .where(eq(izinApplication.id, req.params.id));
        const t = await typeVersion(tx, row!.typeId, row!.version);
        const [office] = await tx.select({ name: opd.name }).from(opd).where(eq(opd.id, t.opdId));
        return { view, def: t.definition, office: office?.name ?? 'DPMPTSP' };
      });
      const pdf = await renderReceipt({
        regionName: req.region.name,
        officeName: data.office,
        number: data.view.number!,
        typeName: data.def.name.id,
        applicantName: data.view.applicant?.companyName ?? data.view.applicant?.name ?? '-',
        submittedAt: new Intl.DateTimeFormat('id-ID', {
          dateStyle: 'long',
          timeStyle: 'short',
          timeZone: timeZones[req.region.timeZone],
        }).format(new Date(data.view.submittedAt!)),
        slaDays: data.def.slaDays,
        documents: data.view.items.map((i) => ({ label: i.label.id, attached: Boolean(i.fileId) })),
        trackUrl: `${originOf(req)}/layanan/perizinan/permohonan/${req.params.id}`,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="tanda-terima-${data.view.number}.pdf"`)
        .send(pdf);
    },
  );
  r.get(
    '/applications/:id/permit.pdf',
    {
      config: { access: user },
      schema: {
        tags,
        summary: 'The signed permit PDF (exactly the bytes the public check compares)',
        params: idParams,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const fileId = await req.inRegion(async (tx) => {
        if (!(await isApplicant(tx, req.params.id, req.actor().id))) throw applicationNotFound();
        return permitFileOf(tx, req.params.id);
      });
      return sendPermit(req, reply, fileId);
    },
  );
}
