import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DatasetView } from '../../../shared/modules/data-peta';
import { DataQueryError, queryTable, TABLE_LIMITS } from '../../core/datasets/query';
import { toAppError } from '../../core/http/errors';
import {
  type CatalogEnv,
  datasetOfResource,
  findDataset,
  MODULE_ID,
  type Organisation,
  tableOf,
} from './catalog';
import { catalogEnv } from './env';
import {
  catalogCounts,
  groupTitle,
  listNames,
  SEARCH_LIMITS,
  SearchQueryError,
  searchCatalog,
} from './search';
import { countUsage } from './usage';

/**
 * CKAN Action API v3 (read side) at /api/3/action/<name> and /api/action/<name>: CKAN's envelope,
 * error types and HTTP codes (ckan/views/api.py), so CKAN clients and harvesters work unchanged.
 * Writes go through the staff console; the write actions answer CKAN's Authorization Error.
 */

class NotFound extends Error {}
class Validation extends Error {
  constructor(readonly errors: Record<string, string[]>) {
    super('validation');
  }
}

type Params = Record<string, unknown>;
type Action = (req: FastifyRequest, env: CatalogEnv, p: Params) => Promise<unknown>;

const str = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : Array.isArray(v) ? String(v[0]) : String(v);

function bool(v: unknown, dflt: boolean): boolean {
  const s = str(v);
  if (s === undefined || s === '') return dflt;
  if (/^(true|1|yes|on)$/i.test(s)) return true;
  if (/^(false|0|no|off)$/i.test(s)) return false;
  throw new Validation({ value: [`Not a boolean: ${s}`] });
}

function int(name: string, v: unknown, dflt: number | undefined): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  const s = str(v);
  if (s === undefined || s === '') return dflt;
  if (!/^-?\d+$/.test(s)) throw new Validation({ [name]: ['Invalid integer'] });
  return Number(s);
}

/** CKAN's convert_to_json_if_string: list-valued GET parameters arrive as JSON text. */
function list(v: unknown): string[] | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return v.map(String);
  const s = String(v);
  if (s.startsWith('[')) {
    try {
      const parsed = JSON.parse(s);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      throw new Validation({ value: ['Could not parse as valid JSON'] });
    }
  }
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

function json(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (!s.startsWith('{') && !s.startsWith('[')) return v;
  try {
    return JSON.parse(s);
  } catch {
    throw new Validation({ value: ['Could not parse as valid JSON'] });
  }
}

const requireId = (p: Params, key = 'id'): string => {
  const id = str(p[key]);
  if (!id) throw new Validation({ [key]: ['Missing value'] });
  return id;
};

function orgDict(o: Organisation, count: number | undefined, isOrg: boolean) {
  return {
    id: o.id,
    name: o.name,
    title: o.title,
    display_name: o.title,
    description: o.description,
    image_url: '',
    image_display_url: '',
    created: o.createdAt,
    is_organization: isOrg,
    approval_status: 'approved',
    state: 'active',
    type: isOrg ? 'organization' : 'group',
    ...(count === undefined ? {} : { package_count: count }),
  };
}

/** CKAN's dataset dict (default schema) of one catalogue entry. */
export function packageDict(env: CatalogEnv, d: DatasetView) {
  const tag = (name: string) => ({
    id: name,
    name,
    display_name: name,
    state: 'active',
    vocabulary_id: null,
  });
  const extras = [
    { key: 'frequency', value: d.frequency },
    ...(d.temporalStart ? [{ key: 'temporal_start', value: d.temporalStart }] : []),
    ...(d.temporalEnd ? [{ key: 'temporal_end', value: d.temporalEnd }] : []),
    ...(d.spatial ? [{ key: 'spatial_text', value: d.spatial }] : []),
    { key: 'source', value: d.source },
  ];
  return {
    id: d.id,
    name: d.name,
    title: d.title,
    notes: d.notes,
    author: d.organisation.title,
    author_email: null,
    maintainer: d.contactName,
    maintainer_email: d.contactEmail,
    license_id: d.license.id,
    license_title: d.license.name,
    license_url: d.license.url,
    isopen: d.license.id !== 'other-closed',
    url: `${env.origin}/layanan/data-peta/dataset/${d.name}`,
    version: null,
    state: 'active',
    type: 'dataset',
    private: d.visibility !== 'public',
    owner_org: d.organisation.id,
    organization: {
      id: d.organisation.id,
      name: d.organisation.name,
      title: d.organisation.title,
      type: 'organization',
      description: '',
      image_url: '',
      created: d.createdAt,
      is_organization: true,
      approval_status: 'approved',
      state: 'active',
    },
    metadata_created: d.createdAt,
    metadata_modified: d.modifiedAt,
    creator_user_id: null,
    resources: d.resources.map((r, i) => resourceDict(d, r, i)),
    num_resources: d.resources.length,
    tags: d.tags.map(tag),
    num_tags: d.tags.length,
    groups: [
      {
        id: d.source,
        name: d.source,
        title: d.source,
        display_name: d.source,
        description: '',
        image_display_url: '',
      },
    ],
    extras,
    relationships_as_object: [],
    relationships_as_subject: [],
  };
}

