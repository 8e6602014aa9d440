import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import {
  type DatasetFrequency,
  type DatasetView,
  licences,
  type StoredField,
  type Visibility,
} from '../../../shared/modules/data-peta';
import type { FeatureSource, TableSource } from '../../core/datasets/query';
import { pointSource } from '../../core/datasets/query';
import type { DatasetLicence, PublishedDataset, PublishedLayer } from '../../core/datasets/types';
import type { Tx } from '../../core/db/client';
import { rowsOf } from '../../core/db/client';
import type { SimpulModule } from '../../core/modules/types';
import { OPEN_DATA_LICENCE } from '../../core/open-data/licence';
import type { RegionRecord } from '../../core/regions/directory';

export const MODULE_ID = 'data-peta';

/** What a request knows before it opens its transaction: the region, its address and the enabled publishers. */
export type CatalogEnv = {
  region: RegionRecord;
  /** Absolute address of the region, e.g. https://host/r/kota-tangerang (no trailing slash). */
  origin: string;
  /** Enabled modules that declare open data (read before the transaction). */
  publishers: readonly SimpulModule[];
};

/** A UUID (v5 layout) derived from a name: module datasets have stable CKAN ids without a row. */
export function derivedId(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join(':')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export type Organisation = {
  id: string;
  name: string;
  title: string;
  description: string;
  createdAt: string;
};

/** The region's organisation tree: the region itself and its active OPDs. */
export async function organisations(tx: Tx, region: RegionRecord): Promise<Organisation[]> {
  const opds = rowsOf<{ id: string; code: string; name: string; created_at: string }>(
    await tx.execute(
      sql`select id, code, name, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as created_at
          from opd where active order by name`,
    ),
  );
  return [
    {
      id: region.id,
      name: region.slug,
      title: region.name,
      description: `Pemerintah ${region.name}`,
      createdAt: '2024-01-01T00:00:00',
    },
    ...opds.map((o) => ({
      id: o.id,
      name: slug(o.code),
      title: o.name,
      description: o.name,
      createdAt: o.created_at,
    })),
  ];
}

export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');

export function licenceOf(id: string): DatasetLicence {
  const l = licences.find((x) => x.id === id);
  return l ? { id: l.id, name: l.name, url: l.url } : { ...OPEN_DATA_LICENCE };
}

/** A module-published table or layer, with its CKAN name and id in this region. */
export type ModuleEntry = {
  module: SimpulModule;
  kind: 'table' | 'layer';
  decl: PublishedDataset | PublishedLayer;
  name: string;
  id: string;
  resourceId: string;
};

export function moduleEntries(env: Pick<CatalogEnv, 'region' | 'publishers'>): ModuleEntry[] {
  const out: ModuleEntry[] = [];
  for (const m of env.publishers) {
    for (const d of m.openData?.datasets ?? []) {
      const name = `${m.id}-${d.id}`;
      out.push({
        module: m,
        kind: 'table',
        decl: d,
        name,
        id: derivedId(env.region.id, name),
        resourceId: derivedId(env.region.id, name, 'data'),
      });
    }
    for (const l of m.openData?.layers ?? []) {
      const name = `${m.id}-${l.id}`;
      out.push({
        module: m,
        kind: 'layer',
        decl: l,
        name,
        id: derivedId(env.region.id, name),
        resourceId: derivedId(env.region.id, name, 'features'),
      });
    }
  }
  return out;
}

/** One row of the catalogue (staff and module datasets alike) as the search query returns it. */
export type CatalogRow = {
  id: string;
  name: string;
  title: string;
  notes: string;
  source: string;
  org_id: string;
  tags: string[];
  license_id: string;
  frequency: DatasetFrequency;
  formats: string[];
  temporal_start: string | null;
  temporal_end: string | null;
  spatial: string | null;
  contact_name: string | null;
  contact_email: string | null;
  visibility: Visibility;
  created: string;
  modified: string;
};

const textArray = (values: readonly string[]): SQL =>
  values.length
    ? sql`array[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`
    : sql`'{}'::text[]`;

/** Midnight UTC of today: when a module's live dataset last changed, as far as a harvester needs. */
const today = () => `${new Date().toISOString().slice(0, 10)}T00:00:00`;

/**
 * The public catalogue of the region as one SQL relation `catalog`: staff datasets that are public
 * (drafts and private ones never), and the datasets and layers of every enabled module as VALUES.
 * Search, facets and sorting run on it in SQL, the same way for both.
 */
export function catalogCte(
  env: CatalogEnv,
  orgs: readonly Organisation[],
  opts: { staffOnly?: boolean; all?: boolean } = {},
): SQL {
  const byCode = new Map(orgs.map((o) => [o.name, o.id]));
  const staff = sql`select d.id::text as id, d.name, d.title, d.notes, 'data-peta'::text as source,
      coalesce(d.opd_id::text, ${env.region.id}) as org_id, d.tags, d.license_id, d.frequency,
      coalesce((select array_agg(distinct upper(r.format)) from data_peta_resource r where r.dataset_id = d.id), '{}'::text[]) as formats,
      d.temporal_start::text as temporal_start, d.temporal_end::text as temporal_end, d.spatial, d.contact_name, d.contact_email,
      d.visibility, to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as created,
      to_char(d.modified_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as modified
    from data_peta_dataset d ${opts.all ? sql`` : sql`where d.visibility = 'public'`}`;
  if (opts.staffOnly) return staff;
  const entries = moduleEntries(env);
  if (entries.length === 0) return staff;
  const values = entries.map((e) => {
    const d = e.decl;
    const org = (d.organisation && byCode.get(slug(d.organisation))) || env.region.id;
    const licence = d.licence?.id ?? OPEN_DATA_LICENCE.id;
    const frequency = 'frequency' in d ? d.frequency : 'continuous';
    const fmt = e.kind === 'table' ? 'CSV' : 'GEOJSON';
    return sql`(${e.id}, ${e.name}, ${d.title.id}, ${`${d.description.id}\n\n${d.description.en}`}, ${e.module.id}, ${org},
      ${textArray(d.tags)}, ${licence}, ${frequency}, ${textArray([fmt])}, null::text, null::text, ${env.region.name}::text,
      null::text, null::text, 'public'::text, ${today()}::text, ${today()}::text)`;
  });
  return sql`${staff} union all select * from (values ${sql.join(values, sql`, `)}) as m(id, name, title, notes, source,
    org_id, tags, license_id, frequency, formats, temporal_start, temporal_end, spatial, contact_name, contact_email,
    visibility, created, modified)`;
}

export type ResourceRow = {
  id: string;
  dataset_id: string;
  kind: 'table' | 'layer' | 'link';
  name: string;
  description: string;
  format: string;
  url: string | null;
  fields: StoredField[];
  row_count: number;
  size: number | null;
  color: string | null;
  position: number;
  created: string;
  modified: string;
};

export async function staffResources(tx: Tx, datasetIds: readonly string[]): Promise<ResourceRow[]> {
  if (datasetIds.length === 0) return [];
  return rowsOf<ResourceRow>(
    await tx.execute(sql`select id::text, dataset_id::text, kind, name, description, format, url, fields, row_count, size, color,
      position, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as created,
      to_char(modified_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as modified
      from data_peta_resource where dataset_id::text = any(${textArray(datasetIds)}) order by position, created_at`),
  );
}

/**
 * The collection id of an uploaded layer on /ogc: the dataset's name for its first layer,
 * `<dataset>-2`, `-3`… for the next ones (`ordinal` counts layers only, from 0).
 */
export const uploadedCollectionId = (datasetName: string, ordinal: number) =>
  ordinal === 0 ? datasetName : `${datasetName}-${ordinal + 1}`;

/** Where a resource's data is served (downloads and the CKAN `url`). */
export function resourceUrl(
  env: Pick<CatalogEnv, 'origin'>,
  r: { id: string; kind: string; url: string | null; format: string },
  collectionId?: string,
): string {
  if (r.kind === 'link') return r.url ?? '';
  if (r.kind === 'layer' && collectionId) return `${env.origin}/ogc/collections/${collectionId}/items?f=json`;
  return `${env.origin}/api/m/data-peta/resources/${r.id}/data.csv`;
}

/** The portal's view of a dataset (and the base of every CKAN and DCAT dict). */
export function datasetView(
  env: CatalogEnv,
  row: CatalogRow,
  orgs: readonly Organisation[],
  resources: readonly ResourceRow[],
): DatasetView {
  const org = orgs.find((o) => o.id === row.org_id) ?? orgs[0]!;
  const entry = row.source === MODULE_ID ? undefined : moduleEntries(env).find((e) => e.name === row.name);
  let res: DatasetView['resources'];
  if (entry) {
    const fields = entry.decl.fields.map((f) => ({ ...f }));
    res = [
      entry.kind === 'table'
        ? {
            id: entry.resourceId,
            kind: 'table' as const,
            name: `${entry.decl.title.id} (CSV)`,
            description: entry.decl.description.id,
            format: 'CSV',
            url: `${env.origin}/api/m/data-peta/resources/${entry.resourceId}/data.csv`,
            fields,
            rowCount: 0,
            collectionId: null,
            modifiedAt: row.modified,
          }
        : {
            id: entry.resourceId,
            kind: 'layer' as const,
            name: `${entry.decl.title.id} (GeoJSON)`,
            description: entry.decl.description.id,
            format: 'GeoJSON',
            url: `${env.origin}/ogc/collections/${entry.name}/items?f=json`,
            fields,
            rowCount: 0,
            collectionId: entry.name,
            modifiedAt: row.modified,
          },
    ];
  } else {
    let layers = 0;
    res = resources
      .filter((r) => r.dataset_id === row.id)
      .map((r) => {
        const collectionId = r.kind === 'layer' ? uploadedCollectionId(row.name, layers++) : null;
        return {
          id: r.id,
          kind: r.kind,
          name: r.name,
          description: r.description,
          format: r.format,
          url: resourceUrl(env, r, collectionId ?? undefined),
          fields: r.fields,
          rowCount: r.row_count,
          collectionId,
          modifiedAt: r.modified,
        };
      });
  }
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    notes: row.notes,
    source: row.source,
    organisation: { id: org.id, name: org.name, title: org.title },
    tags: row.tags,
    license: licenceOf(row.license_id),
    frequency: row.frequency,
    temporalStart: row.temporal_start,
    temporalEnd: row.temporal_end,
    spatial: row.spatial,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    visibility: row.visibility,
    createdAt: row.created,
    modifiedAt: row.modified,
    resources: res,
  };
}

