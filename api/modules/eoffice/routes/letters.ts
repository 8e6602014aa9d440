import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  disposeInput,
  draftInput,
  finishInput,
  inboxItem,
  inboxQuery,
  incomingInput,
  letterView,
  myPositionsView,
  returnInput,
  reviewActionInput,
} from '../../../../shared/modules/eoffice';
import type { Tx } from '../../../core/db/client';
import { notFound } from '../../../core/errors';
import { findFile } from '../../../core/files/upload';
import { requireVisible, type Viewer } from '../access';
import { dispose, fileLetter, finishDisposition, markRead, registerIncoming } from '../dispositions';
import { inbox, openCounts } from '../inbox';
import {
  createDraft,
  discardDraft,
  findLetter,
  initial,
  returnDraft,
  submitDraft,
  updateDraft,
} from '../letters';
import { signLetter } from '../sign';
import { letterView as viewOf } from '../views';
import { signDeps, tags, viewer } from './context';

const use = 'eoffice:use' as const;
const idParams = z.object({ id: z.string().uuid() });

/** Runs a use case as the signed-in viewer, then answers with the letter as they now see it. */
const thenView = (req: FastifyRequest, work: (tx: Tx, v: Viewer) => Promise<string>) =>
  req.inRegion(async (tx) => {
    const v = await viewer(tx, req);
    const id = await work(tx, v);
    return viewOf(tx, v, id, req.basePath);
  });

