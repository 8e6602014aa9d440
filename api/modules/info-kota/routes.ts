import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agendaInput,
  agendaQuery,
  agendaView,
  announcementInput,
  announcementQuery,
  announcementView,
  articleCategories,
  articleInput,
  articleUpdateInput,
  deskArticleDetail,
  deskArticleList,
  deskArticleView,
  deskListQuery,
  deskMeView,
  feedQuery,
  feedView,
  homeView,
  publicArticleView,
  publishInput,
  returnInput,
  SLUG,
  wallView,
} from '../../../shared/modules/info-kota';
import { opd } from '../../core/db/schema';
import { createEvent, deleteEvent, listEvents, updateEvent } from './agenda';
import {
  announcementsInForce,
  createAnnouncement,
  listDeskAnnouncements,
  updateAnnouncement,
  withdrawAnnouncement,
} from './announcements';
import {
  archiveArticle,
  createArticle,
  getDeskArticle,
  listDesk,
  publishArticle,
  returnArticle,
  submitArticle,
  updateArticle,
} from './articles';
import { deskOf, settingsIn } from './desk';
import { articleBySlug, feed, feedXml, home, siteOf, wall } from './public';

const etagOf = (text: string) => `"${createHash('sha1').update(text).digest('base64url')}"`;
/**
 * Public answers are the same for every visitor of a region: cacheable by the browser, the service
 * worker and any CDN for a minute, then revalidated by a strong ETag (a 304 costs no body) — what
 * keeps an article page light on a slow network.
 */
function sendCacheable(req: FastifyRequest, reply: FastifyReply, body: unknown, type?: string, maxAge = 60) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const etag = etagOf(text);
  reply.header('cache-control', `public, max-age=${maxAge}, stale-while-revalidate=300`).header('etag', etag);
  if (req.headers['if-none-match']?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    return reply.code(304).send();
  return reply.type(type ?? 'application/json; charset=utf-8').send(text);
}

const idParams = z.object({ id: z.string().uuid() });
const slugParams = z.object({ slug: z.string().min(3).max(120).regex(SLUG) });
const feedFormatQuery = z.object({ category: z.enum(articleCategories).optional() });

