import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type Bbox,
  DataQueryError,
  FEATURE_LIMITS,
  featureExtent,
  type Interval,
  queryFeatures,
} from '../../core/datasets/query';
import { toAppError } from '../../core/http/errors';
import { type CatalogEnv, type Collection, collections } from './catalog';
import { catalogEnv } from './env';
import { escapeHtml, htmlPage } from './html';
import { countUsage } from './usage';

/**
 * OGC API – Features – Part 1: Core 1.0 at /ogc (per region): conformance classes core, geojson,
 * html and oas30. Every link has `rel` and `type`; unknown query parameters are a 400; `limit` is
 * clamped to 1…10 000; `bbox` is CRS84 and bounded in area; `datetime` takes instants and
 * intervals (`..` or empty for open ends); paging by `offset` with `next`/`prev` links.
 */

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const GEOJSON = 'application/geo+json';
const JSON_TYPE = 'application/json';
const HTML = 'text/html';
const OAS = 'application/vnd.oai.openapi+json;version=3.0';

class OgcError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
const bad = (message: string) => new OgcError(400, 'InvalidParameterValue', message);

type Format = 'json' | 'html';

function formatOf(req: FastifyRequest, q: Record<string, unknown>): Format {
  const f = q.f;
  if (f !== undefined) {
    if (f === 'json' || f === 'geojson') return 'json';
    if (f === 'html') return 'html';
    throw bad(`Unknown f=${String(f)}; use json or html`);
  }
  const accept = req.headers.accept ?? '';
  return /text\/html/.test(accept) && !/application\/(geo\+)?json/.test(accept) ? 'html' : 'json';
}

function checkParams(q: Record<string, unknown>, allowed: readonly string[]) {
  for (const k of Object.keys(q))
    if (!allowed.includes(k))
      throw new OgcError(
        400,
        'InvalidParameterValue',
        `Unknown query parameter "${k}"; allowed: ${allowed.join(', ')}`,
      );
  for (const [k, v] of Object.entries(q))
    if (Array.isArray(v)) throw bad(`Query parameter "${k}" is given more than once`);
}

function parseLimit(v: unknown): number {
  if (v === undefined) return FEATURE_LIMITS.defaultLimit;
  const s = String(v);
  if (!/^\d+$/.test(s)) throw bad('limit must be a positive integer');
  const n = Number(s);
  if (n < 1) throw bad('limit must be at least 1');
  return Math.min(n, FEATURE_LIMITS.maxLimit);
}

function parseOffset(v: unknown): number {
  if (v === undefined) return 0;
  const s = String(v);
  if (!/^\d+$/.test(s)) throw bad('offset must be a natural number');
  return Number(s);
}

export function parseBbox(v: unknown): Bbox | undefined {
  if (v === undefined) return undefined;
  const parts = String(v)
    .split(',')
    .map((x) => x.trim());
  if (parts.length !== 4 && parts.length !== 6) throw bad('bbox must have 4 or 6 numbers');
  const n = parts.map(Number);
  if (n.some((x, i) => !Number.isFinite(x) || parts[i] === '')) throw bad('bbox must be numbers');
  const box: Bbox = parts.length === 4 ? [n[0]!, n[1]!, n[2]!, n[3]!] : [n[0]!, n[1]!, n[3]!, n[4]!];
  return box;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/i;

export function parseDatetime(v: unknown): Interval | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  const instant = (x: string, end: boolean): Date | null => {
    if (x === '' || x === '..') return null;
    if (!RFC3339.test(x)) throw bad(`datetime "${x}" is not RFC 3339`);
    // A date alone is the whole day.
    const d = x.length === 10 ? new Date(`${x}T${end ? '23:59:59.999' : '00:00:00'}Z`) : new Date(x);
    if (Number.isNaN(d.getTime())) throw bad(`datetime "${x}" is not a valid time`);
    return d;
  };
  if (!s.includes('/')) {
    if (s === '' || s === '..') throw bad('datetime must be an instant or an interval');
    return { start: instant(s, false), end: instant(s, true) };
  }
  const [a = '', b = '', ...rest] = s.split('/');
  if (rest.length) throw bad('datetime interval has too many parts');
  const start = instant(a, false);
  const end = instant(b, true);
  if (start === null && end === null && !(a === '..' || a === '')) throw bad('bad datetime');
  if (start && end && start > end) throw bad('datetime interval ends before it starts');
  return { start, end };
}

