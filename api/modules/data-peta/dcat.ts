import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DatasetView } from '../../../shared/modules/data-peta';
import type { CatalogEnv } from './catalog';
import { catalogEnv } from './env';
import { searchCatalog } from './search';

/**
 * DCAT-AP catalogue of the region at /catalog.jsonld and /catalog.ttl (ckanext-dcat's endpoints and
 * mapping), paged with Hydra's PartialCollectionView, 100 datasets per page. The same graph is
 * written as JSON-LD (by hand: a flat @graph) and as Turtle (n3's Writer).
 */

export const DCAT_PAGE_SIZE = 100;

const NS = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  adms: 'http://www.w3.org/ns/adms#',
} as const;

type Value = { iri: string } | { literal: string; lang?: string; datatype?: string };
type Node = { id: string; types: string[]; props: [string, Value][] };

const FREQ: Record<string, string> = {
  continuous: 'UPDATE_CONT',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  annual: 'ANNUAL',
  irregular: 'IRREG',
};

const lit = (literal: string, lang?: string): Value => ({ literal, ...(lang ? { lang } : {}) });
const dt = (literal: string, type: string): Value => ({ literal, datatype: `${NS.xsd}${type}` });
const iri = (x: string): Value => ({ iri: x });

/** The DCAT nodes of one dataset: dcat:Dataset, its distributions, publisher and contact. */
export function datasetNodes(env: CatalogEnv, d: DatasetView): Node[] {
  const uri = `${env.origin}/dataset/${d.name}`;
  const nodes: Node[] = [];
  const ds: Node = { id: uri, types: [`${NS.dcat}Dataset`], props: [] };
  const p = (n: Node, pred: string, v: Value) => n.props.push([pred, v]);
  p(ds, `${NS.dct}identifier`, lit(d.id));
  p(ds, `${NS.dct}title`, lit(d.title, 'id'));
  p(ds, `${NS.dct}description`, lit(d.notes || d.title, 'id'));
  for (const t of d.tags) p(ds, `${NS.dcat}keyword`, lit(t, 'id'));
  p(ds, `${NS.dct}issued`, dt(d.createdAt.replace(/\.\d+$/, ''), 'dateTime'));
  p(ds, `${NS.dct}modified`, dt(d.modifiedAt.replace(/\.\d+$/, ''), 'dateTime'));
  p(ds, `${NS.dcat}landingPage`, iri(`${env.origin}/layanan/data-peta/dataset/${d.name}`));
  p(
    ds,
    `${NS.dct}accrualPeriodicity`,
    iri(`http://publications.europa.eu/resource/authority/frequency/${FREQ[d.frequency]}`),
  );
  p(ds, `${NS.dct}language`, iri('http://publications.europa.eu/resource/authority/language/IND'));
  const publisher = `${env.origin}/organization/${d.organisation.name}`;
  p(ds, `${NS.dct}publisher`, iri(publisher));
  nodes.push({
    id: publisher,
    types: [`${NS.foaf}Organization`],
    props: [[`${NS.foaf}name`, lit(d.organisation.title)]],
  });
  if (d.contactName || d.contactEmail) {
    const contact = `${uri}#contact`;
    p(ds, `${NS.dcat}contactPoint`, iri(contact));
    const c: Node = { id: contact, types: [`${NS.vcard}Organization`], props: [] };
    if (d.contactName) p(c, `${NS.vcard}fn`, lit(d.contactName));
    if (d.contactEmail) p(c, `${NS.vcard}hasEmail`, iri(`mailto:${d.contactEmail}`));
    nodes.push(c);
  }
  if (d.spatial) p(ds, `${NS.dct}spatial`, lit(d.spatial));
  if (d.temporalStart || d.temporalEnd) {
    const per = `${uri}#temporal`;
    p(ds, `${NS.dct}temporal`, iri(per));
    const t: Node = { id: per, types: [`${NS.dct}PeriodOfTime`], props: [] };
    if (d.temporalStart) p(t, `${NS.dcat}startDate`, dt(d.temporalStart, 'date'));
    if (d.temporalEnd) p(t, `${NS.dcat}endDate`, dt(d.temporalEnd, 'date'));
    nodes.push(t);
  }
  for (const r of d.resources) {
    const dist = `${uri}/resource/${r.id}`;
    p(ds, `${NS.dcat}distribution`, iri(dist));
    const n: Node = { id: dist, types: [`${NS.dcat}Distribution`], props: [] };
    p(n, `${NS.dct}title`, lit(r.name, 'id'));
    p(n, `${NS.dcat}accessURL`, iri(r.url));
    if (r.kind !== 'link') p(n, `${NS.dcat}downloadURL`, iri(r.url));
    p(n, `${NS.dct}format`, lit(r.format));
    const media = r.kind === 'table' ? 'text/csv' : r.kind === 'layer' ? 'application/geo+json' : null;
    if (media) p(n, `${NS.dcat}mediaType`, iri(`https://www.iana.org/assignments/media-types/${media}`));
    if (d.license.url) p(n, `${NS.dct}license`, iri(d.license.url));
    nodes.push(n);
  }
  if (d.license.url) p(ds, `${NS.dct}license`, iri(d.license.url));
  nodes.unshift(ds);
  return nodes;
}