/** A position's inbox, letters from draft to signature, incoming letters and dispositions. */
export async function letterRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/me/positions',
    {
      config: { access: use },
      schema: {
        tags,
        summary: 'The positions I hold today, with how many items wait in each',
        response: { 200: myPositionsView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const v = await viewer(tx, req);
        const open = await openCounts(tx, v);
        return v.held.map((h) => ({
          id: h.positionId,
          title: h.title,
          opdCode: h.opdCode,
          opdName: h.opdName,
          level: h.level,
          kind: h.kind,
          registersIncoming: h.registersIncoming,
          open: open.get(h.positionId) ?? 0,
        }));
      }),
  );
  r.get(
    '/inbox',
    {
      config: { access: use },
      schema: {
        tags,
        summary:
          "A position's inbox: to do (review steps, letters, dispositions), done, sent or drafts; newest first",
        querystring: inboxQuery,
        response: { 200: z.object({ items: z.array(inboxItem) }) },
      },
    },
    (req) => req.inRegion(async (tx) => ({ items: await inbox(tx, await viewer(tx, req), req.query) })),
  );
  r.post(
    '/letters',
    {
      config: { access: use },
      schema: {
        tags,
        summary: 'Draft a letter (konsep) from a position I hold',
        body: draftInput,
        response: { 201: letterView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await thenView(req, async (tx, v) => (await createDraft(tx, req.region.id, v, req.body)).id)),
  );
  r.put(
    '/letters/:id',
    {
      config: { access: use },
      schema: {
        tags,
        summary: 'Edit my draft (or a returned one)',
        params: idParams,
        body: draftInput,
        response: { 200: letterView },
      },
    },
    (req) =>
      thenView(req, async (tx, v) => {
        await updateDraft(tx, req.region.id, v, req.params.id, req.body);
        return req.params.id;
      }),
  );
  r.delete(
    '/letters/:id',
    { config: { access: use }, schema: { tags, summary: 'Discard my draft', params: idParams } },
    async (req, reply) => {
      await req.inRegion(async (tx) => discardDraft(tx, await viewer(tx, req), req.params.id));
      return reply.code(204).send();
    },
  );
  r.get(
    '/letters/:id',
    {
      config: { access: use },
      schema: {
        tags,
        summary: 'A letter I may read (opening it is its read receipt)',
        params: idParams,
        response: { 200: letterView },
      },
    },
    (req) =>
      thenView(req, async (tx, v) => {
        await requireVisible(tx, v, req.params.id);
        await markRead(tx, v, req.params.id);
        return req.params.id;
      }),
  );
  r.get(
    '/letters/:id/pdf',
    {
      config: { access: use },
      schema: {
        tags,
        summary: 'The signed PDF, byte for byte as issued',
        params: idParams,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const file = await req.inRegion(async (tx) => {
        await requireVisible(tx, await viewer(tx, req), req.params.id);
        const letter = await findLetter(tx, req.params.id);
        return letter.fileId ? findFile(tx, letter.fileId) : null;
      });
      const bytes = file ? await req.server.simpul.files.get(file.storageKey) : null;
      if (!bytes) throw notFound({ id: 'Naskah belum ditandatangani.', en: 'The letter is not signed.' });
      return reply
        .type('application/pdf')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `inline; filename="naskah-${req.params.id.slice(0, 8)}.pdf"`)
        .send(bytes);
    },
  );
  const step = (
    path: string,
    summary: string,
    body: z.ZodTypeAny,
    work: (
      tx: Tx,
      v: Viewer,
      req: FastifyRequest<{ Params: { id: string }; Body: { comment?: string } }>,
    ) => Promise<unknown>,
  ) =>
    r.post(
      `/letters/:id/${path}`,
      {
        config: { access: use },
        schema: { tags, summary, params: idParams, body, response: { 200: letterView } },
      },
      (req) =>
        thenView(req, async (tx, v) => {
          await work(tx, v, req as never);
          return req.params.id;
        }),
    );
  step(
    'submit',
    'Send my draft up its review chain (a returned one as a new round)',
    z.object({}).default({}),
    (tx, v, req) => submitDraft(tx, req.region.id, v, req.params.id),
  );
  step('initial', 'Initial (paraf) the step waiting for my position', reviewActionInput, (tx, v, req) =>
    initial(tx, req.region.id, v, req.params.id, req.body.comment ?? ''),
  );
  step('return', 'Return the draft to its author with a comment', returnInput, (tx, v, req) =>
    returnDraft(tx, req.region.id, v, req.params.id, req.body.comment ?? ''),
  );
  step(
    'sign',
    'Sign: the number, the PDF with its QR, the signature and delivery, in one go',
    z.object({}).default({}),
    async (tx, v, req) => signLetter(tx, await signDeps(tx, req), v, req.params.id),
  );
  r.post(
    '/letters/:id/file',
    {
      config: { access: use },
      schema: {
        tags,
        summary: 'File a letter I received without disposing it',
        params: idParams,
        body: z.object({ positionId: z.string().uuid() }),
        response: { 200: letterView },
      },
    },
    (req) =>
      thenView(req, async (tx, v) => {
        await fileLetter(tx, v, req.params.id, req.body.positionId);
        return req.params.id;
      }),
  );
  r.post(
    '/letters/:id/dispositions',
    {
      config: { access: use },
      schema: {
        tags,
        summary: 'Dispose a letter (or forward a disposition) to positions below mine',
        params: idParams,
        body: disposeInput,
        response: { 200: letterView },
      },
    },
    (req) =>
      thenView(req, async (tx, v) => {
        await dispose(tx, req.region.id, v, req.params.id, req.body);
        return req.params.id;
      }),
  );
  r.post(
    '/dispositions/:id/finish',
    {
      config: { access: use },
      schema: {
        tags,
        summary: 'Mark a disposition to my position done, with what was done',
        params: idParams,
        body: finishInput,
        response: { 200: letterView },
      },
    },
    (req) => thenView(req, (tx, v) => finishDisposition(tx, req.region.id, v, req.params.id, req.body.note)),
  );
  r.post(
    '/incoming',
    {
      config: { access: 'eoffice:register' },
      schema: {
        tags,
        summary: 'Register an incoming letter (secretariat): agenda number, scan, to a position',
        body: incomingInput,
        response: { 201: letterView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await thenView(req, async (tx, v) => (await registerIncoming(tx, req.region.id, v, req.body)).id),
        ),
  );
}
