import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../../core/errors';
import { toAppError } from '../../../core/http/errors';
import { laksaSettingsOf } from '../settings';
import { findLiveKey, hashApiKey } from './api-keys';
import {
  type Format,
  formatOf,
  formats,
  sendCacheableDocument,
  sendDocument,
  sendErrors,
  splitExtension,
  xmlShapes,
} from './format';
import {
  discovery,
  flattenBody,
  getRequest,
  listRequests,
  listServices,
  type Open311Env,
  postRequest,
  serviceDefinition,
  tokenLookup,
} from './service';

/** POSTs per API key and region; set on the route, so it holds in every environment (tests prove it). */
export const open311PostLimit = { max: 60, timeWindow: '1 minute' } as const;

const tags = ['open311'];
const access = 'public' as const;

const jurisdiction = z
  .string()
  .max(40)
  .optional()
  .describe("The region's Kemendagri code (e.g. 36.71); optional, but when given it must be this region's");
const baseQuery = z.object({ jurisdiction_id: jurisdiction });
const fileParams = z.object({ file: z.string().max(120).describe('`<id>.json` or `<id>.xml`') });
const requestsQuery = baseQuery.extend({
  service_request_id: z
    .string()
    .max(8000)
    .optional()
    .describe('Comma-separated tickets; the other filters are then ignored'),
  service_code: z.string().max(2000).optional().describe('Comma-separated service codes'),
  start_date: z
    .string()
    .max(40)
    .optional()
    .describe('ISO 8601; without start_date and end_date: the last 90 days'),
  end_date: z.string().max(40).optional().describe('ISO 8601'),
  status: z.string().max(20).optional().describe('open, closed or open,closed'),
  page: z.coerce.number().int().min(1).max(10_000).default(1).describe('Extension: page number, from 1'),
  page_size: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .describe('Extension: requests per page (max 200)'),
});

const unknownJurisdiction = () =>
  notFound({
    id: 'jurisdiction_id tidak dikenal di server ini.',
    en: 'Unknown jurisdiction_id on this server.',
  });

function checkJurisdiction(req: FastifyRequest, given: unknown) {
  if (given !== undefined && given !== '' && given !== req.region.code) throw unknownJurisdiction();
}

function envOf(req: FastifyRequest): Open311Env {
  return {
    regionId: req.region.id,
    regionCode: req.region.code,
    regionName: req.region.name,
    timeZone: req.region.timeZone,
    origin: `${req.protocol}://${req.host}`,
    basePath: req.basePath,
  };
}

/** `<id>.<format>` of a path parameter, or a 404 in the spec's shape. */
function fileOf(file: string): [string, Format] {
  const split = splitExtension(file);
  if (!split)
    throw notFound({ id: 'Format harus .json atau .xml.', en: 'The format must be .json or .xml.' });
  return split;
}

/** The spec's error description: both languages, and which fields were wrong. */
function describe(e: AppError): string {
  const base = e.messages.id === e.messages.en ? e.messages.en : `${e.messages.id} / ${e.messages.en}`;
  const details = Array.isArray(e.details)
    ? (e.details as { path?: unknown; message?: unknown }[])
        .filter((d) => d && typeof d.message === 'string')
        .map((d) =>
          d.path
            ? `${String(d.path).replace(/^(querystring|body|params)\.?/, '')}: ${d.message}`
            : String(d.message),
        )
    : [];
  return details.length > 0 ? `${base} (${details.join('; ')})` : base;
}

const apiKeyOf = (req: FastifyRequest): string | undefined => {
  const fromBody = (req.body as Record<string, unknown> | undefined)?.api_key;
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.api_key;
  const key = typeof fromBody === 'string' ? fromBody : typeof fromQuery === 'string' ? fromQuery : undefined;
  return key?.trim() || undefined;
};

const forbiddenKey = () =>
  new AppError('FORBIDDEN', {
    messages: {
      id: 'api_key tidak ada, tidak valid atau sudah dicabut untuk daerah ini.',
      en: 'api_key missing, invalid or revoked for this jurisdiction.',
    },
  });

/**
 * Open311 GeoReport v2 for LAKSA, mounted at /open311/v2 (also under /r/<slug>). Every resource in
 * .json and .xml; errors in the spec's shape; only verified, non-rahasia reports, without reporter.
 */