type Page = { nodes: Node[]; total: number; page: number; last: number; pageUrl: (n: number) => string };

async function catalogPage(req: FastifyRequest, env: CatalogEnv, ext: string): Promise<Page> {
  const q = req.query as Record<string, unknown>;
  const raw = q.page === undefined ? '1' : String(q.page);
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw Object.assign(new Error('page'), { statusCode: 400 });
  const page = Number(raw);
  const found = await req.inRegion((tx) =>
    searchCatalog(tx, env, {
      rows: DCAT_PAGE_SIZE,
      start: (page - 1) * DCAT_PAGE_SIZE,
      sort: 'metadata_modified desc',
    }),
  );
  const last = Math.max(1, Math.ceil(found.count / DCAT_PAGE_SIZE));
  const catalogUri = `${env.origin}/catalog`;
  const pageUrl = (n: number) => `${env.origin}/catalog.${ext}?page=${n}`;
  const catalog: Node = {
    id: catalogUri,
    types: [`${NS.dcat}Catalog`],
    props: [
      [`${NS.dct}title`, lit(`Data ${env.region.name}`, 'id')],
      [
        `${NS.dct}description`,
        lit(
          `Katalog data terbuka ${env.region.name}: data OPD dan data yang diterbitkan otomatis oleh layanan Simpul.`,
          'id',
        ),
      ],
      [`${NS.dct}description`, lit(`Open data catalogue of ${env.region.name}.`, 'en')],
      [`${NS.dct}publisher`, iri(`${env.origin}/organization/${env.region.slug}`)],
      [`${NS.foaf}homepage`, iri(`${env.origin}/layanan/data-peta`)],
      [`${NS.dct}language`, iri('http://publications.europa.eu/resource/authority/language/IND')],
      [`${NS.dct}modified`, dt(new Date().toISOString().replace(/\.\d+Z$/, ''), 'dateTime')],
    ],
  };
  const nodes: Node[] = [catalog];
  const seen = new Set<string>([catalogUri]);
  nodes.push({
    id: `${env.origin}/organization/${env.region.slug}`,
    types: [`${NS.foaf}Organization`],
    props: [[`${NS.foaf}name`, lit(env.region.name)]],
  });
  seen.add(`${env.origin}/organization/${env.region.slug}`);
  for (const d of found.results) {
    catalog.props.push([`${NS.dcat}dataset`, iri(`${env.origin}/dataset/${d.name}`)]);
    for (const n of datasetNodes(env, d)) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      nodes.push(n);
    }
  }
  const view: Node = {
    id: pageUrl(page),
    types: [`${NS.hydra}PartialCollectionView`],
    props: [
      [`${NS.hydra}totalItems`, dt(String(found.count), 'integer')],
      [`${NS.hydra}itemsPerPage`, dt(String(DCAT_PAGE_SIZE), 'integer')],
      [`${NS.hydra}first`, iri(pageUrl(1))],
      [`${NS.hydra}last`, iri(pageUrl(last))],
    ],
  };
  if (page < last) view.props.push([`${NS.hydra}next`, iri(pageUrl(page + 1))]);
  if (page > 1) view.props.push([`${NS.hydra}previous`, iri(pageUrl(page - 1))]);
  nodes.push(view);
  return { nodes, total: found.count, page, last, pageUrl };
}

const CONTEXT = {
  dcat: NS.dcat,
  dct: NS.dct,
  foaf: NS.foaf,
  vcard: NS.vcard,
  hydra: NS.hydra,
  xsd: NS.xsd,
};

function compact(u: string): string {
  for (const [prefix, ns] of Object.entries(CONTEXT))
    if (u.startsWith(ns)) return `${prefix}:${u.slice(ns.length)}`;
  return u;
}

export function toJsonLd(nodes: Node[]) {
  return {
    '@context': CONTEXT,
    '@graph': nodes.map((n) => {
      const o: Record<string, unknown> = { '@id': n.id, '@type': n.types.map(compact) };
      for (const [pred, v] of n.props) {
        const key = compact(pred);
        const val =
          'iri' in v
            ? { '@id': v.iri }
            : v.lang
              ? { '@value': v.literal, '@language': v.lang }
              : v.datatype
                ? { '@value': v.literal, '@type': compact(v.datatype) }
                : v.literal;
        const prev = o[key];
        o[key] = prev === undefined ? val : Array.isArray(prev) ? [...prev, val] : [prev, val];
      }
      return o;
    }),
  };
}