/** One catalogue entry by id or name (public ones only unless `all`). */
export async function findDataset(
  tx: Tx,
  env: CatalogEnv,
  idOrName: string,
  opts: { all?: boolean } = {},
): Promise<{ view: DatasetView; orgs: Organisation[] } | null> {
  const orgs = await organisations(tx, env.region);
  const [row] = rowsOf<CatalogRow>(
    await tx.execute(sql`with catalog as (${catalogCte(env, orgs, opts)})
      select * from catalog where id = ${idOrName} or name = ${idOrName} limit 1`),
  );
  if (!row) return null;
  const resources = row.source === MODULE_ID ? await staffResources(tx, [row.id]) : [];
  return { view: datasetView(env, row, orgs, resources), orgs };
}

/** The table behind a resource id (a module dataset's or an uploaded table), or null. */
export async function tableOf(
  tx: Tx,
  env: CatalogEnv,
  resourceId: string,
  opts: { all?: boolean } = {},
): Promise<{ source: TableSource; datasetName: string; fields: StoredField[]; title: string } | null> {
  const entry = moduleEntries(env).find((e) => e.resourceId === resourceId && e.kind === 'table');
  if (entry) {
    const d = entry.decl as PublishedDataset;
    return {
      source: { source: d.query({ tx, regionId: env.region.id }), fields: d.fields, hasId: false },
      datasetName: entry.name,
      fields: d.fields.map((f) => ({ ...f })),
      title: d.title.id,
    };
  }
  if (!/^[0-9a-f-]{36}$/i.test(resourceId)) return null;
  const [r] = rowsOf<{ id: string; fields: StoredField[]; name: string; title: string }>(
    await tx.execute(sql`select r.id::text, r.fields, d.name, d.title from data_peta_resource r
      join data_peta_dataset d on d.region_id = r.region_id and d.id = r.dataset_id
      where r.id = ${resourceId}::uuid and r.kind = 'table' ${opts.all ? sql`` : sql`and d.visibility = 'public'`}`),
  );
  if (!r) return null;
  return {
    source: { source: storedRowsSource(r.id, r.fields), fields: r.fields, hasId: true },
    datasetName: r.name,
    fields: r.fields,
    title: r.title,
  };
}

