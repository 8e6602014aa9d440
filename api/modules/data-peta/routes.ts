import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  datasetInput,
  datasetUpdateInput,
  datasetUsage,
  datasetView,
  layerView,
  linkInput,
  storedField,
  uploadResult,
  visibilities,
} from '../../../shared/modules/data-peta';
import { FEATURE_LIMITS, queryFeatures, queryTable } from '../../core/datasets/query';
import { AppError, notFound } from '../../core/errors';
import { csvText } from '../../core/export/csv';
import { loadExcel } from '../../core/export/excel';
import { parseSheet } from '../../core/files/sheets/parse';
import { OPEN_DATA_LICENCE, openDataLinks } from '../../core/open-data/licence';
import { type CatalogEnv, collections, datasetOfResource, findDataset, tableOf } from './catalog';
import { schemaOrgDataset } from './dcat';
import { catalogEnv } from './env';
import { SearchQueryError, searchCatalog } from './search';
import {
  addLayer,
  addLink,
  addTable,
  createDataset,
  deleteDataset,
  deleteResource,
  listStaffDatasets,
  setVisibility,
  staffDataset,
  updateDataset,
  usagePerDataset,
} from './staff';
import { featuresFromGeoJson, tableFromSheet } from './upload';
import { countUsage, flushUsage } from './usage';

const tags = ['data-peta'];
const staffTags = ['data-peta-staff'];
const manage = 'data-peta:manage' as const;
const MAX_UPLOAD = 20 * 1024 * 1024;
const DOWNLOAD_ROWS = 100_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const facetItem = z.object({ name: z.string(), display_name: z.string(), count: z.number().int() });
const searchView = z.object({
  count: z.number().int(),
  results: z.array(datasetView),
  facets: z.record(z.string(), z.object({ title: z.string(), items: z.array(facetItem) })),
});
const tableView = z.object({
  fields: z.array(storedField),
  records: z.array(z.record(z.string(), z.unknown())),
  total: z.number().int(),
});

async function tableRows(
  req: FastifyRequest,
  env: CatalogEnv,
  resourceId: string,
  all: boolean,
  limit: number,
) {
  return req.inRegion(async (tx) => {
    const t = await tableOf(tx, env, resourceId, { all });
    if (!t) return null;
    const got = await queryTable(tx, t.source, {
      limit,
      offset: 0,
      includeTotal: true,
      maxRows: DOWNLOAD_ROWS,
    });
    return { t, got };
  });
}

const noResource = () => notFound({ id: 'Sumber data tidak ditemukan.', en: 'Resource not found.' });