// region-safe: keyed by `<region id>:<collection>` (Collection.key)
const extentCache = new Map<string, { at: number; value: Awaited<ReturnType<typeof featureExtent>> }>();
const EXTENT_TTL_MS = 60_000;

function base(env: CatalogEnv) {
  return `${env.origin}/ogc`;
}

async function collectionJson(req: FastifyRequest, env: CatalogEnv, c: Collection) {
  const b = base(env);
  let extent = extentCache.get(c.key);
  if (!extent || Date.now() - extent.at > EXTENT_TTL_MS) {
    const value = await req.inRegion(async (tx) => {
      const fresh = (await collections(tx, env)).find((x) => x.id === c.id)!;
      return featureExtent(tx, fresh.features);
    });
    extent = { at: Date.now(), value };
    extentCache.set(c.key, extent);
  }
  const e = extent.value;
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    itemType: 'feature',
    crs: [CRS84],
    extent: {
      spatial: { bbox: [e.bbox ?? [95, -11, 141, 6]], crs: CRS84 },
      temporal: { interval: [[e.start, e.end]], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' },
    },
    links: [
      {
        href: `${b}/collections/${c.id}?f=json`,
        rel: 'self',
        type: JSON_TYPE,
        title: 'Koleksi ini / This collection',
      },
      { href: `${b}/collections/${c.id}?f=html`, rel: 'alternate', type: HTML, title: 'HTML' },
      {
        href: `${b}/collections/${c.id}/items?f=json`,
        rel: 'items',
        type: GEOJSON,
        title: 'Fitur (GeoJSON)',
      },
      { href: `${b}/collections/${c.id}/items?f=html`, rel: 'items', type: HTML, title: 'Fitur (HTML)' },
      { href: `${env.origin}/layanan/data-peta/peta`, rel: 'describedby', type: HTML, title: 'WebGIS' },
    ],
    // Simpul extension for the WebGIS page: legend colour, kind and property labels.
    'simpul:kind': c.kind,
    'simpul:color': c.color,
    'simpul:source': c.source,
    'simpul:fields': c.fields,
  };
}

function send(reply: FastifyReply, type: string, body: unknown) {
  return reply
    .header('content-type', `${type}; charset=utf-8`)
    .header('access-control-allow-origin', '*')
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}

function linkList(links: { href: string; rel: string; type: string; title?: string }[]) {
  return `<ul>${links
    .map(
      (l) =>
        `<li><a href="${escapeHtml(l.href)}" rel="${escapeHtml(l.rel)}" type="${escapeHtml(l.type)}">${escapeHtml(l.title ?? l.rel)}</a></li>`,
    )
    .join('')}</ul>`;
}

async function findCollection(req: FastifyRequest, env: CatalogEnv, id: string): Promise<Collection> {
  const list = await req.inRegion((tx) => collections(tx, env));
  const c = list.find((x) => x.id === id);
  if (!c) throw new OgcError(404, 'NotFound', `Collection "${id}" does not exist`);
  return c;
}

