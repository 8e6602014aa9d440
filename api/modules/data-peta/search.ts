import { type SQL, sql } from 'drizzle-orm';
import type { DatasetView } from '../../../shared/modules/data-peta';
import type { Tx } from '../../core/db/client';
import { rowsOf } from '../../core/db/client';
import {
  type CatalogEnv,
  type CatalogRow,
  catalogCte,
  datasetView,
  licenceOf,
  MODULE_ID,
  type Organisation,
  organisations,
  staffResources,
} from './catalog';

/** A query CKAN cannot run (Solr's "Search Query Error"): 400 with the CKAN envelope. */
export class SearchQueryError extends Error {}

export const SEARCH_LIMITS = { maxRows: 1000, defaultRows: 10 } as const;

/** Fields `fq` (and `field:value` in `q`) may filter on, as CKAN's Solr index names them. */
const filterable = [
  'tags',
  'organization',
  'groups',
  'res_format',
  'license_id',
  'name',
  'id',
  'title',
] as const;
export const facetFields = ['organization', 'groups', 'tags', 'res_format', 'license_id'] as const;
type FacetField = (typeof facetFields)[number];

export type SearchInput = {
  q?: string;
  fq?: string;
  sort?: string;
  rows?: number;
  start?: number;
  facetFields?: readonly string[];
  facetLimit?: number;
  facetMincount?: number;
};