function resourceDict(d: DatasetView, r: DatasetView['resources'][number], position: number) {
  const mimetype = r.kind === 'table' ? 'text/csv' : r.kind === 'layer' ? 'application/geo+json' : null;
  return {
    id: r.id,
    package_id: d.id,
    url: r.url,
    name: r.name,
    description: r.description,
    format: r.format,
    mimetype,
    mimetype_inner: null,
    size: null,
    hash: '',
    created: d.createdAt,
    last_modified: r.modifiedAt,
    metadata_modified: r.modifiedAt,
    cache_url: null,
    cache_last_updated: null,
    position,
    state: 'active',
    resource_type: r.kind === 'link' ? null : 'file.upload',
    url_type: r.kind === 'link' ? null : 'datastore',
    datastore_active: r.kind === 'table',
  };
}

const HELP: Record<string, string> = {
  package_list:
    "Return a list of the names of the site's datasets (packages).\n\n:param limit: if given, the list of datasets will be broken into pages of at most ``limit`` datasets per page\n:type limit: int\n:param offset: when ``limit`` is given, the offset to start returning packages from\n:type offset: int\n\n:rtype: list of strings",
  package_show:
    'Return the metadata of a dataset (package) and its resources.\n\n:param id: the id or name of the dataset\n:type id: string\n\n:rtype: dictionary',
  package_search:
    'Searches for packages satisfying a given search criteria.\n\n:param q: the search query (``field:value`` terms and words)\n:param fq: any filter queries to apply (tags, organization, groups, res_format, license_id, name)\n:param sort: name, title_string, metadata_modified, metadata_created, score; asc or desc\n:param rows: the maximum number of matching rows (datasets) to return (max 1000)\n:param start: the offset in the complete result\n:param facet.field: the fields to facet upon (JSON list)\n:param facet.limit: maximum facet values per field (default 50, negative = unlimited)\n:param facet.mincount: minimum count of a facet value\n\n:rtype: dictionary with count, results, facets, search_facets, sort',
  organization_list:
    'Return a list of the names of the site\'s organizations (the region and its OPDs).\n\n:param sort: name, title or package_count, asc or desc (default "title asc")\n:param limit, offset: paging\n:param organizations: a list of names to return\n:param all_fields: return dictionaries instead of names\n\n:rtype: list of strings or dictionaries',
  organization_show:
    'Return the details of an organization.\n\n:param id: the id or name\n:param include_datasets: include up to 10 of its datasets\n\n:rtype: dictionary',
  group_list:
    "Return a list of the names of the site's groups (the publishing modules).\n\n:param sort, limit, offset, groups, all_fields: as organization_list\n\n:rtype: list of strings or dictionaries",
  group_show:
    'Return the details of a group.\n\n:param id: the id or name\n:param include_datasets: include up to 10 of its datasets\n\n:rtype: dictionary',
  tag_list:
    "Return a list of the site's tags.\n\n:param query: a tag name query to search for\n:param all_fields: return dictionaries instead of names\n\n:rtype: list of strings or dictionaries",
  resource_show:
    'Return the metadata of a resource.\n\n:param id: the id of the resource\n\n:rtype: dictionary',
  status_show: "Return a dictionary with information about the site's configuration.\n\n:rtype: dictionary",
  help_show:
    'Return the help string for a particular API action.\n\n:param name: Action function name\n\n:rtype: string',
  datastore_search:
    'Search a DataStore resource.\n\n:param resource_id: id of the resource\n:param filters: {"field": value or [values]}\n:param q: full text query (string) or {"field": "text"}\n:param limit: maximum number of rows (default 100, max 32000)\n:param offset: offset the results\n:param fields: fields to return (list or comma-separated)\n:param sort: "field1, field2 desc"\n:param include_total: true (default) or false\n:param records_format: objects (default), lists, csv or tsv\n\n:rtype: dictionary with fields, records, total, limit, offset, _links',
};