/** Everything under /api/m/info-kota. */
export async function infoKotaRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const pub = ['info-kota'];
  const deskTags = ['info-kota-desk'];
  const write = 'info-kota:write' as const;
  const publish = 'info-kota:publish' as const;

  // ---------- public (no sign-in) ----------
  // Signed out, a read replica may answer (docs/SCALING.md §3); an article published a second ago
  // and not on the replica yet is looked up again on the primary before its 404.

  r.get(
    '/public/articles',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags: pub,
        summary: 'Published news, newest first: paging, search (title, summary), category, tag',
        querystring: feedQuery,
        response: { 200: feedView },
      },
    },
    async (req, reply) =>
      sendCacheable(req, reply, await req.readPublic((tx) => feed(tx, req.query, req.basePath))),
  );

  r.get(
    '/public/articles/:slug',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags: pub,
        summary: 'One published article with Open Graph facts and schema.org NewsArticle JSON-LD',
        params: slugParams,
        response: { 200: publicArticleView },
      },
    },
    async (req, reply) =>
      sendCacheable(
        req,
        reply,
        await req.readPublic((tx) => articleBySlug(tx, req.params.slug, siteOf(req))),
      ),
  );

  for (const format of ['rss', 'atom'] as const)
    r.get(
      `/public/feed.${format}`,
      {
        config: { access: 'public', replica: true },
        schema: {
          tags: pub,
          summary:
            format === 'rss'
              ? 'RSS 2.0 feed of the newest articles (the region, or one category)'
              : 'Atom 1.0 feed of the newest articles (the region, or one category)',
          querystring: feedFormatQuery,
          produces: [format === 'rss' ? 'application/rss+xml' : 'application/atom+xml'],
        },
      },
      async (req, reply) => {
        const xml = await req.readPublic(async (tx) =>
          feedXml(tx, siteOf(req), format, req.query.category, (await settingsIn(tx)).feedSize),
        );
        return sendCacheable(
          req,
          reply,
          xml,
          `${format === 'rss' ? 'application/rss+xml' : 'application/atom+xml'}; charset=utf-8`,
          300,
        );
      },
    );

  r.get(
    '/public/announcements',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags: pub,
        summary:
          'Announcements in force now, urgent first (optionally what concerns one kecamatan/kelurahan)',
        querystring: announcementQuery,
        response: { 200: z.array(announcementView) },
      },
    },
    async (req, reply) =>
      sendCacheable(
        req,
        reply,
        await req.readPublic((tx) => announcementsInForce(tx, new Date(), req.query.area)),
        undefined,
        30,
      ),
  );

  r.get(
    '/public/agenda',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags: pub,
        summary: 'City events: upcoming (from today) or the last 90 days',
        querystring: agendaQuery,
        response: { 200: z.array(agendaView) },
      },
    },
    async (req, reply) =>
      sendCacheable(
        req,
        reply,
        await req.readPublic((tx) => listEvents(tx, req.region.timeZone, req.query.when)),
      ),
  );

  r.get(
    '/public/home',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags: pub,
        summary: 'For the citizen home: urgent announcements in force and the three newest articles',
        response: { 200: homeView },
      },
    },
    async (req, reply) =>
      sendCacheable(req, reply, await req.readPublic((tx) => home(tx, req.basePath)), undefined, 30),
  );

  r.get(
    '/live',
    {
      config: { access: 'core:live.watch' },
      schema: {
        tags: pub,
        summary: 'LIVE Room: articles published today and urgent announcements in force',
        response: { 200: wallView },
      },
    },
    (req) => req.inRegion((tx) => wall(tx, req.region.timeZone)),
  );

  // ---------- editorial desk ----------

  r.get(
    '/desk/me',
    {
      config: { access: write },
      schema: {
        tags: deskTags,
        summary: 'What the signed-in person may do at the desk (writer, editor) and for which OPD',
        response: { 200: deskMeView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const desk = await deskOf(req, tx);
        const opds = await tx.select({ id: opd.id, name: opd.name }).from(opd).orderBy(opd.name);
        return {
          writer: desk.writer,
          editor: desk.editor,
          opds: desk.editor ? opds : opds.filter((o) => desk.opdIds.includes(o.id)),
          timeZone: req.region.timeZone,
        };
      }),
  );

  r.get(
    '/desk/articles',
    {
      config: { access: write },
      schema: {
        tags: deskTags,
        summary: 'The editorial queue: articles by state (writers see their OPD’s), with counts per state',
        querystring: deskListQuery,
        response: { 200: deskArticleList },
      },
    },
    (req) => req.inRegion(async (tx) => listDesk(tx, await deskOf(req, tx), req.query)),
  );

  r.post(
    '/desk/articles',
    {
      config: { access: write },
      schema: {
        tags: deskTags,
        summary: 'Start a draft',
        body: articleInput,
        response: { 201: deskArticleView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await req.inRegion(async (tx) => createArticle(tx, req.region.id, await deskOf(req, tx), req.body)),
        ),
  );

  r.get(
    '/desk/articles/:id',
    {
      config: { access: write },
      schema: {
        tags: deskTags,
        summary: 'One article with its revision history',
        params: idParams,
        response: { 200: deskArticleDetail },
      },
    },
    (req) => req.inRegion(async (tx) => getDeskArticle(tx, await deskOf(req, tx), req.params.id)),
  );

  r.patch(
    '/desk/articles/:id',
    {
      config: { access: write },
      schema: {
        tags: deskTags,
        summary: 'Change an article (with the version it was read at; 409 when someone saved in between)',
        params: idParams,
        body: articleUpdateInput,
        response: { 200: deskArticleView },
      },
    },
    (req) =>
      req.inRegion(async (tx) =>
        updateArticle(tx, req.region.id, await deskOf(req, tx), req.params.id, req.body),
      ),
  );

  r.post(
    '/desk/articles/:id/submit',
    {
      config: { access: write },
      schema: {
        tags: deskTags,
        summary: 'Send a draft to the editors for review',
        params: idParams,
        response: { 200: deskArticleView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => submitArticle(tx, req.region.id, await deskOf(req, tx), req.params.id)),
  );

  r.post(
    '/desk/articles/:id/return',
    {
      config: { access: publish },
      schema: {
        tags: deskTags,
        summary: 'Return an article to its writer with a note',
        params: idParams,
        body: returnInput,
        response: { 200: deskArticleView },
      },
    },
    (req) =>
      req.inRegion(async (tx) =>
        returnArticle(tx, req.region.id, await deskOf(req, tx), req.params.id, req.body.note),
      ),
  );

  r.post(
    '/desk/articles/:id/publish',
    {
      config: { access: publish },
      schema: {
        tags: deskTags,
        summary:
          'Publish now, or schedule for a local time in the region’s zone (WIB/WITA/WIT); a past time publishes at once',
        params: idParams,
        body: publishInput,
        response: { 200: deskArticleView },
      },
    },
    (req) =>
      req.inRegion(async (tx) =>
        publishArticle(
          tx,
          req.region.id,
          await deskOf(req, tx),
          req.params.id,
          req.body.publishAt,
          req.region.timeZone,
        ),
      ),
  );

  r.post(
    '/desk/articles/:id/archive',
    {
      config: { access: publish },
      schema: {
        tags: deskTags,
        summary: 'Archive an article (off the public feed; its link answers 404)',
        params: idParams,
        response: { 200: deskArticleView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => archiveArticle(tx, req.region.id, await deskOf(req, tx), req.params.id)),
  );

  // Announcements: editors publish them directly (they are short and often urgent).
  r.get(
    '/desk/announcements',
    {
      config: { access: write },
      schema: {
        tags: deskTags,
        summary: 'All announcements (also past and withdrawn)',
        response: { 200: z.array(announcementView) },
      },
    },
    (req) => req.inRegion(async (tx) => listDeskAnnouncements(tx, await deskOf(req, tx))),
  );
  r.post(
    '/desk/announcements',
    {
      config: { access: publish },
      schema: {
        tags: deskTags,
        summary:
          'Publish an announcement for the region or one kecamatan/kelurahan (400 for an area outside the region); its followers are notified when it is in force',
        body: announcementInput,
        response: { 201: announcementView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await req.inRegion(async (tx) =>
            createAnnouncement(tx, req.region.id, await deskOf(req, tx), req.body, req.region.timeZone),
          ),
        ),
  );
  r.put(
    '/desk/announcements/:id',
    {
      config: { access: publish },
      schema: {
        tags: deskTags,
        summary: 'Change an announcement',
        params: idParams,
        body: announcementInput,
        response: { 200: announcementView },
      },
    },
    (req) =>
      req.inRegion(async (tx) =>
        updateAnnouncement(
          tx,
          req.region.id,
          await deskOf(req, tx),
          req.params.id,
          req.body,
          req.region.timeZone,
        ),
      ),
  );
  r.post(
    '/desk/announcements/:id/withdraw',
    {
      config: { access: publish },
      schema: {
        tags: deskTags,
        summary: 'Withdraw an announcement (no longer shown)',
        params: idParams,
        response: { 200: announcementView },
      },
    },
    (req) =>
      req.inRegion(async (tx) =>
        withdrawAnnouncement(tx, req.region.id, await deskOf(req, tx), req.params.id),
      ),
  );

  // Agenda: writers add their OPD's events; editors any.
  r.get(
    '/desk/agenda',
    {
      config: { access: write },
      schema: {
        tags: deskTags,
        summary: 'Events on the agenda (upcoming or past)',
        querystring: agendaQuery,
        response: { 200: z.array(agendaView) },
      },
    },
    (req) => req.inRegion((tx) => listEvents(tx, req.region.timeZone, req.query.when)),
  );
  r.post(
    '/desk/agenda',
    {
      config: { access: write },
      schema: { tags: deskTags, summary: 'Add an event', body: agendaInput, response: { 201: agendaView } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await req.inRegion(async (tx) =>
            createEvent(tx, req.region.id, await deskOf(req, tx), req.body, req.region.timeZone),
          ),
        ),
  );
  r.put(
    '/desk/agenda/:id',
    {
      config: { access: write },
      schema: {
        tags: deskTags,
        summary: 'Change an event',
        params: idParams,
        body: agendaInput,
        response: { 200: agendaView },
      },
    },
    (req) =>
      req.inRegion(async (tx) =>
        updateEvent(tx, req.region.id, await deskOf(req, tx), req.params.id, req.body, req.region.timeZone),
      ),
  );
  r.delete(
    '/desk/agenda/:id',
    {
      config: { access: write },
      schema: { tags: deskTags, summary: 'Remove an event', params: idParams },
    },
    async (req, reply) => {
      await req.inRegion(async (tx) => deleteEvent(tx, req.region.id, await deskOf(req, tx), req.params.id));
      return reply.code(204).send();
    },
  );
}
