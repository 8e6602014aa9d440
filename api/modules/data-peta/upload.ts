import type { FieldType, StoredField, UploadProblem } from '../../../shared/modules/data-peta';
import { invalid } from '../../core/errors';

/** Bounds of one upload: rows, columns, cell size, features and vertices. */
export const UPLOAD_LIMITS = {
  maxRows: 100_000,
  maxColumns: 100,
  maxCell: 10_000,
  maxFeatures: 50_000,
  maxVertices: 1_000_000,
  maxProblems: 50,
} as const;

/** A header or property name as a snake_case field name (what SQL, CSV and JSON all use). */
export function fieldName(raw: string): string {
  const s = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return /^[a-z_]/.test(s) ? s : s ? `k_${s}` : '';
}

const INT = /^-?\d{1,15}$/;
const NUM = /^-?\d+(?:[.,]\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string) {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The narrowest type every non-empty value of a column fits. */
function inferType(values: string[]): FieldType {
  const filled = values.filter((v) => v !== '');
  if (filled.length === 0) return 'text';
  if (filled.every((v) => INT.test(v))) return 'int';
  if (filled.every((v) => NUM.test(v))) return 'numeric';
  if (filled.every((v) => DATE.test(v) && validDate(v))) return 'date';
  return 'text';
}

function convert(v: string, type: FieldType): string | number | null {
  if (v === '') return null;
  if (type === 'int') return Number(v);
  if (type === 'numeric') return Number(v.replace(',', '.'));
  return v;
}

const fail = (problems: UploadProblem[], what: { id: string; en: string }) =>
  invalid(
    {
      id: `${what.id} (${problems.length}${problems.length >= UPLOAD_LIMITS.maxProblems ? '+' : ''} masalah)`,
      en: `${what.en} (${problems.length}${problems.length >= UPLOAD_LIMITS.maxProblems ? '+' : ''} problems)`,
    },
    { problems },
  );

/**
 * A parsed sheet (header + rows of cell text) as typed rows, or a 400 listing every row problem
 * (row 1 = the first row under the header): a missing or repeated header, a row with more or fewer
 * cells than the header, an oversized cell, too many rows or columns.
 */
export function tableFromSheet(sheet: string[][]): {
  fields: StoredField[];
  rows: Record<string, string | number | null>[];
} {
  const problems: UploadProblem[] = [];
  const add = (row: number, column: string | null, id: string, en: string): true => {
    if (problems.length < UPLOAD_LIMITS.maxProblems) problems.push({ row, column, message: { id, en } });
    return true;
  };
  const [header, ...body] = sheet;
  const rows = body.filter((r) => r.some((c) => c.trim() !== ''));
  if (!header || header.every((h) => h.trim() === ''))
    throw fail(
      [
        {
          row: 0,
          column: null,
          message: { id: 'Baris judul kolom kosong.', en: 'The header row is empty.' },
        },
      ],
      {
        id: 'Berkas tidak punya judul kolom',
        en: 'The file has no header row',
      },
    );
  if (header.length > UPLOAD_LIMITS.maxColumns)
    add(
      0,
      null,
      `Lebih dari ${UPLOAD_LIMITS.maxColumns} kolom.`,
      `More than ${UPLOAD_LIMITS.maxColumns} columns.`,
    );
  if (rows.length === 0) add(1, null, 'Tidak ada baris data.', 'There are no data rows.');
  if (rows.length > UPLOAD_LIMITS.maxRows)
    add(
      UPLOAD_LIMITS.maxRows + 1,
      null,
      `Lebih dari ${UPLOAD_LIMITS.maxRows} baris.`,
      `More than ${UPLOAD_LIMITS.maxRows} rows.`,
    );
  const names: string[] = [];
  header.forEach((h, i) => {
    const name = fieldName(h);
    if (!name) add(0, `#${i + 1}`, `Kolom ke-${i + 1} tidak punya judul.`, `Column ${i + 1} has no header.`);
    else if (names.includes(name) || name === '_id')
      add(0, h, `Judul kolom "${h}" dipakai dua kali.`, `Column header "${h}" appears twice.`);
    names.push(name);
  });
  rows.forEach((r, i) => {
    if (r.length !== header.length)
      add(
        i + 1,
        null,
        `Baris punya ${r.length} sel, judul punya ${header.length}.`,
        `The row has ${r.length} cells; the header has ${header.length}.`,
      );
    r.forEach((c, j) => {
      if (c.length > UPLOAD_LIMITS.maxCell)
        add(i + 1, header[j] ?? `#${j + 1}`, 'Isi sel terlalu panjang.', 'The cell is too long.');
    });
  });
  if (problems.length)
    throw fail(problems, { id: 'Berkas tidak dapat dimuat', en: 'The file cannot be loaded' });
  const fields: StoredField[] = header.map((h, j) => ({
    name: names[j]!,
    type: inferType(rows.map((r) => (r[j] ?? '').trim())),
    label: { id: h.trim(), en: h.trim() },
  }));
  return {
    fields,
    rows: rows.map((r) =>
      Object.fromEntries(fields.map((f, j) => [f.name, convert((r[j] ?? '').trim(), f.type)])),
    ),
  };
}

type Position = number[];
const GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
] as const;

export type ParsedFeature = {
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
  bbox: [number, number, number, number];
  at: string | null;
};

const TIME_PROPS = ['datetime', 'tanggal', 'date', 'waktu', 'time'];

