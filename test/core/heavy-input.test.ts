import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetParser } from '../../api/core/files/sheets/parse';
import {
  call,
  createAccount,
  createRegion,
  createTestApp,
  type TestAccount,
  type TestApp,
  type TestRegion,
} from '../support/app';
import { buildZip } from '../support/zip';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 1024 * 1024;

/** Decompression bombs, huge images, and heavy parsing kept off the request thread. */
describe('heavy uploads', () => {
  let t: TestApp;
  let region: TestRegion;
  let admin: TestAccount;
  const importFile = (bytes: Buffer, fileName: string) =>
    call(t, region, {
      method: 'POST',
      url: `/api/m/harga-pangan/imports?fileName=${fileName}`,
      as: admin,
      payload: bytes,
      headers: { 'content-type': XLSX },
    });

  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t);
    admin = await createAccount(t, region, ['region_admin']);
  });
  afterAll(() => t.close());

  it('refuses an XLSX that would inflate to 200 MB with 413, quickly and without inflating it', async () => {
    const bomb = await buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
      { name: 'xl/worksheets/sheet1.xml', zeros: 200 * MB },
    ]);
    expect(bomb.length).toBeLessThan(MB);
    const started = performance.now();
    const res = await importFile(bomb, 'bom.xlsx');
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.json().error.messages.id).toMatch(/MB/);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refuses a bomb whose headers lie about its size, without inflating it all', async () => {
    const liar = await buildZip([
      { name: 'xl/worksheets/sheet1.xml', zeros: 200 * MB, declaredSize: 900_000 },
    ]);
    const started = performance.now();
    const res = await importFile(liar, 'bohong.xlsx');
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.messages.en).toMatch(/table of contents/);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refuses an absurd compression ratio below the size bound', async () => {
    const dense = await buildZip([{ name: 'xl/worksheets/sheet1.xml', zeros: 20 * MB }]);
    const res = await importFile(dense, 'padat.xlsx');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.messages.en).toMatch(/compressed/);
  });

  it('refuses a 49-megapixel photo before decoding it', async () => {
    const png = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#336699' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const boundary = 'uji-besar';
    const res = await call(t, region, {
      method: 'POST',
      url: '/api/files/photos',
      as: admin,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="besar.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.messages.en).toMatch(/7000×7000/);
  });

  it('answers /healthz while a large, valid import is being parsed', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Harga');
    ws.addRow(['date', 'market', 'commodity', 'unit', 'price', 'price type']);
    for (let i = 0; i < 20_000; i++)
      ws.addRow(['2026-01-02', `Pasar ${i % 7}`, 'beras-medium', 'kg', 13_500, 'eceran']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const importing = importFile(bytes, 'besar.xlsx');
    while (sheetParser.pending === 0) await new Promise((go) => setImmediate(go));
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(sheetParser.pending, 'the import was still being parsed when /healthz answered').toBe(1);
    expect((await importing).statusCode).toBe(201);
  });
});