const WRITE_ACTIONS = new Set([
  'package_create',
  'package_update',
  'package_patch',
  'package_delete',
  'resource_create',
  'resource_update',
  'resource_patch',
  'resource_delete',
  'organization_create',
  'organization_update',
  'group_create',
  'datastore_create',
  'datastore_upsert',
  'datastore_delete',
]);

async function findOrg(req: FastifyRequest, env: CatalogEnv, id: string, isOrg: boolean) {
  return req
    .inRegion(async (tx) => {
      const { orgs, counts } = await catalogCounts(tx, env, isOrg ? 'org' : 'source');
      return { orgs, counts };
    })
    .then(({ orgs, counts }) => {
      if (isOrg) {
        const o = orgs.find((x) => x.id === id || x.name === id);
        if (!o) throw new NotFound();
        return { dict: orgDict(o, counts.get(o.id) ?? 0, true), fq: `organization:${o.name}` };
      }
      const g = groupsOf(env, counts).find((x) => x.name === id || x.id === id);
      if (!g) throw new NotFound();
      return { dict: orgDict(g, counts.get(g.id) ?? 0, false), fq: `groups:${g.name}` };
    });
}

/** Groups are the publishers: each module that publishes (and `data-peta` for staff datasets). */
function groupsOf(env: CatalogEnv, counts: Map<string, number>): Organisation[] {
  return [...counts.keys()].sort().map((id) => ({
    id,
    name: id,
    title: groupTitle(env, id),
    description: id === MODULE_ID ? 'Dataset yang diunggah OPD' : `Data dari modul ${id}`,
    createdAt: '2024-01-01T00:00:00',
  }));
}

function sortOrgs<T extends { name: string; title: string }>(
  list: T[],
  sort: string,
  count: (o: T) => number,
): T[] {
  const [field = 'title', dir = 'asc'] = sort.trim().split(/\s+/);
  if (!['name', 'title', 'package_count'].includes(field) || !/^(asc|desc)$/i.test(dir))
    throw new Validation({ sort: [`Cannot sort by field \`${field}\``] });
  const key = (o: T) =>
    field === 'package_count' ? count(o) : field === 'name' ? o.name : o.title.toLowerCase();
  const sorted = [...list].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return dir.toLowerCase() === 'desc' ? sorted.reverse() : sorted;
}

function listOrgsAction(isOrg: boolean): Action {
  return async (req, env, p) => {
    const allFields = bool(p.all_fields, false);
    const sort = str(p.sort) ?? 'title asc';
    const limit = int('limit', p.limit, allFields ? 25 : 1000)!;
    const offset = int('offset', p.offset, 0)!;
    const only = list(json(p[isOrg ? 'organizations' : 'groups']));
    const { orgs, counts } = await req.inRegion((tx) => catalogCounts(tx, env, isOrg ? 'org' : 'source'));
    let all = isOrg ? orgs : groupsOf(env, counts);
    if (only) all = all.filter((o) => only.includes(o.name));
    const sorted = sortOrgs(all, sort, (o) => counts.get(o.id) ?? 0).slice(offset, offset + limit);
    return allFields
      ? sorted.map((o) => orgDict(o, counts.get(o.id) ?? 0, isOrg))
      : sorted.map((o) => o.name);
  };
}

function showOrgAction(isOrg: boolean): Action {
  return async (req, env, p) => {
    const id = requireId(p);
    const { dict, fq } = await findOrg(req, env, id, isOrg);
    if (!bool(p.include_datasets, false)) return dict;
    const found = await req.inRegion((tx) => searchCatalog(tx, env, { fq, rows: 10 }));
    return { ...dict, packages: found.results.map((d) => packageDict(env, d)) };
  };
}