/** `field:value` terms (optionally `+`, quoted values) and free words of a Solr-like query. */
export function parseQuery(q: string): { terms: { field: string; value: string }[]; words: string[] } {
  const terms: { field: string; value: string }[] = [];
  const words: string[] = [];
  const re = /\+?([a-z_.]+):(?:"([^"]*)"|(\S+))|"([^"]*)"|(\S+)/gi;
  for (const m of q.matchAll(re)) {
    if (m[1]) {
      const field = m[1].toLowerCase();
      const value = m[2] ?? m[3] ?? '';
      if (field === '*' || (field === '' && value === '*')) continue;
      terms.push({ field, value });
    } else {
      const w = (m[4] ?? m[5] ?? '').trim();
      if (w && w !== '*:*' && w !== '*' && !/^(AND|OR)$/.test(w)) words.push(w);
    }
  }
  return { terms, words };
}

function termCondition(field: string, value: string, orgs: readonly Organisation[]): SQL {
  if (value === '*') return sql`true`;
  switch (field) {
    case 'tags':
      return sql`${value} = any(c.tags)`;
    case 'organization': {
      const org = orgs.find((o) => o.name === value || o.id === value);
      return org ? sql`c.org_id = ${org.id}` : sql`false`;
    }
    case 'groups':
      return sql`c.source = ${value}`;
    case 'res_format':
      return sql`${value.toUpperCase()} = any(c.formats)`;
    case 'license_id':
      return sql`c.license_id = ${value}`;
    case 'name':
      return sql`c.name = ${value}`;
    case 'id':
      return sql`c.id = ${value}`;
    case 'title':
      return sql`c.title ilike ${`%${value.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`;
    default:
      throw new SearchQueryError(`Unknown field "${field}"; use one of ${filterable.join(', ')}`);
  }
}

const textOf = sql`(c.title || ' ' || c.notes || ' ' || c.name || ' ' || array_to_string(c.tags, ' '))`;

function conditions(input: SearchInput, orgs: readonly Organisation[]): SQL {
  const conds: SQL[] = [];
  for (const part of [input.q ?? '', input.fq ?? '']) {
    const { terms, words } = parseQuery(part);
    for (const t of terms) conds.push(termCondition(t.field, t.value, orgs));
    for (const w of words) conds.push(sql`${textOf} ilike ${`%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  }
  return conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``;
}

const sortable: Record<string, SQL> = {
  name: sql`c.name`,
  title: sql`lower(c.title)`,
  title_string: sql`lower(c.title)`,
  metadata_modified: sql`c.modified`,
  metadata_created: sql`c.created`,
};

function orderBy(sort: string | undefined, input: SearchInput): SQL {
  const spec = (sort ?? 'score desc, metadata_modified desc').trim();
  const parts: SQL[] = [];
  for (const piece of spec.split(',')) {
    const [field = '', dir = 'asc', ...rest] = piece.trim().split(/\s+/);
    if (rest.length > 0 || !/^(asc|desc)$/i.test(dir))
      throw new SearchQueryError(`Invalid sort "${piece.trim()}"`);
    if (field === 'score') {
      // Relevance: title matches of the free words first (no Solr; a simple, explainable score).
      const words = parseQuery(input.q ?? '').words;
      if (words.length)
        parts.push(
          sql`(${sql.join(
            words.map((w) => sql`(c.title ilike ${`%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`})::int`),
            sql` + `,
          )}) ${dir.toLowerCase() === 'asc' ? sql`asc` : sql`desc`}`,
        );
      continue;
    }
    const col = sortable[field];
    if (!col)
      throw new SearchQueryError(
        `Cannot sort by "${field}"; use name, title_string, metadata_modified or metadata_created`,
      );
    parts.push(sql`${col} ${dir.toLowerCase() === 'asc' ? sql`asc` : sql`desc`}`);
  }
  parts.push(sql`c.name`);
  return sql.join(parts, sql`, `);
}

export type SearchResult = {
  count: number;
  sort: string;
  results: DatasetView[];
  facets: Record<string, Record<string, number>>;
  search_facets: Record<
    string,
    { title: string; items: { name: string; display_name: string; count: number }[] }
  >;
};

/** The page statement of a search (results with the total count): also for benchmarks. */
export function searchStatement(env: CatalogEnv, orgs: readonly Organisation[], input: SearchInput): SQL {
  const rows = input.rows ?? SEARCH_LIMITS.defaultRows;
  return sql`with catalog as (${catalogCte(env, orgs)})
      select c.*, count(*) over ()::int as total from catalog c ${conditions(input, orgs)}
      order by ${orderBy(input.sort, input)} limit ${Math.min(rows, SEARCH_LIMITS.maxRows)} offset ${input.start ?? 0}`;
}

/** package_search over the region's public catalogue (staff and module datasets), with facets. */
export async function searchCatalog(tx: Tx, env: CatalogEnv, input: SearchInput): Promise<SearchResult> {
  const rows = input.rows ?? SEARCH_LIMITS.defaultRows;
  const start = input.start ?? 0;
  if (!Number.isInteger(rows) || rows < 0) throw new SearchQueryError('rows must be a natural number');
  if (!Number.isInteger(start) || start < 0) throw new SearchQueryError('start must be a natural number');
  const orgs = await organisations(tx, env.region);
  const cte = catalogCte(env, orgs);
  const where = conditions(input, orgs);
  const found = rowsOf<CatalogRow & { total: number }>(await tx.execute(searchStatement(env, orgs, input)));
  let count = Number(found[0]?.total ?? 0);
  if (found.length === 0) {
    const [c] = rowsOf<{ n: number }>(
      await tx.execute(sql`with catalog as (${cte}) select count(*)::int as n from catalog c ${where}`),
    );
    count = Number(c?.n ?? 0);
  }
  const staffIds = found.filter((r) => r.source === MODULE_ID).map((r) => r.id);
  const resources = await staffResources(tx, staffIds);
  const results = found.map((r) => datasetView(env, r, orgs, resources));

  const facets: SearchResult['facets'] = {};
  const searchFacets: SearchResult['search_facets'] = {};
  const wanted = (input.facetFields ?? []).filter((f): f is FacetField =>
    (facetFields as readonly string[]).includes(f),
  );
  for (const f of input.facetFields ?? [])
    if (!(facetFields as readonly string[]).includes(f))
      throw new SearchQueryError(`Cannot facet on "${f}"; use ${facetFields.join(', ')}`);
  const facetLimit = input.facetLimit === undefined ? 50 : input.facetLimit < 0 ? 10_000 : input.facetLimit;
  const mincount = input.facetMincount ?? 1;
  for (const f of wanted) {
    const expr =
      f === 'tags'
        ? sql`unnest(c.tags)`
        : f === 'res_format'
          ? sql`unnest(c.formats)`
          : f === 'organization'
            ? sql`c.org_id`
            : f === 'groups'
              ? sql`c.source`
              : sql`c.license_id`;
    const counts = rowsOf<{ v: string; n: number }>(
      await tx.execute(sql`with catalog as (${cte}) select v, count(*)::int as n from (select ${expr} as v from catalog c ${where}) x
        group by v having count(*) >= ${mincount} order by n desc, v limit ${facetLimit}`),
    );
    facets[f] = {};
    const items: { name: string; display_name: string; count: number }[] = [];
    for (const c of counts) {
      const org = f === 'organization' ? orgs.find((o) => o.id === c.v) : undefined;
      const name = org ? org.name : c.v;
      facets[f][name] = Number(c.n);
      const display =
        f === 'organization'
          ? (org?.title ?? name)
          : f === 'license_id'
            ? licenceOf(c.v).name
            : f === 'groups'
              ? groupTitle(env, c.v)
              : name;
      items.push({ name, display_name: display, count: Number(c.n) });
    }
    items.sort((a, b) => (a.display_name < b.display_name ? 1 : a.display_name > b.display_name ? -1 : 0));
    searchFacets[f] = { title: f, items };
  }
  return {
    count,
    sort: input.sort ?? 'score desc, metadata_modified desc',
    results,
    facets,
    search_facets: searchFacets,
  };
}

/** A group's (publishing module's) title in Indonesian: the module's name, or "Data OPD" for uploads. */
export function groupTitle(env: Pick<CatalogEnv, 'publishers'>, id: string): string {
  if (id === MODULE_ID) return 'Data OPD';
  return env.publishers.find((m) => m.id === id)?.name.id ?? id;
}

/** Names of every public dataset, sorted (package_list). */
export async function listNames(
  tx: Tx,
  env: CatalogEnv,
  limit: number | undefined,
  offset: number,
): Promise<string[]> {
  const orgs = await organisations(tx, env.region);
  const rows = rowsOf<{ name: string }>(
    await tx.execute(sql`with catalog as (${catalogCte(env, orgs)}) select name from catalog order by name
      ${limit === undefined ? sql`` : sql`limit ${limit}`} offset ${offset}`),
  );
  return rows.map((r) => r.name);
}

/** Dataset counts per organisation, per group (source module) and per tag. */
export async function catalogCounts(
  tx: Tx,
  env: CatalogEnv,
  by: 'org' | 'source' | 'tag',
): Promise<{ orgs: Organisation[]; counts: Map<string, number> }> {
  const orgs = await organisations(tx, env.region);
  const expr = by === 'org' ? sql`c.org_id` : by === 'source' ? sql`c.source` : sql`unnest(c.tags)`;
  const rows = rowsOf<{ v: string; n: number }>(
    await tx.execute(sql`with catalog as (${catalogCte(env, orgs)}) select v, count(*)::int as n
      from (select ${expr} as v from catalog c) x group by v`),
  );
  return { orgs, counts: new Map(rows.map((r) => [r.v, Number(r.n)])) };
}