export async function toTurtle(nodes: Node[]): Promise<string> {
  // n3 loads with the first Turtle answer, not at start-up (core/lazy.ts).
  const { DataFactory, Writer } = await import('n3');
  const { namedNode, literal, quad } = DataFactory;
  const writer = new Writer({ prefixes: { ...CONTEXT } });
  for (const n of nodes) {
    for (const t of n.types) writer.addQuad(quad(namedNode(n.id), namedNode(`${NS.rdf}type`), namedNode(t)));
    for (const [pred, v] of n.props)
      writer.addQuad(
        quad(
          namedNode(n.id),
          namedNode(pred),
          'iri' in v
            ? namedNode(v.iri)
            : literal(v.literal, v.lang ?? (v.datatype ? namedNode(v.datatype) : undefined)),
        ),
      );
  }
  return new Promise((resolve, reject) => writer.end((err, out) => (err ? reject(err) : resolve(out))));
}

/** schema.org Dataset JSON-LD for a dataset page (ckanext-dcat's structured_data). */
export function schemaOrgDataset(env: CatalogEnv, d: DatasetView) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': `${env.origin}/dataset/${d.name}`,
    name: d.title,
    description: d.notes || d.title,
    url: `${env.origin}/layanan/data-peta/dataset/${d.name}`,
    identifier: d.id,
    keywords: d.tags,
    license: d.license.url || undefined,
    isAccessibleForFree: true,
    inLanguage: 'id',
    dateCreated: d.createdAt,
    dateModified: d.modifiedAt,
    ...(d.temporalStart || d.temporalEnd
      ? { temporalCoverage: `${d.temporalStart ?? '..'}/${d.temporalEnd ?? '..'}` }
      : {}),
    spatialCoverage: d.spatial ?? env.region.name,
    creator: { '@type': 'GovernmentOrganization', name: d.organisation.title },
    publisher: { '@type': 'GovernmentOrganization', name: d.organisation.title },
    includedInDataCatalog: {
      '@type': 'DataCatalog',
      name: `Data ${env.region.name}`,
      url: `${env.origin}/layanan/data-peta`,
    },
    distribution: d.resources.map((r) => ({
      '@type': 'DataDownload',
      name: r.name,
      encodingFormat:
        r.kind === 'table' ? 'text/csv' : r.kind === 'layer' ? 'application/geo+json' : r.format,
      contentUrl: r.url,
      inLanguage: 'id',
    })),
  };
}

function sendPage(reply: FastifyReply, type: string, body: string) {
  return reply
    .header('content-type', `${type}; charset=utf-8`)
    .header('access-control-allow-origin', '*')
    .send(body);
}

/** Mounted at /catalog.jsonld and /catalog.ttl (each its own prefix; the route is `/`). */
export function dcatRoutes(ext: 'jsonld' | 'ttl') {
  return async (app: FastifyInstance) => {
    app.get(
      '/',
      {
        config: { access: 'public' },
        schema: {
          tags: ['dcat'],
          summary: `DCAT-AP catalogue (${ext === 'ttl' ? 'Turtle' : 'JSON-LD'}), Hydra-paged, 100 datasets a page`,
          querystring: z.object({ page: z.string().max(10).optional() }),
        },
      },
      async (req, reply) => {
        const env = await catalogEnv(req);
        const page = await catalogPage(req, env, ext);
        if (ext === 'ttl') return sendPage(reply, 'text/turtle', await toTurtle(page.nodes));
        return sendPage(reply, 'application/ld+json', JSON.stringify(toJsonLd(page.nodes)));
      },
    );
  };
}

/**
 * Mounted at /dataset: the catalogue's dataset URIs (`<region>/dataset/<name>`, CKAN's and
 * ckanext-dcat's) dereference to the portal page of the dataset.
 */
export async function datasetUriRoutes(app: FastifyInstance) {
  app.get(
    '/:name',
    {
      config: { access: 'public' },
      schema: {
        tags: ['dcat'],
        summary: "A dataset's URI in the catalogue: redirects to its portal page",
        params: z.object({ name: z.string().max(120) }),
      },
    },
    async (req, reply) => {
      const { name } = req.params as { name: string };
      return reply.redirect(`${req.basePath}/layanan/data-peta/dataset/${encodeURIComponent(name)}`, 303);
    },
  );
}