/** Stored rows as a typed select (values were checked against their types on upload). */
export function storedRowsSource(resourceId: string, fields: readonly StoredField[]): SQL {
  const cols = fields.map((f) => {
    const v = sql`(r.data ->> ${f.name})`;
    const id = sql.identifier(f.name);
    switch (f.type) {
      case 'int':
        return sql`${v}::bigint as ${id}`;
      case 'numeric':
        return sql`${v}::numeric as ${id}`;
      case 'date':
        return sql`${v}::date as ${id}`;
      case 'bool':
        return sql`${v}::boolean as ${id}`;
      case 'timestamp':
        return sql`${v}::timestamptz as ${id}`;
      default:
        return sql`${v} as ${id}`;
    }
  });
  return sql`select r.row_no as _id${cols.length ? sql`, ${sql.join(cols, sql`, `)}` : sql``} from data_peta_row r where r.resource_id = ${resourceId}::uuid`;
}

export type Collection = {
  id: string;
  title: string;
  description: string;
  kind: 'place' | 'event';
  color: string;
  source: string;
  fields: StoredField[];
  features: FeatureSource;
  /** Extent cache key. */
  key: string;
};

/** Every map layer of the region: module layers, then public uploaded GeoJSON layers. */
export async function collections(tx: Tx, env: CatalogEnv): Promise<Collection[]> {
  const out: Collection[] = [];
  for (const e of moduleEntries(env)) {
    if (e.kind !== 'layer') continue;
    const l = e.decl as PublishedLayer;
    out.push({
      id: e.name,
      title: l.title.id,
      description: `${l.description.id} / ${l.description.en}`,
      kind: l.kind,
      color: l.color,
      source: e.module.id,
      fields: l.fields.map((f) => ({ ...f })),
      features: pointSource(l.query({ tx, regionId: env.region.id }), l.fields),
      key: `${env.region.id}:${e.name}`,
    });
  }
  const uploaded = rowsOf<{
    id: string;
    name: string;
    title: string;
    notes: string;
    fields: StoredField[];
    color: string | null;
    position: number;
    modified: string;
  }>(
    await tx.execute(sql`select r.id::text, d.name, d.title, d.notes, r.fields, r.color, r.position, r.modified_at::text as modified
      from data_peta_resource r join data_peta_dataset d on d.region_id = r.region_id and d.id = r.dataset_id
      where r.kind = 'layer' and d.visibility = 'public' order by d.name, r.position`),
  );
  const ordinals = new Map<string, number>();
  for (const u of uploaded) {
    const ordinal = ordinals.get(u.name) ?? 0;
    ordinals.set(u.name, ordinal + 1);
    const props = u.fields.map((f) => {
      const v = sql`(f.properties ->> ${f.name})`;
      const id = sql.identifier(f.name);
      return f.type === 'numeric' || f.type === 'int'
        ? sql`, ${v}::numeric as ${id}`
        : f.type === 'bool'
          ? sql`, ${v}::boolean as ${id}`
          : sql`, ${v} as ${id}`;
    });
    out.push({
      id: uploadedCollectionId(u.name, ordinal),
      title: u.title,
      description: u.notes,
      kind: 'place',
      color: u.color ?? '#7c3aed',
      source: MODULE_ID,
      fields: u.fields,
      features: {
        source: sql`select f.feature_no::text as id, f.minx, f.miny, f.maxx, f.maxy, f.geometry, f.at as t0, f.at as t1${sql.join(props, sql``)}
          from data_peta_feature f where f.resource_id = ${u.id}::uuid`,
        fields: u.fields,
      },
      key: `${env.region.id}:${u.id}:${u.modified}`,
    });
  }
  return out;
}

/** The dataset (id or name) a resource id belongs to, or null. */
export async function datasetOfResource(tx: Tx, env: CatalogEnv, resourceId: string): Promise<string | null> {
  const entry = moduleEntries(env).find((e) => e.resourceId === resourceId);
  if (entry) return entry.name;
  if (!/^[0-9a-f-]{36}$/i.test(resourceId)) return null;
  const [r] = rowsOf<{ dataset_id: string }>(
    await tx.execute(sql`select dataset_id::text from data_peta_resource where id = ${resourceId}::uuid`),
  );
  return r?.dataset_id ?? null;
}