export function openApiDocument(env: CatalogEnv) {
  const b = base(env);
  const f = {
    name: 'f',
    in: 'query',
    required: false,
    schema: { type: 'string', enum: ['json', 'html'] },
    style: 'form',
    explode: false,
  };
  const collectionId = { name: 'collectionId', in: 'path', required: true, schema: { type: 'string' } };
  const geojson = {
    description: 'GeoJSON',
    content: { [GEOJSON]: { schema: { type: 'object' } }, [HTML]: { schema: { type: 'string' } } },
  };
  const json = {
    description: 'JSON',
    content: { [JSON_TYPE]: { schema: { type: 'object' } }, [HTML]: { schema: { type: 'string' } } },
  };
  const errors = {
    '400': {
      description: 'Invalid or unknown query parameter',
      content: { [JSON_TYPE]: { schema: { type: 'object' } } },
    },
    '404': { description: 'Not found', content: { [JSON_TYPE]: { schema: { type: 'object' } } } },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: `OGC API – Features ${env.region.name}`,
      version: '1.0.0',
      description: 'Simpul Data & Peta',
    },
    servers: [{ url: b }],
    paths: {
      '/': { get: { operationId: 'getLandingPage', parameters: [f], responses: { '200': json, ...errors } } },
      '/conformance': {
        get: { operationId: 'getConformance', parameters: [f], responses: { '200': json, ...errors } },
      },
      '/api': {
        get: {
          operationId: 'getApi',
          responses: {
            '200': { description: 'This document', content: { [OAS]: { schema: { type: 'object' } } } },
          },
        },
      },
      '/collections': {
        get: { operationId: 'getCollections', parameters: [f], responses: { '200': json, ...errors } },
      },
      '/collections/{collectionId}': {
        get: {
          operationId: 'describeCollection',
          parameters: [collectionId, f],
          responses: { '200': json, ...errors },
        },
      },
      '/collections/{collectionId}/items': {
        get: {
          operationId: 'getFeatures',
          parameters: [
            collectionId,
            {
              name: 'limit',
              in: 'query',
              required: false,
              style: 'form',
              explode: false,
              schema: {
                type: 'integer',
                minimum: 1,
                maximum: FEATURE_LIMITS.maxLimit,
                default: FEATURE_LIMITS.defaultLimit,
              },
            },
            {
              name: 'bbox',
              in: 'query',
              required: false,
              style: 'form',
              explode: false,
              schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
            },
            {
              name: 'datetime',
              in: 'query',
              required: false,
              style: 'form',
              explode: false,
              schema: { type: 'string' },
            },
            {
              name: 'offset',
              in: 'query',
              required: false,
              style: 'form',
              explode: false,
              schema: { type: 'integer', minimum: 0 },
            },
            f,
          ],
          responses: { '200': geojson, ...errors },
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          operationId: 'getFeature',
          parameters: [
            collectionId,
            { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
            f,
          ],
          responses: { '200': geojson, ...errors },
        },
      },
    },
  };
}