export async function open311Routes(app: FastifyInstance) {
  // Open311 clients POST form-encoded bodies (JSON is accepted too).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.setErrorHandler((err, req, reply) => {
    const e = toAppError(err);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: e.code }, 'request rejected');
    return sendErrors(reply, formatOf(req), e.status, describe(e));
  });
  app.setNotFoundHandler((req, reply) =>
    sendErrors(reply, formatOf(req), 404, 'Sumber tidak ditemukan / Resource not found'),
  );
  // Public data for any client (maps, dashboards): readable cross-origin, never with credentials.
  // A browser client POSTs with its api_key in the body, so the preflight allows that too.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('access-control-allow-origin', '*');
  });
  // The spec: "an empty optional parameter is treated as if absent" (`start_date=`, `page=`).
  app.addHook('preValidation', async (req) => {
    for (const bag of [req.query, req.body] as unknown[])
      if (bag && typeof bag === 'object' && !Buffer.isBuffer(bag))
        for (const [k, v] of Object.entries(bag)) if (v === '') delete (bag as Record<string, unknown>)[k];
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.options(
    '/*',
    {
      config: { access },
      // A CORS preflight, not an operation: kept out of the API document.
      schema: { hide: true },
    },
    async (_req, reply) =>
      reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST, OPTIONS')
        .header('access-control-allow-headers', 'Content-Type, Accept, Accept-Language')
        .header('access-control-max-age', '86400')
        .send(),
  );

  // The GETs: signed out, a read replica may answer (docs/SCALING.md §3); a request or token
  // filed a second ago and not on the replica yet is looked up again on the primary (NOT_FOUND).
  for (const fmt of formats) {
    r.get(
      `/discovery.${fmt}`,
      {
        config: { access, replica: true },
        schema: { tags, summary: `Service discovery (${fmt})`, querystring: baseQuery },
      },
      async (req, reply) => {
        checkJurisdiction(req, req.query.jurisdiction_id);
        const doc = await req.readPublic((tx) => discovery(tx, envOf(req), req.region));
        return sendCacheableDocument(req, reply, fmt, doc, () => xmlShapes.discovery(doc));
      },
    );

    r.get(
      `/services.${fmt}`,
      {
        config: { access, replica: true },
        schema: { tags, summary: `Service list: active LAKSA categories (${fmt})`, querystring: baseQuery },
      },
      async (req, reply) => {
        checkJurisdiction(req, req.query.jurisdiction_id);
        const list = await req.readPublic((tx) => listServices(tx));
        return sendCacheableDocument(req, reply, fmt, list, () => xmlShapes.services(list));
      },
    );

    r.get(
      `/requests.${fmt}`,
      {
        config: { access, replica: true },
        schema: {
          tags,
          summary: `Public service requests, newest first (${fmt}); never rahasia or unverified reports`,
          querystring: requestsQuery,
        },
      },
      async (req, reply) => {
        checkJurisdiction(req, req.query.jurisdiction_id);
        const list = await req.readPublic((tx) => listRequests(tx, envOf(req), req.query));
        return sendDocument(reply, fmt, list, () => xmlShapes.requests(list));
      },
    );

    r.post(
      `/requests.${fmt}`,
      {
        config: {
          access,
          rateLimit: {
            ...open311PostLimit,
            hook: 'preValidation',
            keyGenerator: (req) => {
              const key = apiKeyOf(req);
              return `open311|${req.region?.id ?? '-'}|${key ? hashApiKey(key) : `ip:${req.ip}`}`;
            },
          },
        },
        schema: {
          tags,
          summary: `File a service request with an api_key (${fmt}); form-encoded or JSON`,
          description:
            'Fields: api_key, service_code, lat+long or address_string or address_id (Kemendagri kelurahan/kecamatan code), description, media_url, email, first_name, last_name, phone, device_id, account_id, attribute[report_type|anonim|rahasia].',
        },
      },
      async (req, reply) => {
        if (req.isMultipart())
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
            messages: {
              id: 'Kirim sebagai application/x-www-form-urlencoded atau JSON; foto lewat media_url.',
              en: 'Send application/x-www-form-urlencoded or JSON; photos as media_url.',
            },
          });
        const body = flattenBody(req.body);
        checkJurisdiction(
          req,
          body.jurisdiction_id ?? (req.query as Record<string, unknown>).jurisdiction_id,
        );
        const key = apiKeyOf(req);
        // Read outside the transaction (a cold settings cache would otherwise open a second one).
        const settings = await laksaSettingsOf(req.server.simpul.directory, req.region.id);
        const env = {
          regionId: req.region.id,
          regionCode: req.region.code,
          timeZone: req.region.timeZone,
          settings,
        };
        const result = await req.inRegion(async (tx) => {
          const found = await findLiveKey(tx, key);
          if (!found) throw forbiddenKey();
          return postRequest(tx, env, found, body);
        });
        return sendDocument(reply, fmt, result, () => xmlShapes.requests(result));
      },
    );
  }

  r.get(
    '/services/:file',
    {
      config: { access, replica: true },
      schema: {
        tags,
        summary: 'Service definition: the attributes a POST may carry (`<code>.json|xml`)',
        params: fileParams,
        querystring: baseQuery,
      },
    },
    async (req, reply) => {
      const [code, fmt] = fileOf(req.params.file);
      checkJurisdiction(req, req.query.jurisdiction_id);
      const def = await req.readPublic((tx) => serviceDefinition(tx, code));
      return sendCacheableDocument(req, reply, fmt, def, () => xmlShapes.definition(def));
    },
  );

  r.get(
    '/requests/:file',
    {
      config: { access, replica: true },
      schema: {
        tags,
        summary: 'One public service request, as a list of one (`<ticket>.json|xml`)',
        params: fileParams,
        querystring: baseQuery,
      },
    },
    async (req, reply) => {
      const [ticket, fmt] = fileOf(req.params.file);
      checkJurisdiction(req, req.query.jurisdiction_id);
      const list = await req.readPublic((tx) => getRequest(tx, envOf(req), ticket));
      return sendDocument(reply, fmt, list, () => xmlShapes.requests(list));
    },
  );

  r.get(
    '/tokens/:file',
    {
      config: { access, replica: true },
      schema: {
        tags,
        summary: 'The service_request_id for a token (`<token>.json|xml`)',
        params: fileParams,
        querystring: baseQuery,
      },
    },
    async (req, reply) => {
      const [token, fmt] = fileOf(req.params.file);
      checkJurisdiction(req, req.query.jurisdiction_id);
      const list = await req.readPublic((tx) => tokenLookup(tx, token));
      return sendDocument(reply, fmt, list, () => xmlShapes.requests(list));
    },
  );
}
