import { sql } from 'drizzle-orm';
import {
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { DatasetFrequency, StoredField, Visibility } from '../../../shared/modules/data-peta';
import { tenantTable } from '../../core/db/tenancy';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/**
 * A dataset staff added (modules' datasets are declared in their manifests, not stored).
 * `visibility`: draft (staff only), public (every API and the catalogue), private (staff only,
 * never in any API, catalogue or map).
 */
export const dpDataset = tenantTable(
  'data_peta_dataset',
  {
    id: uuid().notNull().defaultRandom(),
    /** CKAN name: lowercase, digits, `-` and `_`, 2–100 characters, unique in the region. */
    name: text().notNull(),
    title: text().notNull(),
    notes: text().notNull().default(''),
    /** The publishing OPD (CKAN organisation); null = the region itself. */
    opdId: uuid(),
    tags: text().array().notNull().default(sql`'{}'`),
    licenseId: text().notNull().default('CC-BY-4.0'),
    frequency: text().$type<DatasetFrequency>().notNull().default('irregular'),
    temporalStart: date({ mode: 'string' }),
    temporalEnd: date({ mode: 'string' }),
    /** Spatial coverage in words (e.g. "Kota Tangerang", "Kecamatan Cipondoh"). */
    spatial: text(),
    contactName: text(),
    contactEmail: text(),
    visibility: text().$type<Visibility>().notNull().default('draft'),
    createdBy: uuid(),
    createdAt: createdAt(),
    modifiedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('data_peta_dataset_name_uq').on(t.regionId, t.name),
    index('data_peta_dataset_public_idx')
      .on(t.regionId, t.modifiedAt.desc())
      .where(sql`visibility = 'public'`),
  ],
);

/**
 * A dataset's resource: a tabular upload (`table`, its rows in data_peta_row: the DataStore), a
 * GeoJSON upload (`layer`, features in data_peta_feature: an OGC collection) or a link.
 */
export const dpResource = tenantTable(
  'data_peta_resource',
  {
    id: uuid().notNull().defaultRandom(),
    datasetId: uuid().notNull(),
    kind: text().$type<'table' | 'layer' | 'link'>().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    format: text().notNull(),
    /** The address of a link; null for uploads (served by Data & Peta). */
    url: text(),
    fields: jsonb().$type<StoredField[]>().notNull().default([]),
    rowCount: integer().notNull().default(0),
    size: integer(),
    /** Layers: marker/line colour and the features' extent [minx, miny, maxx, maxy]. */
    color: text(),
    extent: jsonb().$type<[number, number, number, number] | null>(),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    modifiedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.datasetId],
      foreignColumns: [dpDataset.regionId, dpDataset.id],
    }).onDelete('cascade'),
    index('data_peta_resource_dataset_idx').on(t.regionId, t.datasetId, t.position),
  ],
);

/** One row of an uploaded table (`_id` = rowNo, from 1), values keyed by field name. */
export const dpRow = tenantTable(
  'data_peta_row',
  {
    resourceId: uuid().notNull(),
    rowNo: integer().notNull(),
    data: jsonb().$type<Record<string, string | number | boolean | null>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.resourceId, t.rowNo] }),
    foreignKey({
      columns: [t.regionId, t.resourceId],
      foreignColumns: [dpResource.regionId, dpResource.id],
    }).onDelete('cascade'),
  ],
);

/** One feature of an uploaded GeoJSON layer, with its bounding box for `bbox` queries. */
export const dpFeature = tenantTable(
  'data_peta_feature',
  {
    resourceId: uuid().notNull(),
    featureNo: integer().notNull(),
    geometry: jsonb().notNull(),
    properties: jsonb().$type<Record<string, unknown>>().notNull(),
    minx: doublePrecision().notNull(),
    miny: doublePrecision().notNull(),
    maxx: doublePrecision().notNull(),
    maxy: doublePrecision().notNull(),
    /** The feature's time (from a `datetime`/`tanggal` property), for `datetime` filters. */
    at: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.resourceId, t.featureNo] }),
    foreignKey({
      columns: [t.regionId, t.resourceId],
      foreignColumns: [dpResource.regionId, dpResource.id],
    }).onDelete('cascade'),
    index('data_peta_feature_bbox_idx').on(t.regionId, t.resourceId, t.minx, t.miny),
  ],
);

export const dataPetaTables = [dpDataset, dpResource, dpRow, dpFeature];
