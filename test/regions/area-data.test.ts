import { describe, expect, it } from 'vitest';
import { areasOf, codeLevel, findRegionByCode, parseCsv, timeZoneOf } from '../../api/core/regions/area-data';
import { provinceCodes } from '../../shared/indonesia';

describe('Kemendagri area data (idn-area-data CSV)', () => {
  it('parses quoted CSV fields with commas, doubled quotes and CRLF', () => {
    expect(parseCsv('code,name\r\n1,"Lubuk Pakam I,II"\r\n2,"Ra""as"\n3,plain')).toEqual([
      ['code', 'name'],
      ['1', 'Lubuk Pakam I,II'],
      ['2', 'Ra"as'],
      ['3', 'plain'],
    ]);
  });

  it('finds Kota Tangerang with its 13 kecamatan and 104 kelurahan', () => {
    expect(findRegionByCode('36.71')).toEqual({
      code: '36.71',
      name: 'Kota Tangerang',
      type: 'kota',
      provinceCode: '36',
      provinceName: 'Banten',
    });
    const areas = areasOf('36.71');
    const kecamatan = areas.filter((a) => a.level === 'kecamatan');
    expect(kecamatan).toHaveLength(13);
    expect(kecamatan.every((k) => k.parentCode === null && /^36\.71\.\d{2}$/.test(k.code))).toBe(true);
    expect(areas.filter((a) => a.level === 'kelurahan')).toHaveLength(104);
    expect(areas.filter((a) => a.level === 'desa')).toHaveLength(0);
    const kecamatanCodes = new Set(kecamatan.map((k) => k.code));
    expect(areas.filter((a) => a.level !== 'kecamatan').every((v) => kecamatanCodes.has(v.parentCode!))).toBe(
      true,
    );
  });

  it('tells a kabupaten from a kota by its name, and desa from kelurahan by the village code', () => {
    const kab = findRegionByCode('36.03');
    expect(kab).toMatchObject({ name: 'Kabupaten Tangerang', type: 'kabupaten', provinceCode: '36' });
    const areas = areasOf('36.03');
    expect(areas.filter((a) => a.level === 'kecamatan')).toHaveLength(29);
    const villages = areas.filter((a) => a.level !== 'kecamatan');
    expect(
      villages.every((v) =>
        v.code.slice(-4).startsWith('1') ? v.level === 'kelurahan' : v.level === 'desa',
      ),
    ).toBe(true);
    expect(villages.some((v) => v.level === 'desa')).toBe(true);
  });

  it('finds a province, which has no areas of its own', () => {
    expect(findRegionByCode('36')).toEqual({
      code: '36',
      name: 'Banten',
      type: 'provinsi',
      provinceCode: '36',
      provinceName: 'Banten',
    });
    expect(findRegionByCode('96')).toMatchObject({ name: 'Papua Barat Daya', type: 'provinsi' });
    expect(areasOf('36')).toEqual([]);
  });

  it('knows all 38 provinces', () => {
    for (const pp of provinceCodes) expect(findRegionByCode(pp), pp).not.toBeNull();
  });

  it('returns null for unknown codes and for kecamatan/desa codes', () => {
    expect(findRegionByCode('99.99')).toBeNull();
    expect(findRegionByCode('99')).toBeNull();
    expect(findRegionByCode('36.71.01')).toBeNull();
    expect(findRegionByCode('36.71.01.1001')).toBeNull();
    expect(findRegionByCode('Tangerang')).toBeNull();
    expect(areasOf('99.99')).toEqual([]);
    expect(codeLevel('36.71.01')).toBe('kecamatan');
    expect(codeLevel('36.71.01.1001')).toBe('desa');
  });

  it('maps provinces to WIB, WITA and WIT', () => {
    expect(timeZoneOf('36')).toBe('WIB');
    expect(timeZoneOf('62')).toBe('WIB');
    expect(timeZoneOf('51')).toBe('WITA'); // Bali
    expect(timeZoneOf('73')).toBe('WITA'); // Sulawesi Selatan (Kota Makassar 73.71)
    expect(timeZoneOf('64')).toBe('WITA'); // Kalimantan Timur
    expect(timeZoneOf('81')).toBe('WIT'); // Maluku
    expect(timeZoneOf('94')).toBe('WIT'); // Papua Tengah
    for (const pp of provinceCodes) expect(['WIB', 'WITA', 'WIT']).toContain(timeZoneOf(pp));
    expect(() => timeZoneOf('99')).toThrow(/Unknown province code 99/);
  });
});