/** Mounted at /ogc. */
export async function ogcRoutes(app: FastifyInstance) {
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof OgcError)
      return reply
        .code(err.status)
        .header('content-type', 'application/json')
        .send({ code: err.code, description: err.message });
    if (err instanceof DataQueryError)
      return reply
        .code(400)
        .header('content-type', 'application/json')
        .send({ code: 'InvalidParameterValue', description: err.messages.en });
    const e = toAppError(err);
    if (e.status >= 500) req.log.error({ err }, 'OGC request failed');
    return reply
      .code(e.status)
      .header('content-type', 'application/json')
      .send({ code: e.code, description: e.messages.en });
  });
  app.setNotFoundHandler((_req, reply) =>
    reply
      .code(404)
      .header('content-type', 'application/json')
      .send({ code: 'NotFound', description: 'Resource not found' }),
  );
  const cfg = { config: { access: 'public' as const } };
  // Declared for the API document; unknown parameters stay in req.query (loose) so they get a 400 here.
  const fOnly = z.looseObject({ f: z.string().max(10).optional().describe('json or html') });
  const itemsQuery = fOnly.extend({
    limit: z
      .string()
      .max(12)
      .optional()
      .describe(`1…${FEATURE_LIMITS.maxLimit} (clamped), default ${FEATURE_LIMITS.defaultLimit}`),
    bbox: z.string().max(200).optional().describe('minLon,minLat,maxLon,maxLat (CRS84)'),
    datetime: z.string().max(100).optional().describe('RFC 3339 instant or interval (a/b, ../b, a/..)'),
    offset: z.string().max(12).optional().describe('Features to skip (the `next` link sets it)'),
  });
  const schema = (summary: string, operationId: string, querystring: z.ZodType = fOnly) => ({
    tags: ['ogc'],
    summary,
    operationId,
    querystring,
  });

  app.get(
    '/',
    { ...cfg, schema: schema('OGC API – Features landing page', 'getOgcLandingPage') },
    async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      checkParams(q, ['f']);
      const fmt = formatOf(req, q);
      const env = await catalogEnv(req);
      const b = base(env);
      const body = {
        title: `Peta ${env.region.name}`,
        description: `Lapisan peta terbuka ${env.region.name} (OGC API – Features) / Open map layers of ${env.region.name}`,
        links: [
          { href: `${b}/?f=json`, rel: 'self', type: JSON_TYPE, title: 'Halaman ini / This document' },
          { href: `${b}/?f=html`, rel: 'alternate', type: HTML, title: 'HTML' },
          { href: `${b}/api`, rel: 'service-desc', type: OAS, title: 'OpenAPI 3.0' },
          { href: `${b}/api`, rel: 'service-doc', type: OAS, title: 'API' },
          { href: `${b}/conformance?f=json`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance' },
          { href: `${b}/collections?f=json`, rel: 'data', type: JSON_TYPE, title: 'Koleksi / Collections' },
        ],
      };
      if (fmt === 'html')
        return send(
          reply,
          HTML,
          htmlPage(body.title, `<p>${escapeHtml(body.description)}</p>${linkList(body.links)}`),
        );
      return send(reply, JSON_TYPE, body);
    },
  );

  app.get(
    '/conformance',
    { ...cfg, schema: schema('Conformance classes', 'getOgcConformance') },
    async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      checkParams(q, ['f']);
      const body = { conformsTo: CONFORMANCE };
      if (formatOf(req, q) === 'html')
        return send(
          reply,
          HTML,
          htmlPage('Conformance', `<ul>${CONFORMANCE.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`),
        );
      return send(reply, JSON_TYPE, body);
    },
  );

  app.get(
    '/api',
    { ...cfg, schema: schema('OpenAPI 3.0 definition of this OGC API', 'getOgcApiDefinition') },
    async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      checkParams(q, ['f']);
      return send(reply, OAS, openApiDocument(await catalogEnv(req)));
    },
  );

  app.get(
    '/collections',
    { ...cfg, schema: schema('Feature collections (map layers)', 'listOgcCollections') },
    async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      checkParams(q, ['f']);
      const fmt = formatOf(req, q);
      const env = await catalogEnv(req);
      const list = await req.inRegion((tx) => collections(tx, env));
      const cols = [];
      for (const c of list) cols.push(await collectionJson(req, env, c));
      const b = base(env);
      const body = {
        links: [
          { href: `${b}/collections?f=json`, rel: 'self', type: JSON_TYPE, title: 'Koleksi / Collections' },
          { href: `${b}/collections?f=html`, rel: 'alternate', type: HTML, title: 'HTML' },
        ],
        collections: cols,
      };
      if (fmt === 'html')
        return send(
          reply,
          HTML,
          htmlPage(
            `Koleksi ${env.region.name}`,
            `<ul>${cols.map((c) => `<li><a href="${escapeHtml(`${b}/collections/${c.id}?f=html`)}">${escapeHtml(c.title)}</a> — ${escapeHtml(c.description)}</li>`).join('')}</ul>`,
          ),
        );
      return send(reply, JSON_TYPE, body);
    },
  );

  app.get(
    '/collections/:collectionId',
    { ...cfg, schema: schema('One feature collection', 'getOgcCollection') },
    async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      checkParams(q, ['f']);
      const fmt = formatOf(req, q);
      const env = await catalogEnv(req);
      const c = await findCollection(req, env, (req.params as { collectionId: string }).collectionId);
      const body = await collectionJson(req, env, c);
      if (fmt === 'html')
        return send(
          reply,
          HTML,
          htmlPage(c.title, `<p>${escapeHtml(c.description)}</p>${linkList(body.links)}`),
        );
      return send(reply, JSON_TYPE, body);
    },
  );

  app.get(
    '/collections/:collectionId/items',
    { ...cfg, schema: schema('Features of a collection (GeoJSON)', 'listOgcFeatures', itemsQuery) },
    async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      checkParams(q, ['f', 'limit', 'bbox', 'datetime', 'offset']);
      const fmt = formatOf(req, q);
      const limit = parseLimit(q.limit);
      const offset = parseOffset(q.offset);
      const bbox = parseBbox(q.bbox);
      const datetime = parseDatetime(q.datetime);
      const env = await catalogEnv(req);
      const id = (req.params as { collectionId: string }).collectionId;
      const got = await req.inRegion(async (tx) => {
        const c = (await collections(tx, env)).find((x) => x.id === id);
        if (!c) throw new OgcError(404, 'NotFound', `Collection "${id}" does not exist`);
        return { c, ...(await queryFeatures(tx, c.features, { bbox, datetime, limit, offset })) };
      });
      countUsage(env.region, `api:${got.c.id}`);
      const b = `${base(env)}/collections/${id}/items`;
      const qs = (extra: Record<string, string | number>, f: string) => {
        const p = new URLSearchParams();
        if (q.bbox !== undefined) p.set('bbox', String(q.bbox));
        if (q.datetime !== undefined) p.set('datetime', String(q.datetime));
        p.set('limit', String(limit));
        for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
        p.set('f', f);
        return `${b}?${p}`;
      };
      const links = [
        { href: qs({ offset }, 'json'), rel: 'self', type: GEOJSON, title: 'Halaman ini / This page' },
        { href: qs({ offset }, 'html'), rel: 'alternate', type: HTML, title: 'HTML' },
        {
          href: `${base(env)}/collections/${id}?f=json`,
          rel: 'collection',
          type: JSON_TYPE,
          title: got.c.title,
        },
      ];
      const hasNext =
        got.matched === null ? got.features.length === limit : offset + got.features.length < got.matched;
      if (hasNext)
        links.push({
          href: qs({ offset: offset + limit }, 'json'),
          rel: 'next',
          type: GEOJSON,
          title: 'Berikutnya / Next',
        });
      if (offset > 0)
        links.push({
          href: qs({ offset: Math.max(0, offset - limit) }, 'json'),
          rel: 'prev',
          type: GEOJSON,
          title: 'Sebelumnya / Previous',
        });
      const body = {
        type: 'FeatureCollection',
        features: got.features,
        links,
        ...(got.matched === null ? {} : { numberMatched: got.matched }),
        numberReturned: got.features.length,
        timeStamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      };
      if (fmt === 'html') {
        const rows = got.features
          .map(
            (f) =>
              `<tr><td><a href="${escapeHtml(`${base(env)}/collections/${id}/items/${encodeURIComponent(f.id)}?f=html`)}">${escapeHtml(f.id)}</a></td>${got.c.fields
                .map((fl) => `<td>${escapeHtml(String(f.properties[fl.name] ?? ''))}</td>`)
                .join('')}</tr>`,
          )
          .join('');
        return send(
          reply,
          HTML,
          htmlPage(
            got.c.title,
            `<p>${body.numberReturned} / ${got.matched ?? '?'}</p><table><tr><th>id</th>${got.c.fields.map((f) => `<th>${escapeHtml(f.label.id)}</th>`).join('')}</tr>${rows}</table>${linkList(links)}`,
          ),
        );
      }
      return send(reply, GEOJSON, body);
    },
  );

  app.get(
    '/collections/:collectionId/items/:featureId',
    { ...cfg, schema: schema('One feature (GeoJSON)', 'getOgcFeature') },
    async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      checkParams(q, ['f']);
      const fmt = formatOf(req, q);
      const env = await catalogEnv(req);
      const { collectionId, featureId } = req.params as { collectionId: string; featureId: string };
      const got = await req.inRegion(async (tx) => {
        const c = (await collections(tx, env)).find((x) => x.id === collectionId);
        if (!c) throw new OgcError(404, 'NotFound', `Collection "${collectionId}" does not exist`);
        return { c, ...(await queryFeatures(tx, c.features, { id: featureId, limit: 1, offset: 0 })) };
      });
      const feature = got.features[0];
      if (!feature) throw new OgcError(404, 'NotFound', `Feature "${featureId}" does not exist`);
      countUsage(env.region, `api:${got.c.id}`);
      const b = `${base(env)}/collections/${collectionId}`;
      const links = [
        {
          href: `${b}/items/${encodeURIComponent(featureId)}?f=json`,
          rel: 'self',
          type: GEOJSON,
          title: 'Fitur ini / This feature',
        },
        {
          href: `${b}/items/${encodeURIComponent(featureId)}?f=html`,
          rel: 'alternate',
          type: HTML,
          title: 'HTML',
        },
        { href: `${b}?f=json`, rel: 'collection', type: JSON_TYPE, title: got.c.title },
      ];
      if (fmt === 'html')
        return send(
          reply,
          HTML,
          htmlPage(
            `${got.c.title} — ${featureId}`,
            `<table>${got.c.fields.map((f) => `<tr><th>${escapeHtml(f.label.id)}</th><td>${escapeHtml(String(feature.properties[f.name] ?? ''))}</td></tr>`).join('')}</table><pre>${escapeHtml(JSON.stringify(feature.geometry))}</pre>${linkList(links)}`,
          ),
        );
      return send(reply, GEOJSON, { ...feature, links });
    },
  );
}