export const actions: Record<string, Action> = {
  status_show: async (_req, env) => ({
    site_title: `Data ${env.region.name}`,
    site_description: `Portal data terbuka ${env.region.name} (Simpul Data & Peta) / Open data portal of ${env.region.name}`,
    site_url: env.origin,
    ckan_version: '2.11.0',
    error_emails_to: null,
    locale_default: 'id',
    extensions: ['datastore', 'dcat', 'simpul'],
  }),
  help_show: async (_req, _env, p) => {
    const name = requireId(p, 'name');
    const help = HELP[name];
    if (!help) throw new NotFound(`Action function not found`);
    return help;
  },
  package_list: async (req, env, p) => {
    const limit = int('limit', p.limit, undefined);
    const offset = int('offset', p.offset, 0)!;
    if ((limit !== undefined && limit < 0) || offset < 0)
      throw new Validation({ limit: ['Must be a natural number'] });
    return req.inRegion((tx) => listNames(tx, env, limit, offset));
  },
  package_show: async (req, env, p) => {
    const id = requireId(p);
    const found = await req.inRegion((tx) => findDataset(tx, env, id));
    if (!found) throw new NotFound();
    countUsage(env.region, `api:${found.view.name}`);
    return packageDict(env, found.view);
  },
  package_search: async (req, env, p) => {
    const rows = int('rows', p.rows, SEARCH_LIMITS.defaultRows)!;
    const start = int('start', p.start, 0)!;
    if (rows < 0) throw new Validation({ rows: ['Must be a natural number'] });
    const facetFields = bool(p.facet, true) ? list(json(p['facet.field'])) : undefined;
    const fqList = list(json(p.fq_list));
    const fq = [str(p.fq) ?? '', ...(fqList ?? [])].join(' ').trim();
    const result = await req.inRegion((tx) =>
      searchCatalog(tx, env, {
        q: str(p.q),
        fq,
        sort: str(p.sort),
        rows: Math.min(rows, SEARCH_LIMITS.maxRows),
        start,
        facetFields,
        facetLimit: int('facet.limit', p['facet.limit'], 50),
        facetMincount: int('facet.mincount', p['facet.mincount'], 1),
      }),
    );
    return { ...result, results: result.results.map((d) => packageDict(env, d)) };
  },
  organization_list: listOrgsAction(true),
  group_list: listOrgsAction(false),
  organization_show: showOrgAction(true),
  group_show: showOrgAction(false),
  tag_list: async (req, env, p) => {
    const query = str(p.query) ?? str(p.q);
    if (p.vocabulary_id !== undefined && p.vocabulary_id !== '')
      throw new NotFound('Could not find vocabulary');
    const { counts } = await req.inRegion((tx) => catalogCounts(tx, env, 'tag'));
    const names = [...counts.keys()]
      .filter((t) => !query || t.toLowerCase().includes(query.toLowerCase()))
      .sort();
    return bool(p.all_fields, false)
      ? names.map((name) => ({ id: name, name, display_name: name, state: 'active', vocabulary_id: null }))
      : names;
  },
  resource_show: async (req, env, p) => {
    const id = requireId(p);
    const found = await req.inRegion(async (tx) => {
      const datasetId = await datasetOfResource(tx, env, id);
      const ds = datasetId ? await findDataset(tx, env, datasetId) : null;
      const i = ds ? ds.view.resources.findIndex((r) => r.id === id) : -1;
      return ds && i >= 0 ? { d: ds.view, i } : null;
    });
    if (!found) throw new NotFound('Resource was not found.');
    countUsage(env.region, `api:${found.d.name}`);
    return resourceDict(found.d, found.d.resources[found.i]!, found.i);
  },
  datastore_search: async (req, env, p) => {
    const resourceId = requireId(p, 'resource_id');
    const limit = int('limit', p.limit, TABLE_LIMITS.defaultRows)!;
    const offset = int('offset', p.offset, 0)!;
    if (limit < 0) throw new Validation({ limit: ['Must be a natural number'] });
    if (offset < 0) throw new Validation({ offset: ['Must be a natural number'] });
    const filtersRaw = json(p.filters ?? {});
    if (typeof filtersRaw !== 'object' || filtersRaw === null || Array.isArray(filtersRaw))
      throw new Validation({ filters: ['Not a json object'] });
    const filters: Record<string, (string | number | boolean | null)[]> = {};
    for (const [k, v] of Object.entries(filtersRaw as Record<string, unknown>))
      filters[k] = (Array.isArray(v) ? v : [v]).map((x) =>
        x === null || typeof x === 'number' || typeof x === 'boolean' ? x : String(x),
      );
    const qRaw = json(p.q);
    const q = typeof qRaw === 'string' ? qRaw : undefined;
    const qFields =
      qRaw && typeof qRaw === 'object' && !Array.isArray(qRaw)
        ? Object.fromEntries(Object.entries(qRaw as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
        : undefined;
    const fields = list(json(p.fields));
    const sortRaw = list(json(p.sort));
    const sort = (sortRaw ?? []).map((s) => {
      const [field = '', dir = 'asc'] = s.trim().split(/\s+/);
      if (!/^(asc|desc)$/i.test(dir)) throw new Validation({ sort: [`Invalid sort direction: ${dir}`] });
      return { field: field.replace(/^"|"$/g, ''), desc: dir.toLowerCase() === 'desc' };
    });
    const includeTotal = bool(p.include_total, true);
    const format = str(p.records_format) ?? 'objects';
    if (!['objects', 'lists', 'csv', 'tsv'].includes(format))
      throw new Validation({ records_format: ['Value must be one of: objects, lists, csv, tsv'] });
    const out = await req.inRegion(async (tx) => {
      const table = await tableOf(tx, env, resourceId);
      if (!table) return null;
      const got = await queryTable(tx, table.source, {
        filters,
        q,
        qFields,
        fields,
        sort,
        limit,
        offset,
        includeTotal,
      });
      return { table, got };
    });
    if (!out) throw new NotFound(`Resource "${resourceId}" was not found.`);
    countUsage(env.region, `api:${out.table.datasetName}`);
    const typeOf = new Map(out.table.fields.map((f) => [f.name, f.type]));
    const names = out.got.fields;
    const rowsAs = () => out.got.records.map((r) => names.map((n) => r[n] ?? null));
    const sep = format === 'tsv' ? '\t' : ',';
    const cell = (v: unknown) => {
      const s = v === null || v === undefined ? '' : String(v);
      return format === 'csv' && /[",\n\r]/.test(s)
        ? `"${s.replace(/"/g, '""')}"`
        : s.replace(/[\t\n\r]/g, ' ');
    };
    const records =
      format === 'objects'
        ? out.got.records
        : format === 'lists'
          ? rowsAs()
          : rowsAs()
              .map((r) => r.map(cell).join(sep))
              .join('\n') + (out.got.records.length ? '\n' : '');
    const base = `/api/3/action/datastore_search?resource_id=${encodeURIComponent(resourceId)}`;
    const links: Record<string, string> = {
      start: base,
      next: `${base}&offset=${offset + limit}`,
    };
    if (offset > 0) links.prev = `${base}&offset=${Math.max(0, offset - limit)}`;
    return {
      include_total: includeTotal,
      limit,
      offset,
      records_format: format,
      resource_id: resourceId,
      filters: filtersRaw,
      fields: names.map((n) => ({ id: n, type: n === '_id' ? 'int' : (typeOf.get(n) ?? 'text') })),
      records,
      ...(includeTotal ? { total: out.got.total, total_was_estimated: false } : {}),
      _links: links,
    };
  },
};

const sideEffectFree = new Set(Object.keys(actions));

type Envelope = { help: string; success: boolean; result?: unknown; error?: Record<string, unknown> };

function send(reply: FastifyReply, status: number, body: unknown) {
  return reply
    .code(status)
    .header('content-type', 'application/json;charset=utf-8')
    .header('access-control-allow-origin', '*')
    .send(JSON.stringify(body));
}

/** Runs one action the way CKAN's `api.action` view does, with its envelope and codes. */
export async function runAction(req: FastifyRequest, reply: FastifyReply, name: string) {
  const known = sideEffectFree.has(name) || WRITE_ACTIONS.has(name);
  if (!known) return send(reply, 400, `Bad request - Action name not known: ${name}`);
  const help = `${catalogEnvOrigin(req)}/api/3/action/help_show?name=${name}`;
  let params: Params;
  if (req.method === 'GET') {
    if (!sideEffectFree.has(name))
      return send(
        reply,
        400,
        'Bad request - JSON Error: Invalid request. Please use POST method for your request',
      );
    params = { ...(req.query as Params) };
  } else {
    const body = req.body;
    if (body === undefined || body === null || body === '') params = {};
    else if (typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body))
      return send(
        reply,
        400,
        `Bad request - Bad request data: Request data JSON decoded to ${JSON.stringify(body)} but it needs to be a dictionary.`,
      );
    else params = { ...(body as Params) };
  }
  // JSONP (CKAN: a GET with `callback` answers `callback(json);` when it succeeds). Only a plain
  // JavaScript name is accepted, so the callback cannot carry script of its own.
  const callback = req.method === 'GET' ? str(params.callback) : undefined;
  delete params.callback;
  if (
    callback !== undefined &&
    (callback.length > 100 || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(callback))
  )
    return send(reply, 400, 'Bad request - callback must be a JavaScript name');
  const envelope: Envelope = { help, success: false };
  if (WRITE_ACTIONS.has(name)) {
    envelope.error = {
      __type: 'Authorization Error',
      message: `Access denied: datasets are managed in the staff console of ${req.region.name} (Data & Peta)`,
    };
    return send(reply, 403, envelope);
  }
  try {
    const env = await catalogEnv(req);
    envelope.result = await actions[name]!(req, env, params);
    envelope.success = true;
    if (callback)
      return reply
        .code(200)
        .header('content-type', 'application/javascript;charset=utf-8')
        .header('x-content-type-options', 'nosniff')
        .send(`${callback}(${JSON.stringify(envelope)});`);
    return send(reply, 200, envelope);
  } catch (err) {
    if (err instanceof NotFound) {
      envelope.error = {
        __type: 'Not Found Error',
        message: err.message ? `Not found: ${err.message}` : 'Not found',
      };
      return send(reply, 404, envelope);
    }
    if (err instanceof Validation) {
      envelope.error = { ...err.errors, __type: 'Validation Error' };
      return send(reply, 409, envelope);
    }
    if (err instanceof DataQueryError) {
      const field = (err.details as { field?: string } | undefined)?.field;
      envelope.error = {
        ...(field ? { [field]: [err.messages.en] } : { message: err.messages.en }),
        __type: 'Validation Error',
      };
      return send(reply, 409, envelope);
    }
    if (err instanceof SearchQueryError) {
      envelope.error = { __type: 'Search Query Error', message: `Search Query is invalid: ${err.message}` };
      return send(reply, 400, envelope);
    }
    const e = toAppError(err);
    if (e.status < 500 && e.code !== 'INTERNAL') {
      envelope.error = { __type: 'Validation Error', message: e.messages.en };
      return send(reply, 409, envelope);
    }
    req.log.error({ err }, 'CKAN action failed');
    envelope.error = { __type: 'Internal Server Error', message: 'Internal Server Error' };
    return send(reply, 500, envelope);
  }
}

const catalogEnvOrigin = (req: FastifyRequest) => `${req.protocol}://${req.host}${req.basePath}`;

/** Mounted at /api/3/action and /api/action. */
export async function ckanRoutes(app: FastifyInstance) {
  // CKAN accepts form-encoded POSTs too (a JSON object as the only key, or plain fields).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 256 * 1024 },
    (_req, body, done) => {
      const form = new URLSearchParams(body as string);
      const keys = [...form.keys()];
      if (keys.length === 1 && ['', '1'].includes(form.get(keys[0]!) ?? '')) {
        try {
          return done(null, JSON.parse(keys[0]!));
        } catch {
          /* plain fields */
        }
      }
      return done(null, Object.fromEntries(form));
    },
  );
  app.setErrorHandler((err, req, reply) => {
    const e = toAppError(err);
    if (e.status === 404)
      return send(reply, 404, {
        help: `${catalogEnvOrigin(req)}/api/3/action/help_show`,
        success: false,
        error: { __type: 'Not Found Error', message: 'Not found' },
      });
    if (e.status >= 500) req.log.error({ err }, 'CKAN request failed');
    return send(reply, e.status >= 500 ? 500 : 400, `Bad request - ${e.messages.en}`);
  });
  const versioned = app.prefix.includes('/3/');
  const opts = (method: 'get' | 'post') => ({
    config: { access: 'public' as const },
    schema: {
      tags: ['ckan'],
      operationId: `${method}CkanAction${versioned ? '' : 'Unversioned'}`,
      summary: `CKAN Action API v3 (read actions; see help_show)${versioned ? '' : ', unversioned path'}`,
      params: z.object({ action: z.string().max(100) }),
    },
  });
  const action = (req: FastifyRequest) => (req.params as { action: string }).action;
  app.get('/:action', opts('get'), (req, reply) => runAction(req, reply, action(req)));
  app.post('/:action', opts('post'), (req, reply) => runAction(req, reply, action(req)));
}
