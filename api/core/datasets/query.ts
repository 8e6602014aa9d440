import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { rowsOf } from '../db/client';
import { AppError } from '../errors';
import type { DatasetField, DatasetFieldType } from './types';

/**
 * The shared machinery behind every published table and layer: a source select (a module's
 * declared query, or Data & Peta's stored rows) wrapped with filters, search, sorting and paging.
 * Every value is a bound parameter; identifiers are only declared field names (checked here).
 */

export const FIELD_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Hard bounds: what one request may ask for, whatever it says. */
export const TABLE_LIMITS = { maxRows: 32_000, defaultRows: 100 } as const;
export const FEATURE_LIMITS = {
  defaultLimit: 10,
  maxLimit: 10_000,
  /**
   * `numberMatched` is counted up to this; above it is left out (the spec allows that, never an
   * estimate): an exact count of a dense box costs a heap visit per feature (bench:data).
   */
  maxCount: 1_000,
  /** Largest `bbox` in square degrees (about 550 × 550 km at the equator). */
  maxBboxArea: 25,
  maxOffset: 1_000_000,
} as const;

export class DataQueryError extends AppError {
  constructor(en: string, id: string, details?: unknown) {
    super('VALIDATION_FAILED', { messages: { id, en }, details });
  }
}

const col = (name: string) => {
  if (!FIELD_NAME.test(name)) throw new Error(`bad field name ${name}`);
  return sql.identifier(name);
};

/** A field as a JSON-friendly value: numbers as float8, dates as ISO strings. */
function output(name: string, type: DatasetFieldType): SQL {
  const c = sql`d.${col(name)}`;
  switch (type) {
    case 'int':
    case 'numeric':
      return sql`(${c})::float8`;
    case 'date':
      return sql`to_char((${c})::date, 'YYYY-MM-DD')`;
    case 'timestamp':
      return sql`to_char((${c})::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
    case 'bool':
      return sql`(${c})::boolean`;
    default:
      return sql`(${c})::text`;
  }
}

export type TableQuery = {
  /** field → accepted values (a list means OR, like CKAN `filters`). */
  filters?: Record<string, readonly (string | number | boolean | null)[]>;
  /** Words that must all appear somewhere in the row (case-insensitive). */
  q?: string;
  /** Per-field words (CKAN's dict-valued `q`). */
  qFields?: Record<string, string>;
  fields?: readonly string[];
  sort?: readonly { field: string; desc: boolean }[];
  limit: number;
  offset: number;
  includeTotal: boolean;
  /** A higher bound for whole-table downloads (default TABLE_LIMITS.maxRows). */
  maxRows?: number;
};

export type TableSource = {
  /** A select with the fields' columns (and `_id` int when `hasId`). */
  source: SQL;
  fields: readonly Pick<DatasetField, 'name' | 'type'>[];
  /** The source has its own stable `_id` (stored rows); else `_id` is the row number in field order. */
  hasId: boolean;
};

const likeWord = (w: string) => `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

function words(q: string): string[] {
  return q
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 20);
}

/** Rows of a published table for `datastore_search`, downloads and previews. */
export async function queryTable(
  tx: Tx,
  src: TableSource,
  q: TableQuery,
): Promise<{ records: Record<string, unknown>[]; total: number | null; fields: string[] }> {
  const known = new Map(src.fields.map((f) => [f.name, f.type]));
  const unknown = (f: string) =>
    new DataQueryError(`field "${f}" does not exist`, `kolom "${f}" tidak ada`, { field: f });
  const selected = q.fields?.length ? q.fields : ['_id', ...src.fields.map((f) => f.name)];
  for (const f of selected) if (f !== '_id' && !known.has(f)) throw unknown(f);
  const maxRows = q.maxRows ?? TABLE_LIMITS.maxRows;
  if (q.limit < 0 || q.limit > maxRows)
    throw new DataQueryError(
      `limit must be between 0 and ${maxRows}`,
      `limit harus antara 0 dan ${maxRows}`,
      {
        field: 'limit',
      },
    );

  const conds: SQL[] = [];
  for (const [f, values] of Object.entries(q.filters ?? {})) {
    if (f !== '_id' && !known.has(f)) throw unknown(f);
    const nonNull = values.filter((v) => v !== null).map(String);
    const parts: SQL[] = [];
    if (nonNull.length > 0)
      parts.push(
        sql`d.${col(f)}::text in (${sql.join(
          nonNull.map((v) => sql`${v}`),
          sql`, `,
        )})`,
      );
    if (values.some((v) => v === null)) parts.push(sql`d.${col(f)} is null`);
    conds.push(parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`);
  }
  const everything = sql.join(
    src.fields.map((f) => sql`coalesce(d.${col(f.name)}::text, '')`),
    sql` || ' ' || `,
  );
  for (const w of words(q.q ?? '')) conds.push(sql`(${everything}) ilike ${likeWord(w)}`);
  for (const [f, text] of Object.entries(q.qFields ?? {})) {
    if (!known.has(f)) throw unknown(f);
    for (const w of words(text)) conds.push(sql`d.${col(f)}::text ilike ${likeWord(w)}`);
  }
  const where = conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``;

  const order: SQL[] = [];
  for (const s of q.sort ?? []) {
    if (s.field !== '_id' && !known.has(s.field)) throw unknown(s.field);
    order.push(sql`d.${col(s.field)} ${s.desc ? sql`desc nulls last` : sql`asc nulls last`}`);
  }
  order.push(sql`d._id`);

  const numbered = src.hasId
    ? src.source
    : sql`select row_number() over (order by ${sql.join(
        src.fields.map((f) => sql`s.${col(f.name)}`),
        sql`, `,
      )})::int as _id, s.* from (${src.source}) s`;
  const cols = selected.map((f) =>
    f === '_id' ? sql`d._id::int as _id` : sql`${output(f, known.get(f)!)} as ${col(f)}`,
  );
  const records = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`select ${sql.join(cols, sql`, `)} from (${numbered}) d ${where}
      order by ${sql.join(order, sql`, `)} limit ${q.limit} offset ${q.offset}`),
  );
  let total: number | null = null;
  if (q.includeTotal) {
    const [row] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from (${numbered}) d ${where}`),
    );
    total = Number(row?.n ?? 0);
  }
  return { records, total, fields: selected.map(String) };
}

