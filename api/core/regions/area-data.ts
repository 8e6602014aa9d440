import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { provinceTimeZones, type TimeZoneName } from '../../../shared/indonesia';

/**
 * Kemendagri administrative areas (2025) from the npm package `idn-area-data`. Only its CSV files
 * are read: the package's JavaScript declares Node >= 22, the data works anywhere. Files are
 * parsed on first use and kept in memory (villages.csv is ~84k rows, parsed once per process).
 */

export type RegionType = 'provinsi' | 'kabupaten' | 'kota';
export type KemendagriRegion = {
  code: string;
  name: string;
  type: RegionType;
  provinceCode: string;
  provinceName: string;
};
export type AreaLevel = 'kecamatan' | 'kelurahan' | 'desa';
export type Area = { code: string; name: string; level: AreaLevel; parentCode: string | null };

const dataDir = () =>
  path.join(path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');

/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. Scans with slices
 * rather than per-character concatenation: villages.csv (~84k rows) parses in well under a second.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row: string[] = [];
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      field = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    row.push(field);
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) {
      i++;
      // A trailing comma at the very end still means one more (empty) field.
      if (i === n) row.push('');
    } else {
      // End of line (\n, \r\n, \r) or of the text.
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      i++;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

type Row = { code: string; parent: string; name: string };

/** Reads one data file as {code, parent, name} rows, whatever the column order. */
function readRows(file: string): Row[] {
  const [header, ...rows] = parseCsv(readFileSync(path.join(dataDir(), file), 'utf8'));
  if (!header) throw new Error(`idn-area-data: ${file} is empty`);
  const codeAt = header.indexOf('code');
  const nameAt = header.indexOf('name');
  const parentAt = header.findIndex((h) => h.endsWith('_code'));
  return rows
    .filter((r) => r.length > 1)
    .map((r) => ({
      code: r[codeAt] ?? '',
      parent: parentAt < 0 ? '' : (r[parentAt] ?? ''),
      name: r[nameAt] ?? '',
    }));
}

type Index = {
  provinces: Map<string, string>;
  regencies: Map<string, Row>;
  districtsOf: Map<string, Row[]>;
};

let index: Index | undefined;
let villagesOf: Map<string, Row[]> | undefined;

function groupBy(rows: Row[], key: (r: Row) => string): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

function loadIndex(): Index {
  index ??= {
    provinces: new Map(readRows('provinces.csv').map((r) => [r.code, r.name])),
    regencies: new Map(readRows('regencies.csv').map((r) => [r.code, r])),
    districtsOf: groupBy(readRows('districts.csv'), (r) => r.parent),
  };
  return index;
}

/** Villages grouped by kab/kota code (the first 5 characters), the unit areas are loaded in. */
function loadVillages(): Map<string, Row[]> {
  villagesOf ??= groupBy(readRows('villages.csv'), (r) => r.code.slice(0, 5));
  return villagesOf;
}

/** What kind of Kemendagri code this is, by shape alone (no lookup). */
export function codeLevel(code: string): 'provinsi' | 'kabkota' | 'kecamatan' | 'desa' | null {
  if (/^\d{2}$/.test(code)) return 'provinsi';
  if (/^\d{2}\.\d{2}$/.test(code)) return 'kabkota';
  if (/^\d{2}\.\d{2}\.\d{2}$/.test(code)) return 'kecamatan';
  if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(code)) return 'desa';
  return null;
}

/** A province (`PP`) or kabupaten/kota (`PP.KK`); null for anything else or an unknown code. */
export function findRegionByCode(code: string): KemendagriRegion | null {
  const { provinces, regencies } = loadIndex();
  const level = codeLevel(code);
  if (level === 'provinsi') {
    const name = provinces.get(code);
    return name ? { code, name, type: 'provinsi', provinceCode: code, provinceName: name } : null;
  }
  if (level !== 'kabkota') return null;
  const regency = regencies.get(code);
  if (!regency) return null;
  // The name says what it is ("Kabupaten …" / "Kota …"); the 71+ numbering rule has exceptions
  // in older data, the name does not.
  const type: RegionType = regency.name.startsWith('Kota ')
    ? 'kota'
    : regency.name.startsWith('Kabupaten ')
      ? 'kabupaten'
      : Number(code.slice(3)) >= 71
        ? 'kota'
        : 'kabupaten';
  return {
    code,
    name: regency.name,
    type,
    provinceCode: regency.parent,
    provinceName: provinces.get(regency.parent) ?? regency.parent,
  };
}

/** Village level from the first digit of NNNN: 1 kelurahan, 2 desa (3 = desa adat in Papua, also a desa). */
const villageLevel = (code: string): AreaLevel => (code.slice(-4).startsWith('1') ? 'kelurahan' : 'desa');

/**
 * Kecamatan (parentCode null) and their kelurahan/desa of a kabupaten/kota, sorted by code.
 * A province has no areas of its own ([]): areas are loaded per kabupaten/kota.
 */
export function areasOf(code: string): Area[] {
  if (codeLevel(code) !== 'kabkota') return [];
  const districts = loadIndex().districtsOf.get(code) ?? [];
  if (districts.length === 0) return [];
  const villages = loadVillages().get(code) ?? [];
  const areas: Area[] = [
    ...districts.map((d) => ({ code: d.code, name: d.name, level: 'kecamatan' as const, parentCode: null })),
    ...villages.map((v) => ({
      code: v.code,
      name: v.name,
      level: villageLevel(v.code),
      parentCode: v.parent,
    })),
  ];
  return areas.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The time zone of a province (see `provinceTimeZones` in shared/indonesia.ts). */
export function timeZoneOf(provinceCode: string): TimeZoneName {
  const zone = provinceTimeZones[provinceCode.slice(0, 2)];
  if (zone) return zone;
  throw new Error(`Kode provinsi ${provinceCode} tidak dikenal / Unknown province code ${provinceCode}`);
}

/**
 * Every province and kabupaten/kota the Kemendagri data knows (2025: 38 + 514 = 552), or those of
 * one province: the province first, then its kabupaten/kota, by code.
 */
export function allRegions(provinceCode?: string): KemendagriRegion[] {
  const { provinces, regencies } = loadIndex();
  const out: KemendagriRegion[] = [];
  for (const p of [...provinces.keys()].sort()) {
    if (provinceCode && p !== provinceCode) continue;
    out.push(findRegionByCode(p)!);
    for (const code of [...regencies.keys()].filter((c) => regencies.get(c)!.parent === p).sort())
      out.push(findRegionByCode(code)!);
  }
  return out;
}