/**
 * A GeoJSON FeatureCollection (RFC 7946, WGS 84) as features with bounding boxes, or a 400 listing
 * every feature problem (feature 1 = the first feature).
 */
export function featuresFromGeoJson(bytes: Buffer): { fields: StoredField[]; features: ParsedFeature[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw invalid({
      id: `Berkas bukan JSON yang sah: ${(err as Error).message}`,
      en: `The file is not valid JSON: ${(err as Error).message}`,
    });
  }
  const d = doc as { type?: unknown; features?: unknown };
  if (d?.type !== 'FeatureCollection' || !Array.isArray(d.features))
    throw invalid({
      id: 'GeoJSON harus berupa FeatureCollection.',
      en: 'The GeoJSON must be a FeatureCollection.',
    });
  const problems: UploadProblem[] = [];
  const add = (row: number, column: string | null, id: string, en: string): true => {
    if (problems.length < UPLOAD_LIMITS.maxProblems) problems.push({ row, column, message: { id, en } });
    return true;
  };
  if (d.features.length === 0) add(1, null, 'Tidak ada fitur.', 'There are no features.');
  if (d.features.length > UPLOAD_LIMITS.maxFeatures)
    add(
      UPLOAD_LIMITS.maxFeatures + 1,
      null,
      `Lebih dari ${UPLOAD_LIMITS.maxFeatures} fitur.`,
      `More than ${UPLOAD_LIMITS.maxFeatures} features.`,
    );
  let vertices = 0;
  const out: ParsedFeature[] = [];
  const keys = new Map<string, string>();
  const one = (raw: unknown, i: number): unknown => {
    const n = i + 1;
    const f = raw as {
      type?: unknown;
      geometry?: { type?: unknown; coordinates?: unknown };
      properties?: unknown;
    };
    if (f?.type !== 'Feature') return add(n, null, 'Bukan Feature.', 'Not a Feature.');
    const g = f.geometry;
    if (!g || !GEOMETRY_TYPES.includes(g.type as (typeof GEOMETRY_TYPES)[number]))
      return add(
        n,
        'geometry',
        `Geometri harus salah satu dari ${GEOMETRY_TYPES.join(', ')}.`,
        `The geometry must be one of ${GEOMETRY_TYPES.join(', ')}.`,
      );
    const box = [Infinity, Infinity, -Infinity, -Infinity] as [number, number, number, number];
    let bad = false;
    const visit = (c: unknown, depth: number): unknown => {
      if (bad) return;
      if (depth === 0) {
        const p = c as Position;
        if (
          !Array.isArray(p) ||
          p.length < 2 ||
          !p.every((x) => typeof x === 'number' && Number.isFinite(x))
        ) {
          bad = true;
          return add(
            n,
            'geometry',
            'Koordinat harus [bujur, lintang].',
            'A position must be [longitude, latitude].',
          );
        }
        const [x, y] = p as [number, number];
        if (x < -180 || x > 180 || y < -90 || y > 90) {
          bad = true;
          return add(
            n,
            'geometry',
            'Koordinat di luar WGS 84 (bujur −180…180, lintang −90…90).',
            'A position is outside WGS 84 (lon −180…180, lat −90…90).',
          );
        }
        vertices++;
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
        return;
      }
      if (!Array.isArray(c) || c.length === 0) {
        bad = true;
        return add(
          n,
          'geometry',
          'Susunan koordinat tidak sesuai jenis geometri.',
          'The coordinates do not fit the geometry type.',
        );
      }
      for (const x of c) visit(x, depth - 1);
    };
    const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[
      g.type as (typeof GEOMETRY_TYPES)[number]
    ];
    visit(g.coordinates, depth);
    if (bad) return;
    const props =
      f.properties && typeof f.properties === 'object' && !Array.isArray(f.properties)
        ? (f.properties as Record<string, unknown>)
        : {};
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props)) {
      const name = fieldName(k);
      if (!name) continue;
      if (!keys.has(name)) keys.set(name, k);
      properties[name] = v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
    }
    let at: string | null = null;
    for (const k of TIME_PROPS) {
      const v = properties[k];
      if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) {
        at = new Date(v).toISOString();
        break;
      }
    }
    out.push({ geometry: { type: g.type as string, coordinates: g.coordinates }, properties, bbox: box, at });
    return true;
  };
  d.features.slice(0, UPLOAD_LIMITS.maxFeatures).forEach((raw, i) => {
    one(raw, i);
  });
  if (vertices > UPLOAD_LIMITS.maxVertices)
    add(
      0,
      'geometry',
      `Lebih dari ${UPLOAD_LIMITS.maxVertices} titik koordinat.`,
      `More than ${UPLOAD_LIMITS.maxVertices} vertices.`,
    );
  if (problems.length)
    throw fail(problems, { id: 'GeoJSON tidak dapat dimuat', en: 'The GeoJSON cannot be loaded' });
  const fields: StoredField[] = [...keys.entries()]
    .slice(0, UPLOAD_LIMITS.maxColumns)
    .map(([name, label]) => {
      const values = out.map((f) => f.properties[name]).filter((v) => v !== undefined && v !== null);
      const type: FieldType =
        values.length && values.every((v) => typeof v === 'number')
          ? 'numeric'
          : values.length && values.every((v) => typeof v === 'boolean')
            ? 'bool'
            : 'text';
      return { name, type, label: { id: label, en: label } };
    });
  return { fields, features: out };
}