export type Bbox = [number, number, number, number];
export type Interval = { start: Date | null; end: Date | null };

export type FeatureQuery = { bbox?: Bbox; datetime?: Interval; limit: number; offset: number; id?: string };

export type FeatureSource = {
  /**
   * A select with `id` text, `minx`, `miny`, `maxx`, `maxy` (CRS84 bounds), `geometry` (GeoJSON
   * jsonb, or null for a point at minx/miny), `t0`/`t1` (timestamptz or null) and the fields.
   */
  source: SQL;
  fields: readonly Pick<DatasetField, 'name' | 'type'>[];
};

/** A module's point layer (`id, lon, lat, at, fields…`) in the shape `queryFeatures` reads. */
export function pointSource(
  query: SQL,
  fields: readonly Pick<DatasetField, 'name' | 'type'>[],
): FeatureSource {
  const props = fields.map((f) => sql`, p.${col(f.name)}`);
  return {
    source: sql`select p.id::text as id, p.lon as minx, p.lat as miny, p.lon as maxx, p.lat as maxy,
      null::jsonb as geometry, p.at as t0, p.at as t1${sql.join(props, sql``)} from (${query}) p`,
    fields,
  };
}

export type Feature = {
  type: 'Feature';
  id: string;
  geometry: unknown;
  properties: Record<string, unknown>;
};

/** Checks a bbox against the bounds (and that it is a box at all). */
export function checkBbox(b: Bbox): void {
  const [minx, miny, maxx, maxy] = b;
  if (![minx, miny, maxx, maxy].every(Number.isFinite) || minx > maxx || miny > maxy)
    throw new DataQueryError(
      'bbox must be minLon,minLat,maxLon,maxLat with min ≤ max',
      'bbox harus minLon,minLat,maxLon,maxLat dengan min ≤ max',
    );
  if (miny < -90 || maxy > 90 || minx < -180 || maxx > 180)
    throw new DataQueryError('bbox is outside WGS 84 (CRS84)', 'bbox di luar WGS 84 (CRS84)');
  if ((maxx - minx) * (maxy - miny) > FEATURE_LIMITS.maxBboxArea)
    throw new DataQueryError(
      `bbox is larger than ${FEATURE_LIMITS.maxBboxArea} square degrees; ask for a smaller area`,
      `bbox lebih luas dari ${FEATURE_LIMITS.maxBboxArea} derajat persegi; minta wilayah yang lebih kecil`,
    );
}

/**
 * Features of a layer: bbox intersects (by bounding box), datetime intersects (features without
 * a time match, as OGC API – Features asks), ordered west to east (minx, miny, id: the order of a
 * layer's position index, so a page of a dense box reads only its own rows), counted up to `maxCount`.
 */