/** Mounted at /api/m/data-peta: the portal's JSON, downloads, the WebGIS layer list and the staff console. */
export async function dataPetaRoutes(app: FastifyInstance) {
  app.addContentTypeParser(
    ['text/csv', 'text/plain', XLSX, 'application/octet-stream', 'application/geo+json'],
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD },
    (_req, body, done) => done(null, body),
  );
  // Usage counts gathered in memory (usage.ts) reach usage_daily every 5 seconds and on shutdown.
  const timer = setInterval(() => void flushUsage(app.simpul.database), 5000);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flushUsage(app.simpul.database);
  });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/datasets',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Search the public catalogue (words, tags, organisation, group, format) with facets',
        querystring: z.object({
          q: z.string().max(200).default(''),
          tags: z.string().max(100).optional(),
          organization: z.string().max(100).optional(),
          groups: z.string().max(100).optional(),
          res_format: z.string().max(20).optional(),
          sort: z
            .enum(['metadata_modified desc', 'title_string asc', 'name asc'])
            .default('metadata_modified desc'),
          start: z.coerce.number().int().min(0).max(100_000).default(0),
          rows: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: searchView },
      },
    },
    async (req) => {
      const env = await catalogEnv(req);
      const quote = (v: string) => `"${v.replace(/"/g, '')}"`;
      const fq = (['tags', 'organization', 'groups', 'res_format'] as const)
        .filter((k) => req.query[k])
        .map((k) => `${k}:${quote(req.query[k]!)}`)
        .join(' ');
      // Words only: a citizen's search box never speaks Solr.
      const q = req.query.q.replace(/[":]/g, ' ');
      const found = await req
        .inRegion((tx) =>
          searchCatalog(tx, env, {
            q,
            fq,
            sort: req.query.sort,
            rows: req.query.rows,
            start: req.query.start,
            facetFields: ['organization', 'groups', 'tags', 'res_format'],
          }),
        )
        .catch((err) => {
          if (err instanceof SearchQueryError)
            throw new AppError('VALIDATION_FAILED', { messages: { id: err.message, en: err.message } });
          throw err;
        });
      return { count: found.count, results: found.results, facets: found.search_facets };
    },
  );

  r.get(
    '/datasets/:name',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One public dataset with its schema.org Dataset JSON-LD (counts a view)',
        params: z.object({ name: z.string().max(120) }),
        response: { 200: z.object({ dataset: datasetView, jsonLd: z.record(z.string(), z.unknown()) }) },
      },
    },
    async (req) => {
      const env = await catalogEnv(req);
      const found = await req.inRegion((tx) => findDataset(tx, env, req.params.name));
      if (!found) throw notFound({ id: 'Dataset tidak ditemukan.', en: 'Dataset not found.' });
      countUsage(env.region, `view:${found.view.name}`);
      return { dataset: found.view, jsonLd: schemaOrgDataset(env, found.view) };
    },
  );

  r.get(
    '/resources/:id/preview',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The first rows of a public table (portal preview and chart)',
        params: z.object({ id: z.string().max(60) }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: tableView },
      },
    },
    async (req) => {
      const env = await catalogEnv(req);
      const got = await tableRows(req, env, req.params.id, false, req.query.limit);
      if (!got) throw noResource();
      return { fields: got.t.fields, records: got.got.records, total: got.got.total ?? 0 };
    },
  );

  r.get(
    '/resources/:file',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Download a public table (`<id>.csv`, `.json`, `.xlsx`) or layer (`<id>.geojson`); counts a download',
        params: z.object({ file: z.string().max(80) }),
        produces: ['text/csv', 'application/json', XLSX, 'application/geo+json'],
      },
    },
    (req, reply) => download(req, reply, req.params.file),
  );
  // The address CKAN's resource `url` gives (…/resources/<id>/data.csv).
  r.get(
    '/resources/:id/:file',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'downloadDataPetaResourceData',
        summary: 'Download a public table or layer as data.csv, data.json, data.xlsx or data.geojson',
        params: z.object({
          id: z.string().max(60),
          file: z.enum(['data.csv', 'data.json', 'data.xlsx', 'data.geojson']),
        }),
        produces: ['text/csv', 'application/json', XLSX, 'application/geo+json'],
      },
    },
    (req, reply) => download(req, reply, `${req.params.id}.${req.params.file.split('.')[1]}`),
  );

  async function download(req: FastifyRequest, reply: FastifyReply, file: string) {
    const m = /^([0-9a-f-]{36})\.(csv|json|xlsx|geojson)$/i.exec(file);
    if (!m) throw noResource();
    const [, id, ext] = m as unknown as [string, string, string];
    const env = await catalogEnv(req);
    const meta = `${env.origin}/api/3/action/resource_show?id=${id}`;
    if (ext === 'geojson') {
      const got = await req.inRegion(async (tx) => {
        const datasetName = await datasetOfResource(tx, env, id);
        if (!datasetName) return null;
        const ds = await findDataset(tx, env, datasetName);
        const res = ds?.view.resources.find((x) => x.id === id);
        if (!ds || !res?.collectionId) return null;
        const c = (await collections(tx, env)).find((x) => x.id === res.collectionId);
        if (!c) return null;
        return {
          name: ds.view.name,
          ...(await queryFeatures(tx, c.features, { limit: FEATURE_LIMITS.maxLimit, offset: 0 })),
        };
      });
      if (!got) throw noResource();
      countUsage(env.region, `download:${got.name}`);
      openDataLinks(reply, meta);
      return reply
        .type('application/geo+json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${got.name}.geojson"`)
        .send(JSON.stringify({ type: 'FeatureCollection', features: got.features }));
    }
    const got = await tableRows(req, env, id, false, DOWNLOAD_ROWS);
    if (!got) throw noResource();
    countUsage(env.region, `download:${got.t.datasetName}`);
    openDataLinks(reply, meta);
    const names = got.t.fields.map((f) => f.name);
    const rows = got.got.records.map((rec) => names.map((n) => rec[n] ?? null));
    const fileName = `${got.t.datasetName}.${ext}`;
    reply.header('content-disposition', `attachment; filename="${fileName}"`);
    if (ext === 'csv')
      return reply
        .type('text/csv; charset=utf-8')
        .send(csvText(rows, { header: true, columns: names, timeZone: req.region.timeZone }));
    if (ext === 'xlsx') {
      const ExcelJS = await loadExcel();
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('Data', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = got.t.fields.map((f) => ({
        header: f.label.id,
        key: f.name,
        width: Math.max(12, f.label.id.length + 2),
      }));
      sheet.getRow(1).font = { bold: true };
      for (const row of rows)
        sheet.addRow(row.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v)));
      return reply.type(XLSX).send(Buffer.from(await wb.xlsx.writeBuffer()));
    }
    return reply.type('application/json; charset=utf-8').send({
      licence: OPEN_DATA_LICENCE,
      fields: got.t.fields,
      records: got.got.records,
    });
  }

  r.get(
    '/layers',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Map layers of the region for the WebGIS page (OGC collections with legend colours)',
        response: { 200: z.array(layerView) },
      },
    },
    async (req) => {
      const env = await catalogEnv(req);
      const list = await req.inRegion((tx) => collections(tx, env));
      return list.map((c) => ({
        id: c.id,
        title: c.title,
        description: c.description,
        kind: c.kind,
        color: c.color,
        source: c.source,
        fields: c.fields,
      }));
    },
  );

  // ---- Staff console ------------------------------------------------------------------------
  const idParams = z.object({ id: z.string().uuid() });

  r.get(
    '/staff/datasets',
    {
      config: { access: manage },
      schema: {
        tags: staffTags,
        summary: 'Every staff dataset (draft, public, private)',
        response: { 200: z.array(datasetView) },
      },
    },
    async (req) => {
      const env = await catalogEnv(req);
      return req.inRegion((tx) => listStaffDatasets(tx, env));
    },
  );
  r.post(
    '/staff/datasets',
    {
      config: { access: manage },
      schema: {
        tags: staffTags,
        summary: 'Add a dataset (starts as a draft)',
        body: datasetInput,
        response: { 201: datasetView },
      },
    },
    async (req, reply) => {
      const env = await catalogEnv(req);
      const view = await req.inRegion((tx) => createDataset(tx, env, req.actor(), req.body));
      return reply.code(201).send(view);
    },
  );
  r.get(
    '/staff/datasets/:id',
    {
      config: { access: manage },
      schema: {
        tags: staffTags,
        summary: 'One staff dataset',
        params: idParams,
        response: { 200: datasetView },
      },
    },
    async (req) => {
      const env = await catalogEnv(req);
      return req.inRegion((tx) => staffDataset(tx, env, req.params.id));
    },
  );
  r.patch(
    '/staff/datasets/:id',
    {
      config: { access: manage },
      schema: {
        tags: staffTags,
        summary: 'Change the metadata of a dataset',
        params: idParams,
        body: datasetUpdateInput,
        response: { 200: datasetView },
      },
    },
    async (req) => {
      const env = await catalogEnv(req);
      return req.inRegion((tx) => updateDataset(tx, env, req.actor(), req.params.id, req.body));
    },
  );
  r.post(
    '/staff/datasets/:id/visibility',
    {
      config: { access: manage },
      schema: {
        tags: staffTags,
        summary: 'Publish (public), take back to draft, or make private (never shown in any API)',
        params: idParams,
        body: z.object({ visibility: z.enum(visibilities) }),
        response: { 200: datasetView },
      },
    },
    async (req) => {
      const env = await catalogEnv(req);
      return req.inRegion((tx) => setVisibility(tx, env, req.actor(), req.params.id, req.body.visibility));
    },
  );
  r.delete(
    '/staff/datasets/:id',
    {
      config: { access: manage },
      schema: { tags: staffTags, summary: 'Delete a dataset and its data', params: idParams },
    },
    async (req, reply) => {
      const env = await catalogEnv(req);
      await req.inRegion((tx) => deleteDataset(tx, env, req.actor(), req.params.id));
      return reply.code(204).send();
    },
  );
  r.post(
    '/staff/datasets/:id/links',
    {
      config: { access: manage },
      schema: {
        tags: staffTags,
        summary: 'Register a link (data kept elsewhere)',
        params: idParams,
        body: linkInput,
        response: { 201: datasetView },
      },
    },
    async (req, reply) => {
      const env = await catalogEnv(req);
      return reply
        .code(201)
        .send(await req.inRegion((tx) => addLink(tx, env, req.actor(), req.params.id, req.body)));
    },
  );
  const uploadBody = (req: FastifyRequest): Buffer => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0)
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
        messages: {
          id: 'Kirim isi berkas sebagai badan permintaan.',
          en: 'Send the bytes of the file as the request body.',
        },
      });
    return req.body;
  };
  r.post(
    '/staff/datasets/:id/tables',
    {
      config: { access: manage },
      bodyLimit: MAX_UPLOAD,
      schema: {
        tags: staffTags,
        summary: 'Upload a CSV or XLSX (raw body) as a queryable table; every malformed row is reported',
        params: idParams,
        querystring: z.object({ fileName: z.string().trim().min(1).max(200).default('data.csv') }),
        consumes: ['text/csv', XLSX],
        response: { 201: uploadResult },
      },
    },
    async (req, reply) => {
      const bytes = uploadBody(req);
      const table = tableFromSheet(await parseSheet(bytes, req.query.fileName));
      const env = await catalogEnv(req);
      const { view, resourceId } = await req.inRegion((tx) =>
        addTable(tx, env, req.actor(), req.params.id, {
          fileName: req.query.fileName,
          size: bytes.length,
          ...table,
        }),
      );
      return reply
        .code(201)
        .send({ resource: view.resources.find((x) => x.id === resourceId)!, rows: table.rows.length });
    },
  );
  r.post(
    '/staff/datasets/:id/layers',
    {
      config: { access: manage },
      bodyLimit: MAX_UPLOAD,
      schema: {
        tags: staffTags,
        summary:
          'Upload a GeoJSON FeatureCollection (raw body, WGS 84) as a map layer; every bad feature is reported',
        params: idParams,
        querystring: z.object({
          fileName: z.string().trim().min(1).max(200).default('layer.geojson'),
          color: z
            .string()
            .regex(/^#[0-9a-fA-F]{6}$/)
            .default('#7c3aed'),
        }),
        consumes: ['application/geo+json'],
        response: { 201: uploadResult },
      },
    },
    async (req, reply) => {
      const bytes = uploadBody(req);
      const layer = featuresFromGeoJson(bytes);
      const env = await catalogEnv(req);
      const { view, resourceId } = await req.inRegion((tx) =>
        addLayer(tx, env, req.actor(), req.params.id, {
          fileName: req.query.fileName,
          size: bytes.length,
          color: req.query.color,
          ...layer,
        }),
      );
      return reply
        .code(201)
        .send({ resource: view.resources.find((x) => x.id === resourceId)!, rows: layer.features.length });
    },
  );
  r.delete(
    '/staff/datasets/:id/resources/:resourceId',
    {
      config: { access: manage },
      schema: {
        tags: staffTags,
        summary: 'Remove a resource (its rows or features too)',
        params: z.object({ id: z.string().uuid(), resourceId: z.string().uuid() }),
        response: { 200: datasetView },
      },
    },
    async (req) => {
      const env = await catalogEnv(req);
      return req.inRegion((tx) => deleteResource(tx, env, req.actor(), req.params.id, req.params.resourceId));
    },
  );
  r.get(
    '/staff/resources/:id/preview',
    {
      config: { access: manage },
      schema: {
        tags: staffTags,
        summary: 'The first rows of any table of the region (drafts and private ones too)',
        params: z.object({ id: z.string().max(60) }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: tableView },
      },
    },
    async (req) => {
      const env = await catalogEnv(req);
      const got = await tableRows(req, env, req.params.id, true, req.query.limit);
      if (!got) throw noResource();
      return { fields: got.t.fields, records: got.got.records, total: got.got.total ?? 0 };
    },
  );
  r.get(
    '/staff/usage',
    {
      config: { access: manage },
      schema: {
        tags: staffTags,
        summary: 'Views, downloads and API calls per dataset',
        querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
        response: { 200: z.array(datasetUsage) },
      },
    },
    async (req) => req.inRegion((tx) => usagePerDataset(tx, req.query.days)),
  );
}