export async function queryFeatures(
  tx: Tx,
  src: FeatureSource,
  q: FeatureQuery,
): Promise<{ features: Feature[]; matched: number | null }> {
  const conds = featureConditions(q);
  const { page, count } = featureSql(src, q, conds);
  const rows = rowsOf<
    Record<string, unknown> & { id: string; minx: number; miny: number; geometry: unknown }
  >(await tx.execute(page));
  const features: Feature[] = rows.map((r) => {
    const properties: Record<string, unknown> = {};
    for (const f of src.fields) properties[f.name] = r[f.name] ?? null;
    return {
      type: 'Feature',
      id: r.id,
      geometry: r.geometry ?? { type: 'Point', coordinates: [Number(r.minx), Number(r.miny)] },
      properties,
    };
  });
  let matched: number | null = null;
  if (q.id === undefined) {
    const [row] = rowsOf<{ n: number }>(await tx.execute(count));
    const n = Number(row?.n ?? 0);
    matched = n > FEATURE_LIMITS.maxCount ? null : n;
  }
  return { features, matched };
}

/** The two statements behind `queryFeatures` (the page, and the capped count): also for benchmarks. */
export function featureSql(
  src: FeatureSource,
  q: FeatureQuery,
  conds = featureConditions(q),
): { page: SQL; count: SQL } {
  const where = conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``;
  const limit = Math.min(Math.max(1, q.limit), FEATURE_LIMITS.maxLimit);
  if (q.offset > FEATURE_LIMITS.maxOffset)
    throw new DataQueryError(
      `offset is larger than ${FEATURE_LIMITS.maxOffset}; narrow the query with bbox or datetime`,
      `offset lebih dari ${FEATURE_LIMITS.maxOffset}; persempit dengan bbox atau datetime`,
    );
  const props = src.fields.map((f) => sql`, ${output(f.name, f.type)} as ${col(f.name)}`);
  return {
    page: sql`select d.id, d.minx, d.miny, d.geometry${sql.join(props, sql``)}
      from (select * from (${src.source}) f ${where} order by f.minx, f.miny, f.id limit ${limit} offset ${q.offset}) d
      order by d.minx, d.miny, d.id`,
    count: sql`select count(*)::int as n from (select 1 from (${src.source}) f ${where} limit ${FEATURE_LIMITS.maxCount + 1}) c`,
  };
}

/** The WHERE terms of a feature query (bbox intersects, datetime intersects, one id), checked and bound. */
export function featureConditions(q: FeatureQuery): SQL[] {
  const conds: SQL[] = [];
  if (q.bbox) {
    checkBbox(q.bbox);
    const [minx, miny, maxx, maxy] = q.bbox;
    conds.push(sql`f.minx <= ${maxx} and f.maxx >= ${minx} and f.miny <= ${maxy} and f.maxy >= ${miny}`);
  }
  if (q.datetime) {
    const { start, end } = q.datetime;
    const parts: SQL[] = [];
    if (end) parts.push(sql`f.t0 <= ${end.toISOString()}::timestamptz`);
    if (start) parts.push(sql`f.t1 >= ${start.toISOString()}::timestamptz`);
    if (parts.length) conds.push(sql`(f.t0 is null or (${sql.join(parts, sql` and `)}))`);
  }
  if (q.id !== undefined) conds.push(sql`f.id = ${q.id}`);
  return conds;
}

/** The extent of a layer: [minx, miny, maxx, maxy] and the first and last time (null when none). */
export async function featureExtent(
  tx: Tx,
  src: FeatureSource,
): Promise<{ bbox: Bbox | null; start: string | null; end: string | null }> {
  const [r] = rowsOf<{
    minx: number | null;
    miny: number;
    maxx: number;
    maxy: number;
    t0: string | null;
    t1: string | null;
  }>(
    await tx.execute(sql`select min(f.minx)::float8 as minx, min(f.miny)::float8 as miny, max(f.maxx)::float8 as maxx,
      max(f.maxy)::float8 as maxy,
      to_char(min(f.t0) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as t0,
      to_char(max(f.t1) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as t1
      from (${src.source}) f`),
  );
  if (!r || r.minx === null) return { bbox: null, start: null, end: null };
  return {
    bbox: [Number(r.minx), Number(r.miny), Number(r.maxx), Number(r.maxy)],
    start: r.t0,
    end: r.t1,
  };
}

/**
 * The IANA zone of the transaction's region (from `region.time_zone`), for published queries that
 * group by local day or month: `date_trunc('month', created_at at time zone ${regionZone})`.
 */
export const regionZone = sql`(select case r.time_zone when 'WITA' then 'Asia/Makassar' when 'WIT' then 'Asia/Jayapura' else 'Asia/Jakarta' end
  from region r where r.id = nullif(current_setting('app.region_id', true), '')::uuid)`;
